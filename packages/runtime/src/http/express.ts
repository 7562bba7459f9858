/**
 * `expressScope`: Express middleware that opens one frame per request (req and res as frame
 * values).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type NodeResponseLike, runRequestFrame } from './frame-lifetime.js';
import { checkHttpScope, type HttpScopeOptions, type ScopedGraph } from './options.js';

/**
 * Express middleware (Express 5; Express 4 and Connect-style routers work the same way) that runs
 * the rest of each request in its own frame of a `ContextScope` (SPEC §7):
 *
 * ```ts
 * const app = express();
 * app.use(expressScope(graph));                  // before the routes that use request-scoped objects
 * app.use(express.json());
 * app.get('/cart', async (req, res) => { res.json(await graph.provide(CartView).render()); });
 * ```
 *
 * The frame supplies `request` (`req`) and `response` (`res`) to `toScopeValue` bindings,
 * extended by `options.values(req, res)`. Every later middleware and handler, and what they
 * await, runs inside the frame (Express's own body parsers keep the async context). The frame
 * ends, awaiting disposal, when the response finishes or its connection closes, whichever comes
 * first; handler errors go through Express's error handling as usual, and the error response
 * ends the frame. Used twice on one request (e.g. on the app and on a router), the same
 * middleware opens one frame only.
 */
export function expressScope<Req extends object = IncomingMessage, Res extends NodeResponseLike = ServerResponse>(
  graph: ScopedGraph,
  options?: HttpScopeOptions<[req: Req, res: Res]>,
): (req: Req, res: Res, next: (error?: unknown) => void) => void {
  const scope = checkHttpScope('expressScope', expressScope, graph, options);
  const opened = new WeakSet<object>();
  return function pinionExpressScope(req: Req, res: Res, next: (error?: unknown) => void): void {
    if (opened.has(req)) {
      next();
      return;
    }
    opened.add(req);
    let started = false;
    try {
      const values = scope.valuesOf({ request: req, response: res }, [req, res]);
      runRequestFrame(scope, values, req, res, () => {
        started = true;
        try {
          next();
        } catch (error) {
          // Express catches the errors of its handlers; this is a broken `next`.
          scope.report(error, 'handler', req);
        }
      });
    } catch (error) {
      if (started) scope.report(error, 'disposal', req);
      else next(error);
    }
  };
}
