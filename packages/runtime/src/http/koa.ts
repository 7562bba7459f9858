/**
 * `koaScope`: Koa middleware that opens one frame per request (ctx as frame value).
 */
import { WrongArgTypeError } from '../core/errors.js';
import { describeValue } from '../core/values.js';
import { type NodeResponseLike, runRequestFrame } from './frame-lifetime.js';
import { checkHttpScope, type HttpScopeOptions, type ScopedGraph } from './options.js';

/** What `koaScope` needs of a Koa `Context`: `ctx.res`, the Node `ServerResponse`. */
export interface KoaContextLike {
  readonly res: NodeResponseLike;
}

/**
 * Koa middleware (Koa 3) that runs the rest of each request in its own frame of a `ContextScope`
 * (SPEC §7):
 *
 * ```ts
 * const app = new Koa();
 * app.use(koaScope(graph));                      // before the middleware that uses request-scoped objects
 * app.use(async (ctx) => { ctx.body = await graph.provide(CartView).render(); });
 * app.listen(3000);
 * ```
 *
 * The frame supplies `context` (Koa's `ctx`) to `toScopeValue` bindings, extended by
 * `options.values(ctx)`. Every later middleware, and what it awaits, runs inside the frame. This
 * middleware settles when the downstream middleware has, so that Koa can write the response; the
 * frame stays open until `ctx.res` finishes or its connection closes, whichever comes first —
 * after the body has been written — and then ends, awaiting disposal. Koa writes the response in
 * its own async context, outside the frame: a body stream that Koa reads then can use the objects
 * resolved before but cannot resolve request-scoped ones (`OutOfScopeError`). Errors of the
 * downstream middleware come out of this one unchanged, so Koa's error handling (`ctx.throw`
 * status codes, `app.on('error')`) treats them as usual, and the error response ends the frame.
 * Used twice on one request, the same middleware opens one frame only.
 */
export function koaScope<Context extends KoaContextLike>(
  graph: ScopedGraph,
  options?: HttpScopeOptions<[context: Context]>,
): (ctx: Context, next: () => Promise<unknown>) => Promise<void> {
  const scope = checkHttpScope('koaScope', koaScope, graph, options);
  const opened = new WeakSet<object>();
  return async function pinionKoaScope(ctx: Context, next: () => Promise<unknown>): Promise<void> {
    if (opened.has(ctx)) {
      await next();
      return;
    }
    const response = nodeResponseOf(ctx);
    opened.add(ctx);
    const values = scope.valuesOf({ context: ctx }, [ctx]);
    return new Promise<void>((resolve, reject) => {
      let started = false;
      try {
        runRequestFrame(scope, values, ctx, response, () => {
          started = true;
          // Koa writes the response only once the middleware chain has settled: settle with the
          // downstream middleware, not with the frame, which waits for that response.
          new Promise((resolveNext) => resolveNext(next())).then(() => resolve(), reject);
        });
      } catch (error) {
        if (started) scope.report(error, 'disposal', ctx);
        else reject(error);
      }
    });
  };
}

/**
 * `ctx.res` when it is a Node response. Checked per request because the frame could otherwise
 * never end (and the request never settle) on a context without one.
 */
function nodeResponseOf(ctx: KoaContextLike): NodeResponseLike {
  const res = (ctx as { res?: Partial<NodeResponseLike> } | null | undefined)?.res;
  if (typeof res?.once === 'function' && typeof res.removeListener === 'function') return res as NodeResponseLike;
  throw new WrongArgTypeError('koaScope middleware ctx.res', 'a Node ServerResponse', describeValue(res));
}
