/**
 * `nodeHttpScope`: wraps a node:http handler so each request runs in a frame of its own.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { WrongArgTypeError } from '../core/errors.js';
import { isThenable } from '../core/thenable.js';
import { describeValue } from '../core/values.js';
import { callSite } from '../metadata/locations.js';
import { type NodeResponseLike, runRequestFrame } from './frame-lifetime.js';
import { checkHttpScope, type HttpScopeOptions, type ScopedGraph } from './options.js';

/** What `nodeHttpScope` needs of a Node `ServerResponse`, to answer 500 when the handler fails. */
export interface NodeHttpResponseLike extends NodeResponseLike {
  readonly headersSent: boolean;
  readonly writableEnded?: boolean;
  statusCode: number;
  setHeader(name: string, value: string): unknown;
  end(chunk: string): unknown;
  destroy(): unknown;
}

/**
 * Wraps a `node:http` request listener so that each request runs in its own frame of a
 * `ContextScope` (SPEC §7):
 *
 * ```ts
 * const graph = newObjectGraph({ idToScope: { request: new ContextScope() }, bindingSpecs: [new AppSpec()] });
 * http.createServer(nodeHttpScope(graph, async (req, res) => {
 *   const handler = graph.provide(Handler);   // request-scoped objects of this request only
 *   res.end(await handler.render());
 * })).listen(3000);
 * ```
 *
 * The frame supplies `request` (the `IncomingMessage`) and `response` (the `ServerResponse`) to
 * `toScopeValue` bindings, extended by `options.values(req, res)`. The handler, and everything it
 * awaits, runs inside the frame; the frame ends, awaiting disposal, when the response finishes or
 * its connection closes, whichever comes first.
 *
 * A handler that throws or rejects is reported to `options.onError` (phase `'handler'`); the
 * request is then answered `500` if nothing was sent yet, or its connection is destroyed if the
 * response had started, so the frame always ends.
 */
export function nodeHttpScope<Req extends object = IncomingMessage, Res extends NodeHttpResponseLike = ServerResponse>(
  graph: ScopedGraph,
  handler: (req: Req, res: Res) => unknown,
  options?: HttpScopeOptions<[req: Req, res: Res]>,
): (req: Req, res: Res) => void {
  const scope = checkHttpScope('nodeHttpScope', nodeHttpScope, graph, options, ['graph', 'handler']);
  if (typeof handler !== 'function') {
    const where = callSite(nodeHttpScope as never);
    throw new WrongArgTypeError('nodeHttpScope(graph, handler)', 'a function', describeValue(handler), where);
  }
  return function pinionRequestListener(req: Req, res: Res): void {
    const fail = (error: unknown) => {
      scope.report(error, 'handler', req);
      failResponse(res);
    };
    let started = false;
    try {
      const values = scope.valuesOf({ request: req, response: res }, [req, res]);
      runRequestFrame(scope, values, req, res, () => {
        started = true;
        try {
          const result = handler(req, res);
          if (isThenable(result)) result.then(undefined, fail);
        } catch (error) {
          fail(error);
        }
      });
    } catch (error) {
      // `values` threw or the frame could not be opened: the handler never ran.
      if (started) scope.report(error, 'disposal', req);
      else fail(error);
    }
  };
}

/** Ends a response whose handler failed: `500` when nothing was sent yet, else drops the connection. */
function failResponse(res: NodeHttpResponseLike): void {
  if (res.writableEnded === true || res.destroyed === true) return;
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.statusCode = 500;
  res.setHeader('content-type', 'text/plain; charset=utf-8');
  res.end('Internal Server Error');
}
