import { fastifyScope } from '@pinion/runtime/http';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import {
  abortAfterStart,
  DisposalLog,
  deferred,
  disposalsOf,
  expectDisposedOnce,
  expectOwnRequests,
  expectScopeCheckedAtCreation,
  getAll,
  probe,
  type RequestContext,
  requestGraph,
  requestIds,
} from './harness.js';

const apps = new Set<FastifyInstance>();

/** Starts `app` on 127.0.0.1 on a free port; returns its base URL. */
async function start(app: FastifyInstance): Promise<string> {
  apps.add(app);
  return app.listen({ port: 0, host: '127.0.0.1' });
}

async function stop(app: FastifyInstance): Promise<void> {
  if (apps.delete(app)) await app.close();
}

afterAll(() => Promise.all([...apps].map(stop)));

describe('fastifyScope', () => {
  it('keeps 200 concurrent requests apart across awaits, also in routes of encapsulated plugins', async () => {
    const log = new DisposalLog();
    const graph = requestGraph(log);
    const app = Fastify({ forceCloseConnections: true });
    await app.register(fastifyScope(graph));
    // A route in an encapsulated plugin registered later: the scope plugin is not encapsulated.
    await app.register(async (child) => {
      child.get('/probe', (request) => probe(graph, request));
    });
    const url = await start(app);
    const ids = requestIds();

    expectOwnRequests(ids, await getAll(`${url}/probe`, ids));
    await log.waitFor(disposalsOf(ids));
    await stop(app); // every `finish` and `close` has fired now: no second disposal
    expectDisposedOnce(log, disposalsOf(ids));
  });

  it('supplies `request` (its request) and `response` (its reply) by default; custom values extend them', async () => {
    const log = new DisposalLog();
    const graph = requestGraph(log, { configure: (bind) => bind('tenant').toScopeValue('request') });
    const seen: Record<string, unknown> = {};
    const plain = Fastify();
    await plain.register(fastifyScope(graph));
    plain.get('/', async (request, reply) => {
      seen.defaults = graph.get('request') === request && graph.get('response') === reply;
      return 'ok';
    });
    const custom = Fastify();
    await custom.register(
      fastifyScope(graph, {
        values: (request: FastifyRequest) => ({ tenant: request.headers['x-tenant'], request: { url: request.url } }),
      }),
    );
    custom.get('/custom', async (_request, reply) => {
      seen.request = graph.get('request');
      seen.response = graph.get('response') === reply;
      seen.tenant = graph.get('tenant');
      return 'ok';
    });
    await fetch(await start(plain));
    await fetch(`${await start(custom)}/custom`, { headers: { 'x-tenant': 'acme' } });

    expect(seen).toEqual({ defaults: true, request: { url: '/custom' }, response: true, tenant: 'acme' });
  });

  it('runs the later hooks and the handler inside the frame, also after parsing a JSON body', async () => {
    const log = new DisposalLog();
    const graph = requestGraph(log);
    const sightings = new Map<string, [string, RequestContext][]>();
    const record = (request: FastifyRequest, hook: string) => {
      const id = String(request.headers['x-request-id']);
      const list = sightings.get(id) ?? [];
      list.push([hook, graph.get<RequestContext>('requestContext')]);
      sightings.set(id, list);
    };
    const app = Fastify();
    await app.register(fastifyScope(graph));
    app.addHook('preParsing', async (request, _reply, payload) => {
      record(request, 'preParsing');
      return payload;
    });
    app.addHook('preValidation', (request, _reply, done) => {
      record(request, 'preValidation');
      done();
    });
    app.addHook('preHandler', async (request) => {
      await new Promise(setImmediate);
      record(request, 'preHandler');
    });
    app.addHook('preSerialization', async (request, _reply, payload) => {
      record(request, 'preSerialization');
      return payload;
    });
    app.addHook('onSend', async (request, _reply, payload) => {
      record(request, 'onSend');
      return payload;
    });
    app.post('/orders', async (request) => {
      record(request, 'handler');
      return { item: (request.body as { item: string }).item };
    });
    app.get('/orders', async (request) => {
      record(request, 'handler');
      return { item: 'none' };
    });
    const url = await start(app);
    const posts = requestIds(20);
    const gets = posts.map((id) => `get-${id}`);

    const answers = await Promise.all([
      ...posts.map(async (id) => {
        const response = await fetch(`${url}/orders`, {
          method: 'POST',
          headers: { 'x-request-id': id, 'content-type': 'application/json' },
          body: JSON.stringify({ item: `item-${id}`, padding: 'x'.repeat(64 * 1024) }),
        });
        return ((await response.json()) as { item: string }).item;
      }),
      ...gets.map(async (id) => {
        const response = await fetch(`${url}/orders`, { headers: { 'x-request-id': id } });
        return ((await response.json()) as { item: string }).item;
      }),
    ]);

    expect(answers).toEqual([...posts.map((id) => `item-${id}`), ...gets.map(() => 'none')]);
    const hooks = ['preParsing', 'preValidation', 'preHandler', 'handler', 'preSerialization', 'onSend'];
    for (const id of [...posts, ...gets]) {
      const seen = sightings.get(id) ?? [];
      expect([id, seen.map(([hook]) => hook)]).toEqual([id, hooks]);
      expect(seen.every(([, requestContext]) => requestContext === seen[0][1] && requestContext.id === id)).toBe(true);
    }
    await log.waitFor([...posts, ...gets].map((id) => `RequestContext:${id}`));
  });

  it('ends the frame when the client aborts before the response, while the handler still runs', async () => {
    const log = new DisposalLog();
    const graph = requestGraph(log);
    const started = deferred();
    const release = deferred();
    const app = Fastify();
    await app.register(fastifyScope(graph));
    app.get('/slow', async () => {
      graph.get('greeter');
      started.resolve();
      await release.promise;
      return 'late';
    });
    const url = await start(app);

    await abortAfterStart(`${url}/slow`, 'gone', started.promise);
    await log.waitFor(disposalsOf(['gone']));
    release.resolve();

    expectDisposedOnce(log, disposalsOf(['gone']));
  });

  it('disposes when a handler throws or rejects: the error goes through Fastify error handling', async () => {
    const log = new DisposalLog();
    const graph = requestGraph(log);
    const inOnError: unknown[] = [];
    const app = Fastify();
    await app.register(fastifyScope(graph));
    app.addHook('onError', async (request) => {
      inOnError.push(graph.get<RequestContext>('requestContext').id === request.headers['x-request-id']);
    });
    app.get('/sync', () => {
      graph.get('greeter');
      throw new Error('thrown');
    });
    app.get('/async', async () => {
      graph.get('greeter');
      await new Promise(setImmediate);
      throw new Error('rejected');
    });
    const url = await start(app);

    const sync = await fetch(`${url}/sync`, { headers: { 'x-request-id': 'sync' } });
    const async = await fetch(`${url}/async`, { headers: { 'x-request-id': 'async' } });

    expect([sync.status, ((await sync.json()) as Error).message]).toEqual([500, 'thrown']);
    expect([async.status, ((await async.json()) as Error).message]).toEqual([500, 'rejected']);
    expect(inOnError).toEqual([true, true]);
    await log.waitFor(disposalsOf(['sync', 'async']));
  });

  it('fails the request through Fastify when values() throws', async () => {
    const graph = requestGraph(new DisposalLog());
    const failing = Fastify();
    await failing.register(
      fastifyScope(graph, {
        values: () => {
          throw new Error('no tenant');
        },
      }),
    );
    failing.get('/', async () => 'reached');

    const values = await fetch(await start(failing));

    expect([values.status, ((await values.json()) as Error).message]).toEqual([500, 'no tenant']);
  });

  it('checks scopeId when created: an unknown id or one without frames is UnknownScopeError', () => {
    expectScopeCheckedAtCreation('fastifyScope', 'fastify.test.ts', (graph, options) => fastifyScope(graph, options));
  });

  it('opens one frame when the same plugin is registered twice', async () => {
    const log = new DisposalLog();
    const graph = requestGraph(log);
    const plugin = fastifyScope(graph);
    const app = Fastify();
    await app.register(plugin);
    let first: unknown;
    app.addHook('onRequest', async () => {
      first = graph.get('requestContext');
    });
    await app.register(plugin);
    app.get('/', async () => ({ same: graph.get('requestContext') === first }));

    const response = await fetch(await start(app), { headers: { 'x-request-id': 'twice' } });

    expect(await response.json()).toEqual({ same: true });
    await log.waitFor(['RequestContext:twice']);
  });

  it('is marked as a non-encapsulated plugin without depending on fastify-plugin', () => {
    const plugin = fastifyScope(requestGraph(new DisposalLog()));
    expect(plugin[Symbol.for('skip-override')]).toBe(true);
    expect(plugin[Symbol.for('fastify.display-name')]).toBe('@pinion/runtime/http fastifyScope');
  });
});
