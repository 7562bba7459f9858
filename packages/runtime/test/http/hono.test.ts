import type http from 'node:http';
import { createAdaptorServer, type HttpBindings } from '@hono/node-server';
import type { Bind } from '@pinion/runtime';
import { honoScope } from '@pinion/runtime/http';
import { type Context, Hono } from 'hono';
import { stream } from 'hono/streaming';
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
  requestGraph,
  requestIds,
} from './harness.js';

afterAll(closeServers);

type Env = { Bindings: HttpBindings };

/** The request-scoped `requestContext` of these tests: Hono gives its context, not a request. */
class HonoRequestContext {
  constructor(
    readonly context: Context,
    readonly disposalLog: DisposalLog,
  ) {}

  get id(): string {
    return String(this.context.req.header('x-request-id'));
  }

  [Symbol.dispose](): void {
    this.disposalLog.disposed(`RequestContext:${this.id}`);
  }
}

const honoGraph = (log: DisposalLog, configure?: (bind: Bind) => void) =>
  requestGraph(log, { requestContext: HonoRequestContext, configure });

/** Serves `app` with @hono/node-server on 127.0.0.1; returns the server and its base URL. */
async function serve(app: Hono<Env>): Promise<{ server: http.Server; url: string }> {
  const server = createAdaptorServer({ fetch: app.fetch }) as http.Server;
  return { server, url: await listen(server) };
}

describe('honoScope', () => {
  it('keeps 200 concurrent requests apart across awaits and disposes each request-scoped object once', async () => {
    const log = new DisposalLog();
    const graph = honoGraph(log);
    const app = new Hono<Env>();
    app.use(honoScope(graph));
    app.get('/probe', async (c) => c.json(await probe(graph, c)));
    const { server, url } = await serve(app);
    const ids = requestIds();

    expectOwnRequests(ids, await getAll(`${url}/probe`, ids));
    await log.waitFor(disposalsOf(ids));
    await closeServer(server); // every `finish` and `close` has fired now: no second disposal
    expectDisposedOnce(log, disposalsOf(ids));
  });

  it('supplies `context` by default; custom values extend and override it', async () => {
    const log = new DisposalLog();
    const graph = honoGraph(log, (bind) => bind('tenant').toScopeValue('request'));
    const seen: Record<string, unknown> = {};
    const app = new Hono<Env>();
    app.use('/plain', honoScope(graph));
    app.use('/custom', honoScope(graph, { values: (c: Context<Env>) => ({ tenant: c.req.header('x-tenant') }) }));
    app.use('/override', honoScope(graph, { values: (c: Context<Env>) => ({ context: { path: c.req.path } }) }));
    app.get('/plain', (c) => {
      seen.plain = graph.get('context') === c;
      return c.text('ok');
    });
    app.get('/custom', (c) => {
      seen.custom = [graph.get('context') === c, graph.get('tenant')];
      return c.text('ok');
    });
    app.get('/override', (c) => {
      seen.override = graph.get('context');
      return c.text('ok');
    });
    const { url } = await serve(app);

    await fetch(`${url}/plain`);
    await fetch(`${url}/custom`, { headers: { 'x-tenant': 'acme' } });
    await fetch(`${url}/override`);

    expect(seen).toEqual({ plain: true, custom: [true, 'acme'], override: { path: '/override' } });
  });

  it('keeps the frame open until @hono/node-server has written a streamed body', async () => {
    const log = new DisposalLog();
    const graph = honoGraph(log);
    const gate = deferred();
    const inStream: unknown[] = [];
    const app = new Hono<Env>();
    app.use(honoScope(graph));
    app.get('/stream', (c) => {
      const requestContext = graph.get('requestContext');
      // The handler returns at once; the body is written afterwards, after the middleware returned.
      return stream(c, async (s) => {
        await s.write('first;');
        await gate.promise;
        inStream.push(graph.get('requestContext') === requestContext, log.count('RequestContext:streamed'));
        await s.write('second');
      });
    });
    const { url } = await serve(app);

    const response = await fetch(`${url}/stream`, { headers: { 'x-request-id': 'streamed' } });
    const reader = response.body!.getReader();
    const first = await reader.read();
    gate.resolve();
    let rest = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      rest += Buffer.from(chunk.value).toString();
    }

    expect(Buffer.from(first.value!).toString() + rest).toBe('first;second');
    expect(inStream).toEqual([true, 0]); // same object, not yet disposed, while the body streamed
    await log.waitFor(['RequestContext:streamed']);
  });

  it('ends the frame when the client aborts before the response, while the handler still runs', async () => {
    const log = new DisposalLog();
    const graph = honoGraph(log);
    const started = deferred();
    const release = deferred();
    const app = new Hono<Env>();
    app.use(honoScope(graph));
    app.get('/slow', async (c) => {
      graph.get('greeter');
      started.resolve();
      await release.promise;
      return c.text('late');
    });
    const { url } = await serve(app);

    await abortAfterStart(`${url}/slow`, 'gone', started.promise);
    await log.waitFor(disposalsOf(['gone']));
    release.resolve();

    expectDisposedOnce(log, disposalsOf(['gone']));
  });

  it('disposes when a handler throws or rejects; errors reach Hono error handling unchanged', async () => {
    const log = new DisposalLog();
    const graph = honoGraph(log);
    const caught: unknown[] = [];
    const app = new Hono<Env>();
    app.use(
      '/values',
      honoScope(graph, {
        values: () => {
          throw new Error('no tenant');
        },
      }),
    );
    app.use('/fail/*', honoScope(graph));
    app.get('/fail/sync', () => {
      graph.get('greeter');
      throw new Error('thrown');
    });
    app.get('/fail/async', async () => {
      graph.get('greeter');
      await new Promise(setImmediate);
      throw new Error('rejected');
    });
    app.get('/values', (c) => c.text('reached'));
    app.onError((error, c) => {
      caught.push(error);
      return c.text(error.message, 500);
    });
    const { url } = await serve(app);

    const answers = [];
    for (const path of ['/fail/sync', '/fail/async', '/values']) {
      const response = await fetch(`${url}${path}`, { headers: { 'x-request-id': path.slice(6) } });
      answers.push([response.status, await response.text()]);
    }

    expect(answers).toEqual([
      [500, 'thrown'],
      [500, 'rejected'],
      [500, 'no tenant'],
    ]);
    expect(caught.map((error) => (error as Error).message)).toEqual(['thrown', 'rejected', 'no tenant']);
    await log.waitFor(disposalsOf(['sync', 'async']));
  });

  it('without @hono/node-server (app.request), resolves after the frame has been disposed', async () => {
    const log = new DisposalLog();
    const graph = honoGraph(log);
    const app = new Hono();
    app.use(honoScope(graph));
    app.get('/', async (c) => {
      graph.get('greeter');
      await new Promise(setImmediate);
      return c.text(graph.get<HonoRequestContext>('requestContext').id);
    });

    const response = await app.request('/', { headers: { 'x-request-id': 'local' } });

    expect(await response.text()).toBe('local');
    expectDisposedOnce(log, disposalsOf(['local']));
  });

  it('passes disposal errors to onError and keeps serving', async () => {
    class Leaky {
      [Symbol.dispose](): void {
        throw new Error('dispose failed');
      }
    }
    const reported = deferred<unknown[]>();
    const log = new DisposalLog();
    const graph = requestGraph(log, {
      requestContext: HonoRequestContext,
      classes: [Leaky],
      configure: (bind) => bind('leaky').toClass(Leaky, { inScope: 'request' }),
    });
    const app = new Hono<Env>();
    app.use(honoScope(graph, { onError: (error, info) => reported.resolve([error, info.phase, info.request]) }));
    let context: unknown;
    app.get('/', (c) => {
      context ??= c;
      graph.get('leaky');
      return c.text('ok');
    });
    const { url } = await serve(app);

    const first = await fetch(url);
    const [error, phase, request] = await reported.promise;
    const second = await fetch(url);

    expect([await first.text(), await second.text()]).toEqual(['ok', 'ok']);
    expect([(error as Error).message, phase, request === context]).toEqual(['dispose failed', 'disposal', true]);
  });

  it('checks scopeId when created: an unknown id or one without frames is UnknownScopeError', () => {
    expectScopeCheckedAtCreation('honoScope', 'hono.test.ts', (graph, options) => honoScope(graph, options));
  });

  it('opens one frame when the same middleware runs twice for a request', async () => {
    const log = new DisposalLog();
    const graph = honoGraph(log);
    const scope = honoScope(graph);
    const app = new Hono<Env>();
    let first: unknown;
    app.use(scope);
    app.use(async (_c, next) => {
      first = graph.get('requestContext');
      await next();
    });
    app.use('/twice', scope);
    app.get('/twice', (c) => c.json({ same: graph.get('requestContext') === first }));
    const { url } = await serve(app);

    const answer = await (await fetch(`${url}/twice`, { headers: { 'x-request-id': 'twice' } })).json();

    expect(answer).toEqual({ same: true });
    await log.waitFor(['RequestContext:twice']);
  });
});
