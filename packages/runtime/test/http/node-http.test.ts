import http from 'node:http';
import { ContextScope, newObjectGraph, OutOfScopeError, WrongArgTypeError } from '@pinion/runtime';
import { nodeHttpScope } from '@pinion/runtime/http';
import { specOf } from '../support/assertions.js';
import {
  abortAfterStart,
  closeServer,
  closeServers,
  DisposalLog,
  deferred,
  disposalsOf,
  expectDisposedOnce,
  expectOwnRequests,
  expectScopeCheckedAtCreation,
  getAll,
  listen,
  probe,
  RequestContext,
  requestGraph,
  requestIds,
} from './harness.js';

afterAll(closeServers);

const json = (res: http.ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

describe('nodeHttpScope', () => {
  it('keeps 200 concurrent requests apart across awaits and disposes each request-scoped object once', async () => {
    const log = new DisposalLog();
    const graph = requestGraph(log);
    const server = http.createServer(nodeHttpScope(graph, async (req, res) => json(res, 200, await probe(graph, req))));
    const url = await listen(server);
    const ids = requestIds();

    expectOwnRequests(ids, await getAll(url, ids));
    await log.waitFor(disposalsOf(ids));
    await closeServer(server); // every `finish` and `close` has fired now: no second disposal
    expectDisposedOnce(log, disposalsOf(ids));
  });

  it('supplies `request` and `response` by default; custom values extend and override them', async () => {
    const log = new DisposalLog();
    const graph = requestGraph(log, {
      configure: (bind) => {
        bind('tenant').toScopeValue('request');
        bind('user').toScopeValue('request');
      },
    });
    const seen: Record<string, boolean | unknown> = {};
    const plain = http.createServer(
      nodeHttpScope(graph, (req, res) => {
        seen.defaults = graph.get('request') === req && graph.get('response') === res;
        res.end();
      }),
    );
    const custom = http.createServer(
      nodeHttpScope(
        graph,
        (req, res) => {
          seen.request = graph.get('request') === req;
          seen.response = graph.get('response');
          seen.tenant = graph.get('tenant');
          res.end();
        },
        { values: (req, res) => ({ tenant: req.headers['x-tenant'], response: { wrapped: res.statusCode } }) },
      ),
    );
    await fetch(await listen(plain));
    await fetch(await listen(custom), { headers: { 'x-tenant': 'acme' } });

    expect(seen).toEqual({ defaults: true, request: true, response: { wrapped: 200 }, tenant: 'acme' });
  });

  it('ends the frame when the client aborts before the response, while the handler still runs', async () => {
    const log = new DisposalLog();
    const graph = requestGraph(log);
    const started = deferred();
    const release = deferred();
    const afterRelease = deferred<unknown>();
    const server = http.createServer(
      nodeHttpScope(graph, async () => {
        graph.get('requestContext');
        started.resolve();
        await release.promise;
        // The frame ended with the connection: late work finds no request frame.
        try {
          graph.get('requestContext');
        } catch (error) {
          afterRelease.resolve(error);
        }
      }),
    );
    const url = await listen(server);

    await abortAfterStart(url, 'gone', started.promise);
    await log.waitFor(['RequestContext:gone']);
    release.resolve();

    expect(await afterRelease.promise).toBeInstanceOf(OutOfScopeError);
    expectDisposedOnce(log, ['RequestContext:gone']);
  });

  it('answers 500 when the handler throws or rejects, reports the error and still disposes', async () => {
    const log = new DisposalLog();
    const graph = requestGraph(log);
    const reported: unknown[] = [];
    const server = http.createServer(
      nodeHttpScope(
        graph,
        async (req) => {
          graph.get('greeter');
          if (req.url === '/sync') throw new Error('thrown');
          await Promise.resolve();
          throw new Error('rejected');
        },
        { onError: (error, info) => reported.push([(error as Error).message, info.phase, info.scopeId]) },
      ),
    );
    const url = await listen(server);

    const sync = await fetch(`${url}/sync`, { headers: { 'x-request-id': 'sync' } });
    const async = await fetch(`${url}/async`, { headers: { 'x-request-id': 'async' } });

    expect([sync.status, async.status]).toEqual([500, 500]);
    await log.waitFor(disposalsOf(['sync', 'async']));
    expect(reported).toEqual([
      ['thrown', 'handler', 'request'],
      ['rejected', 'handler', 'request'],
    ]);
  });

  it('drops the connection when the handler fails after the response started', async () => {
    const log = new DisposalLog();
    const graph = requestGraph(log);
    const server = http.createServer(
      nodeHttpScope(
        graph,
        (_req, res) => {
          graph.get('requestContext');
          res.writeHead(200);
          res.write('partial');
          throw new Error('half way');
        },
        { onError: () => {} },
      ),
    );
    const url = await listen(server);

    const answer = fetch(url, { headers: { 'x-request-id': 'half' } }).then((response) => response.text());
    await expect(answer).rejects.toThrow();
    await log.waitFor(['RequestContext:half']);
  });

  it('passes disposal errors to onError (default console.error) and keeps serving', async () => {
    class Leaky {
      [Symbol.dispose](): void {
        throw new Error('dispose failed');
      }
    }
    const reported: unknown[] = [];
    const log = new DisposalLog();
    const graph = requestGraph(log, {
      classes: [Leaky],
      configure: (bind) => bind('leaky').toClass(Leaky, { inScope: 'request' }),
    });
    const handler = (_req: http.IncomingMessage, res: http.ServerResponse) => {
      graph.get('requestContext');
      graph.get('leaky');
      res.end('ok');
    };
    const withOnError = http.createServer(
      nodeHttpScope(graph, handler, { onError: (error, info) => reported.push([error, info.phase]) }),
    );
    const withDefault = http.createServer(nodeHttpScope(graph, handler));
    const logged = deferred<unknown[]>();
    const consoleError = jest.spyOn(console, 'error').mockImplementation((...args) => logged.resolve(args));
    try {
      const url = await listen(withOnError);
      const first = await fetch(url, { headers: { 'x-request-id': 'one' } });
      const second = await fetch(url, { headers: { 'x-request-id': 'two' } });
      expect([await first.text(), await second.text()]).toEqual(['ok', 'ok']);
      await log.waitFor(['RequestContext:one', 'RequestContext:two']);
      expect(reported).toHaveLength(2);
      expect(reported[0]).toEqual([expect.objectContaining({ message: 'dispose failed' }), 'disposal']);

      await fetch(await listen(withDefault), { headers: { 'x-request-id': 'three' } });
      const [message, error] = await logged.promise;
      expect(message).toContain('disposing the objects of a request frame failed');
      expect(error).toEqual(expect.objectContaining({ message: 'dispose failed' }));
    } finally {
      consoleError.mockRestore();
    }
  });

  it('checks scopeId when created: an unknown id or one without frames is UnknownScopeError', () => {
    const handler = () => {};
    expectScopeCheckedAtCreation(
      'nodeHttpScope',
      'node-http.test.ts',
      (graph, options) => nodeHttpScope(graph, handler, options),
      'graph, handler',
    );
  });

  it('opens its frames in the scope named by scopeId', async () => {
    const log = new DisposalLog();
    const graph = newObjectGraph({
      classes: [RequestContext],
      bindingSpecs: [
        specOf((bind) => {
          bind('request').toScopeValue('call');
          bind('disposalLog').toInstance(log);
          bind('requestContext').toClass(RequestContext, { inScope: 'call' });
        }),
      ],
      idToScope: { call: new ContextScope() },
    });
    const server = http.createServer(
      nodeHttpScope(graph, (_req, res) => res.end(graph.get<RequestContext>('requestContext').id), { scopeId: 'call' }),
    );
    const response = await fetch(await listen(server), { headers: { 'x-request-id': 'call-1' } });
    expect(await response.text()).toBe('call-1');
    await log.waitFor(['RequestContext:call-1']);
  });

  it('checks its arguments when created', () => {
    const graph = requestGraph(new DisposalLog());
    const handler = () => {};
    expect(() => nodeHttpScope({} as never, handler)).toThrow(WrongArgTypeError);
    expect(() => nodeHttpScope(graph, 'handler' as never)).toThrow(WrongArgTypeError);
    expect(() => nodeHttpScope(graph, handler, { scopeId: 42 as never })).toThrow(/scopeId.*a string or symbol/);
    expect(() => nodeHttpScope(graph, handler, { values: {} as never })).toThrow(/values.*a function/);
    expect(() => nodeHttpScope(graph, handler, { onError: 'log' as never })).toThrow(/onError.*a function/);
  });
});
