/**
 * `@pinion/runtime/http`: one frame of a `ContextScope` per HTTP request, for node:http, Express,
 * Fastify, Hono and Koa (SPEC §7). No framework is imported: each adapter works on the framework's
 * objects by their shape, so none of them is a dependency of Pinion. Each adapter checks its
 * `scopeId` when it is created: an id the graph does not know, or one whose scope has no frames,
 * is an `UnknownScopeError` at startup, not at the first request.
 *
 * @packageDocumentation
 */
export { expressScope } from './http/express.js';
export {
  type FastifyInstanceLike,
  type FastifyReplyLike,
  type FastifyRequestLike,
  type FastifyScopePlugin,
  fastifyScope,
} from './http/fastify.js';
export { type NodeResponseLike, responseDone } from './http/frame-lifetime.js';
export { type HonoContextLike, honoScope } from './http/hono.js';
export { type KoaContextLike, koaScope } from './http/koa.js';
export { type NodeHttpResponseLike, nodeHttpScope } from './http/node-http.js';
export {
  type HttpScopeErrorInfo,
  type HttpScopeOptions,
  logHttpScopeError,
  type RequestFrameValues,
  type ScopedGraph,
} from './http/options.js';
