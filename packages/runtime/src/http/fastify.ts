/**
 * `fastifyScope`: a Fastify plugin that opens one frame per request (request and reply as frame
 * values).
 */
import { type NodeResponseLike, runRequestFrame } from './frame-lifetime.js';
import { checkHttpScope, type HttpScopeOptions, type ScopedGraph } from './options.js';

/** What `fastifyScope` needs of a Fastify request: nothing but its identity. */
export type FastifyRequestLike = object;

/** What `fastifyScope` needs of a Fastify reply: `reply.raw`, the Node `ServerResponse`. */
export interface FastifyReplyLike {
  readonly raw: NodeResponseLike;
}

/** What `fastifyScope` needs of a Fastify instance: `addHook('onRequest', hook)`. */
export interface FastifyInstanceLike<Request, Reply> {
  addHook(name: 'onRequest', hook: (request: Request, reply: Reply, done: (error?: Error) => void) => void): unknown;
}

/**
 * A Fastify plugin, as `app.register` takes it: `(instance, options, done)`, marked with
 * `Symbol.for('skip-override')` so that its hook applies to the whole application (what
 * `fastify-plugin` does).
 */
export interface FastifyScopePlugin<Request, Reply> {
  (instance: FastifyInstanceLike<Request, Reply>, options: unknown, done: (error?: Error) => void): void;
  readonly [key: symbol]: unknown;
}

/**
 * A Fastify plugin (Fastify 5) that runs each request in its own frame of a `ContextScope`
 * (SPEC §7). Register it before the routes that use request-scoped objects:
 *
 * ```ts
 * const app = Fastify();
 * await app.register(fastifyScope(graph));
 * app.post('/orders', async (request) => graph.provide(OrderController).create(request.body));
 * ```
 *
 * It is not encapsulated (it carries `Symbol.for('skip-override')`, as `fastify-plugin` would set),
 * so its `onRequest` hook applies to every route of the instance it is registered on, also in
 * plugins registered later. The frame opens in that hook and supplies `request` (Fastify's
 * request) and `response` (Fastify's reply) to `toScopeValue` bindings, extended by
 * `options.values(request, reply)`. The later hooks (`preParsing`, `preValidation`,
 * `preHandler`, `preSerialization`, `onSend`, `onError`) and the route handler run inside the
 * frame, also after the body has been parsed. The frame ends, awaiting disposal, when
 * `reply.raw` finishes or its connection closes, whichever comes first: `onResponse` hooks run
 * after that point and must not resolve request-scoped objects.
 */
export function fastifyScope<Request extends FastifyRequestLike, Reply extends FastifyReplyLike>(
  graph: ScopedGraph,
  options?: HttpScopeOptions<[request: Request, reply: Reply]>,
): FastifyScopePlugin<Request, Reply> {
  const scope = checkHttpScope('fastifyScope', fastifyScope, graph, options);
  const opened = new WeakSet<object>();
  const onRequest = (request: Request, reply: Reply, done: (error?: Error) => void): void => {
    if (opened.has(request)) {
      done();
      return;
    }
    opened.add(request);
    let started = false;
    try {
      const values = scope.valuesOf({ request, response: reply }, [request, reply]);
      runRequestFrame(scope, values, request, reply.raw, () => {
        started = true;
        done();
      });
    } catch (error) {
      if (started) scope.report(error, 'disposal', request);
      else done(error as Error);
    }
  };
  const plugin = (instance: FastifyInstanceLike<Request, Reply>, _options: unknown, done: (error?: Error) => void) => {
    instance.addHook('onRequest', onRequest);
    done();
  };
  return Object.assign(plugin, {
    [Symbol.for('skip-override')]: true,
    [Symbol.for('fastify.display-name')]: '@pinion/runtime/http fastifyScope',
    [Symbol.for('plugin-meta')]: { name: '@pinion/runtime/http' },
  });
}
