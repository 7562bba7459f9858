import http from 'node:http';
import { expressScope } from '@pinion/runtime/http';
import express, { type ErrorRequestHandler } from 'express';
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
  type RequestContext,
  requestGraph,
  requestIds,
} from './harness.js';

afterAll(closeServers);

/** Answers 500 with the error's message, as a JSON body. */
const errorHandler: ErrorRequestHandler = (error, _req, res, _next) => {
  res.status(500).json({ error: (error as Error).message });
};

describe('expressScope', () => {
  it('keeps 200 concurrent requests apart across awaits and disposes each request-scoped object once', async () => {
    const log = new DisposalLog();
    const graph = requestGraph(log);
    const app = express();
    app.use(expressScope(graph));
    app.get('/probe', async (req, res) => {
      res.json(await probe(graph, req));
    });
    const server = http.createServer(app);
    const url = await listen(server);
    const ids = requestIds();

    expectOwnRequests(ids, await getAll(`${url}/probe`, ids));
    await log.waitFor(disposalsOf(ids));
    await closeServer(server); // every `finish` and `close` has fired now: no second disposal
    expectDisposedOnce(log, disposalsOf(ids));
  });

  it('supplies `request` and `response` by default; custom values extend and override them', async () => {
    const log = new DisposalLog();
    const graph = requestGraph(log, { configure: (bind) => bind('tenant').toScopeValue('request') });
    const seen: Record<string, unknown> = {};
    const plain = express();
    plain.use(expressScope(graph));
    plain.get('/', (req, res) => {
      seen.defaults = graph.get('request') === req && graph.get('response') === res;
      res.end();
    });
    const custom = express();
    custom.use(
      expressScope(graph, {
        values: (req: express.Request) => ({ tenant: req.get('x-tenant'), request: { path: req.path } }),
      }),
    );
    custom.get('/custom', (_req, res) => {
      seen.request = graph.get('request');
      seen.response = graph.get('response') === res;
      seen.tenant = graph.get('tenant');
      res.end();
    });
    await fetch(await listen(http.createServer(plain)));
    await fetch(`${await listen(http.createServer(custom))}/custom`, { headers: { 'x-tenant': 'acme' } });

    expect(seen).toEqual({ defaults: true, request: { path: '/custom' }, response: true, tenant: 'acme' });
  });

  it('sees the frame in a POST handler after express.json() has read the body', async () => {
    const log = new DisposalLog();
    const graph = requestGraph(log);
    const app = express();
    app.use(expressScope(graph));
    app.use(express.json());
    app.post('/orders', async (req, res) => {
      const requestContext = graph.get<RequestContext>('requestContext');
      await new Promise(setImmediate);
      res.json({
        id: requestContext.id,
        ownRequest: requestContext.request === req,
        same: graph.get('requestContext') === requestContext,
        body: req.body,
      });
    });
    const url = await listen(http.createServer(app));
    const ids = requestIds(20);

    const answers = await Promise.all(
      ids.map(async (id) => {
        const response = await fetch(`${url}/orders`, {
          method: 'POST',
          headers: { 'x-request-id': id, 'content-type': 'application/json' },
          body: JSON.stringify({ item: `item-${id}`, padding: 'x'.repeat(64 * 1024) }),
        });
        const answer = (await response.json()) as { body: { item: string } };
        return { ...answer, body: answer.body.item };
      }),
    );

    expect(answers).toEqual(ids.map((id) => ({ id, ownRequest: true, same: true, body: `item-${id}` })));
    await log.waitFor(ids.map((id) => `RequestContext:${id}`));
  });

  it('ends the frame when the client aborts before the response, while the handler still runs', async () => {
    const log = new DisposalLog();
    const graph = requestGraph(log);
    const started = deferred();
    const release = deferred();
    const app = express();
    app.use(expressScope(graph));
    app.get('/slow', async (_req, res) => {
      graph.get('greeter');
      started.resolve();
      await release.promise;
      res.end();
    });
    const url = await listen(http.createServer(app));

    await abortAfterStart(`${url}/slow`, 'gone', started.promise);
    await log.waitFor(disposalsOf(['gone']));
    release.resolve();

    expectDisposedOnce(log, disposalsOf(['gone']));
  });

  it('disposes when a handler throws or rejects: the error goes through Express error handling', async () => {
    const log = new DisposalLog();
    const graph = requestGraph(log);
    const app = express();
    app.use(expressScope(graph));
    app.get('/sync', () => {
      graph.get('greeter');
      throw new Error('thrown');
    });
    app.get('/async', async () => {
      graph.get('greeter');
      await new Promise(setImmediate);
      throw new Error('rejected');
    });
    app.use(errorHandler);
    const url = await listen(http.createServer(app));

    const sync = await fetch(`${url}/sync`, { headers: { 'x-request-id': 'sync' } });
    const async = await fetch(`${url}/async`, { headers: { 'x-request-id': 'async' } });

    expect([sync.status, await sync.json(), async.status, await async.json()]).toEqual([
      500,
      { error: 'thrown' },
      500,
      { error: 'rejected' },
    ]);
    await log.waitFor(disposalsOf(['sync', 'async']));
  });

  it('passes an error of values() to next(error)', async () => {
    const graph = requestGraph(new DisposalLog());
    const app = express();
    app.use(
      '/values',
      expressScope(graph, {
        values: () => {
          throw new Error('no tenant');
        },
      }),
    );
    app.get('/values', (_req, res) => {
      res.end('reached');
    });
    app.use(errorHandler);
    const url = await listen(http.createServer(app));

    const values = await fetch(`${url}/values`);

    expect([values.status, ((await values.json()) as { error: string }).error]).toEqual([500, 'no tenant']);
  });

  it('checks scopeId when created: an unknown id or one without frames is UnknownScopeError', () => {
    expectScopeCheckedAtCreation('expressScope', 'express.test.ts', (graph, options) => expressScope(graph, options));
  });

  it('opens one frame when the same middleware runs twice for a request (app and router)', async () => {
    const log = new DisposalLog();
    const graph = requestGraph(log);
    const scope = expressScope(graph);
    const app = express();
    const router = express.Router();
    let first: unknown;
    app.use(scope);
    app.use((_req, _res, next) => {
      first = graph.get('requestContext');
      next();
    });
    router.use(scope);
    router.get('/', (_req, res) => {
      res.json({ same: graph.get('requestContext') === first });
    });
    app.use('/nested', router);
    const url = await listen(http.createServer(app));

    const answer = await (await fetch(`${url}/nested`, { headers: { 'x-request-id': 'nested' } })).json();

    expect(answer).toEqual({ same: true });
    await log.waitFor(['RequestContext:nested']);
  });
});
