import http from 'node:http';
import { Readable } from 'node:stream';
import { type Bind, OutOfScopeError, WrongArgTypeError } from '@pinion/runtime';
import { koaScope } from '@pinion/runtime/http';
import Koa, { type Context } from 'koa';
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

/** The request-scoped `requestContext` of these tests: Koa's adapter gives its `ctx`, not a request. */
class KoaRequestContext {
  constructor(
    readonly context: Context,
    readonly disposalLog: DisposalLog,
  ) {}

  get id(): string {
    return this.context.get('x-request-id');
  }

  [Symbol.dispose](): void {
    this.disposalLog.disposed(`RequestContext:${this.id}`);
  }
}

const koaGraph = (log: DisposalLog, configure?: (bind: Bind) => void) =>
  requestGraph(log, { requestContext: KoaRequestContext, configure });

/**
 * A Koa app whose `'error'` events are collected (a listener also keeps Koa from logging them);
 * `serve` starts it on 127.0.0.1 through node:http.
 */
function koaApp(): { app: Koa; errors: unknown[]; serve: () => Promise<{ server: http.Server; url: string }> } {
  const app = new Koa();
  const errors: unknown[] = [];
  app.on('error', (error: unknown) => errors.push(error));
  const serve = async () => {
    const server = http.createServer(app.callback());
    return { server, url: await listen(server) };
  };
  return { app, errors, serve };
}

describe('koaScope', () => {
  it('keeps 200 concurrent requests apart across awaits and disposes each request-scoped object once', async () => {
    const log = new DisposalLog();
    const graph = koaGraph(log);
    const { app, errors, serve } = koaApp();
    app.use(koaScope(graph));
    app.use(async (ctx) => {
      ctx.body = await probe(graph, ctx);
    });
    const { server, url } = await serve();
    const ids = requestIds();

    expectOwnRequests(ids, await getAll(url, ids));
    await log.waitFor(disposalsOf(ids));
    await closeServer(server); // every `finish` and `close` has fired now: no second disposal
    expectDisposedOnce(log, disposalsOf(ids));
    expect(errors).toEqual([]);
  });

  it('supplies `context` by default; custom values extend and override it', async () => {
    const log = new DisposalLog();
    const graph = koaGraph(log, (bind) => bind('tenant').toScopeValue('request'));
    const seen: Record<string, unknown> = {};
    const plain = koaApp();
    plain.app.use(koaScope(graph));
    plain.app.use((ctx) => {
      seen.plain = graph.get('context') === ctx;
      ctx.body = 'ok';
    });
    const custom = koaApp();
    custom.app.use(koaScope(graph, { values: (ctx: Context) => ({ tenant: ctx.get('x-tenant') }) }));
    custom.app.use((ctx) => {
      seen.custom = [graph.get('context') === ctx, graph.get('tenant')];
      ctx.body = 'ok';
    });
    const override = koaApp();
    override.app.use(koaScope(graph, { values: (ctx: Context) => ({ context: { path: ctx.path } }) }));
    override.app.use((ctx) => {
      seen.override = graph.get('context');
      ctx.body = 'ok';
    });

    await fetch((await plain.serve()).url);
    await fetch((await custom.serve()).url, { headers: { 'x-tenant': 'acme' } });
    await fetch(`${(await override.serve()).url}/override`);

    expect(seen).toEqual({ plain: true, custom: [true, 'acme'], override: { path: '/override' } });
  });

  it('settles before Koa writes the response, and keeps the frame open until a streamed body is written', async () => {
    const log = new DisposalLog();
    const graph = koaGraph(log);
    const gate = deferred();
    const whileStreaming: unknown[] = [];
    const { app, serve } = koaApp();
    app.use(async (_ctx, next) => {
      await next();
      // Outside the frame's middleware, which has settled: the body has not been written yet.
      whileStreaming.push(log.count('RequestContext:streamed'));
    });
    app.use(koaScope(graph));
    app.use((ctx) => {
      const requestContext = graph.get<KoaRequestContext>('requestContext');
      // Koa pipes the body after the middleware chain has settled.
      ctx.body = Readable.from(
        (async function* () {
          yield 'first;';
          await gate.promise;
          whileStreaming.push(requestContext.id, log.count('RequestContext:streamed'));
          // Koa reads the body in its own async context, after the middleware has settled: there
          // the frame is not active, although it is still open and its objects are not disposed.
          try {
            graph.get('requestContext');
          } catch (error) {
            whileStreaming.push(error);
          }
          yield 'second';
        })(),
      );
    });
    const { url } = await serve();

    const response = await fetch(url, { headers: { 'x-request-id': 'streamed' } });
    const reader = response.body!.getReader();
    const first = await reader.read();
    gate.resolve();
    let rest = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      rest += Buffer.from(chunk.value).toString();
    }

    expect(Buffer.from(first.value!).toString() + rest).toBe('first;second');
    expect(whileStreaming).toEqual([0, 'streamed', 0, expect.any(OutOfScopeError)]); // not yet disposed
    await log.waitFor(['RequestContext:streamed']);
  });

  it('ends the frame when the client aborts before the response, while the handler still runs', async () => {
    const log = new DisposalLog();
    const graph = koaGraph(log);
    const started = deferred();
    const release = deferred();
    const { app, serve } = koaApp();
    app.use(koaScope(graph));
    app.use(async (ctx) => {
      graph.get('greeter');
      started.resolve();
      await release.promise;
      ctx.body = 'late';
    });
    const { url } = await serve();

    await abortAfterStart(url, 'gone', started.promise);
    await log.waitFor(disposalsOf(['gone']));
    release.resolve();

    expectDisposedOnce(log, disposalsOf(['gone']));
  });

  it('disposes when a handler throws or rejects; errors reach Koa error handling unchanged', async () => {
    const log = new DisposalLog();
    const graph = koaGraph(log);
    const thrown: unknown[] = [];
    const fail = (error: Error) => {
      thrown.push(error);
      throw error;
    };
    const { app, errors, serve } = koaApp();
    const scope = koaScope(graph);
    const failingValues = koaScope(graph, { values: () => fail(new Error('no tenant')) });
    app.use((ctx, next) => (ctx.path === '/values' ? failingValues(ctx, next) : scope(ctx, next)));
    app.use(async (ctx) => {
      graph.get('greeter');
      if (ctx.path === '/sync') fail(new Error('thrown'));
      await new Promise(setImmediate);
      if (ctx.path === '/async') fail(new Error('rejected'));
      if (ctx.path === '/teapot') {
        try {
          ctx.throw(418, 'short and stout');
        } catch (error) {
          fail(error as Error);
        }
      }
      ctx.body = 'reached';
    });
    const { url } = await serve();

    const answers = [];
    for (const path of ['/sync', '/async', '/teapot', '/values']) {
      const response = await fetch(`${url}${path}`, { headers: { 'x-request-id': path.slice(1) } });
      answers.push([response.status, await response.text()]);
    }

    // Koa's own answers: its text for a 500 it does not expose, the message of an exposed 418.
    expect(answers).toEqual([
      [500, 'Internal Server Error'],
      [500, 'Internal Server Error'],
      [418, 'short and stout'],
      [500, 'Internal Server Error'],
    ]);
    expect(thrown).toHaveLength(4);
    expect(errors.every((error, i) => error === thrown[i])).toBe(true); // the very objects thrown
    await log.waitFor(disposalsOf(['sync', 'async', 'teapot']));
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
      requestContext: KoaRequestContext,
      classes: [Leaky],
      configure: (bind) => bind('leaky').toClass(Leaky, { inScope: 'request' }),
    });
    const { app, errors, serve } = koaApp();
    app.use(koaScope(graph, { onError: (error, info) => reported.resolve([error, info.phase, info.request]) }));
    let context: unknown;
    app.use((ctx) => {
      context ??= ctx;
      graph.get('leaky');
      ctx.body = 'ok';
    });
    const { url } = await serve();

    const first = await fetch(url);
    const [error, phase, request] = await reported.promise;
    const second = await fetch(url);

    expect([await first.text(), await second.text()]).toEqual(['ok', 'ok']);
    expect([(error as Error).message, phase, request === context]).toEqual(['dispose failed', 'disposal', true]);
    expect(errors).toEqual([]); // after the response: nothing for Koa to handle
  });

  it('opens one frame when the same middleware runs twice for a request', async () => {
    const log = new DisposalLog();
    const graph = koaGraph(log);
    const scope = koaScope(graph);
    const { app, serve } = koaApp();
    let first: unknown;
    app.use(scope);
    app.use(async (_ctx, next) => {
      first = graph.get('requestContext');
      await next();
    });
    app.use(scope);
    app.use((ctx) => {
      ctx.body = { same: graph.get('requestContext') === first };
    });
    const { url } = await serve();

    const answer = await (await fetch(url, { headers: { 'x-request-id': 'twice' } })).json();

    expect(answer).toEqual({ same: true });
    await log.waitFor(['RequestContext:twice']);
    expectDisposedOnce(log, ['RequestContext:twice']);
  });

  it('checks scopeId when created: an unknown id or one without frames is UnknownScopeError', () => {
    expectScopeCheckedAtCreation('koaScope', 'koa.test.ts', (graph, options) => koaScope(graph, options));
  });

  it('checks its arguments when created, and rejects a context without a Node response', async () => {
    const graph = koaGraph(new DisposalLog());
    expect(() => koaScope({} as never)).toThrow(WrongArgTypeError);
    expect(() => koaScope(graph, 'request' as never)).toThrow(/options.*an object/);
    expect(() => koaScope(graph, { values: {} as never })).toThrow(/values.*a function/);
    expect(() => koaScope(graph, { onError: 'log' as never })).toThrow(/onError.*a function/);
    const next = jest.fn(async () => {});
    await expect(koaScope(graph)({ res: {} } as never, next)).rejects.toThrow(/ctx\.res.*a Node ServerResponse/);
    expect(next).not.toHaveBeenCalled();
  });
});
