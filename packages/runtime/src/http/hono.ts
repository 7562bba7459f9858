/**
 * `honoScope`: Hono middleware that opens one frame per request (the context as frame value).
 */
import { type NodeResponseLike, responseDone } from './frame-lifetime.js';
import { checkHttpScope, type HttpScopeOptions, type ScopedGraph } from './options.js';

/**
 * What `honoScope` needs of a Hono `Context`: `env`, where `@hono/node-server` puts
 * `{ incoming, outgoing }` (the Node request and response).
 */
export interface HonoContextLike {
  readonly env?: unknown;
}

/**
 * Hono middleware that runs the rest of each request in its own frame of a `ContextScope`
 * (SPEC §7):
 *
 * ```ts
 * const app = new Hono();
 * app.use(honoScope(graph));
 * app.get('/me', async (c) => c.json(await graph.provide(Profile).load()));
 * serve({ fetch: app.fetch, port: 3000 });       // @hono/node-server
 * ```
 *
 * The frame supplies `context` (Hono's `Context`) to `toScopeValue` bindings, extended by
 * `options.values(c)`. Every later middleware and handler, and what they await (also a streamed
 * body's callback), runs inside the frame. Under `@hono/node-server` (`c.env.outgoing` is the Node
 * response) the frame ends, awaiting disposal, when that response finishes or its connection
 * closes, whichever comes first — after the body has been written. Elsewhere (other runtimes,
 * `app.request()` in tests) the frame ends once the downstream handlers have produced the
 * `Response`, and the middleware resolves after its disposal. Errors of the handlers reach Hono's
 * error handling unchanged. Used twice on one request, the same middleware opens one frame only.
 */
export function honoScope<Context extends HonoContextLike>(
  graph: ScopedGraph,
  options?: HttpScopeOptions<[context: Context]>,
): (c: Context, next: () => Promise<void>) => Promise<void> {
  const scope = checkHttpScope('honoScope', honoScope, graph, options);
  const opened = new WeakSet<object>();
  return async function pinionHonoScope(c: Context, next: () => Promise<void>): Promise<void> {
    if (opened.has(c)) return next();
    opened.add(c);
    const values = scope.valuesOf({ context: c }, [c]);
    const outgoing = nodeResponseOf(c);
    return new Promise<void>((resolve, reject) => {
      let outcome: { error: unknown } | undefined;
      const settle = () => (outcome === undefined ? resolve() : reject(outcome.error));
      const frame = scope.graph.runInScope(
        scope.scopeId,
        async () => {
          const done = outgoing === undefined ? undefined : responseDone(outgoing);
          const handled = new Promise<void>((resolveNext) => resolveNext(next())).then(
            () => {},
            (error: unknown) => {
              outcome = { error };
            },
          );
          if (done === undefined) {
            await handled;
            return;
          }
          // @hono/node-server writes the Node response after the middleware returns: let it
          // return, and keep the frame until that response is done (not until the handler is).
          void handled.then(settle);
          await done;
        },
        { values },
      );
      Promise.resolve(frame)
        .then(undefined, (error: unknown) => scope.report(error, 'disposal', c))
        .then(() => {
          if (outgoing === undefined) settle();
        });
    });
  };
}

/** `c.env.outgoing` when it is a Node response (`@hono/node-server`), else `undefined`. */
function nodeResponseOf(c: HonoContextLike): NodeResponseLike | undefined {
  const outgoing = (c.env as { outgoing?: Partial<NodeResponseLike> } | null | undefined)?.outgoing;
  if (typeof outgoing?.once === 'function' && typeof outgoing.removeListener === 'function') {
    return outgoing as NodeResponseLike;
  }
  return undefined;
}
