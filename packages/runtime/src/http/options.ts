/**
 * What every HTTP adapter shares: its options, their checks (the scope id included, at creation),
 * and error reporting.
 */
import { WrongArgTypeError } from '../core/errors.js';
import { describeScope, type ScopeId } from '../core/scope-ids.js';
import { describeValue } from '../core/values.js';
import type { ObjectGraph } from '../graph/object-graph.js';
import { callSite } from '../metadata/locations.js';

/**
 * What the HTTP adapters need of a graph: `runInScope`, and `checkFrameScope` to check the scope
 * id when the adapter is created. An `ObjectGraph` from `newObjectGraph` is one.
 */
export type ScopedGraph = Pick<ObjectGraph, 'runInScope' | 'checkFrameScope'>;

/** The values a request frame supplies to `toScopeValue` bindings, by binding name. */
export type RequestFrameValues = Record<string, unknown>;

/** Where an error reported to {@link HttpScopeOptions.onError} came from. */
export interface HttpScopeErrorInfo {
  /**
   * `'disposal'`: disposing the frame's objects failed after the response had finished (the
   * error is what `runInScope` rejected with: the disposer's error, or an `AggregateError` of
   * several). `'handler'`: the `nodeHttpScope` handler threw or rejected (the other frameworks
   * report handler errors through their own error handling).
   */
  readonly phase: 'disposal' | 'handler';
  /** The scope id of the frame. */
  readonly scopeId: ScopeId;
  /**
   * The framework's request object of the failed request: the `IncomingMessage` (node:http,
   * Express), Fastify's request, Hono's context or Koa's `ctx`.
   */
  readonly request: unknown;
}

/**
 * Options of `nodeHttpScope`, `expressScope`, `fastifyScope`, `honoScope` and `koaScope`
 * (SPEC §7). `Args` are the framework's arguments that `values` receives.
 */
export interface HttpScopeOptions<Args extends unknown[]> {
  /**
   * The id of the `ContextScope` or `KeyedScope` (in `idToScope`) to open one frame of per
   * request. Default `'request'`. Checked when the adapter is created: an id the graph does not
   * know, or one whose scope has no frames, is an `UnknownScopeError` then.
   */
  scopeId?: ScopeId;
  /**
   * More values for the frame's `toScopeValue` bindings, computed per request from the
   * framework's own arguments. They extend the defaults (`request`/`response`, or `context` for
   * Hono and Koa); a key given here replaces the default of the same name.
   */
  values?: (...args: Args) => RequestFrameValues;
  /**
   * Receives the errors no framework can handle: disposal errors of a frame (after the response
   * finished) and, for `nodeHttpScope`, errors of the handler. It must not throw. Default:
   * {@link logHttpScopeError} (`console.error`). The server keeps serving either way.
   */
  onError?: (error: unknown, info: HttpScopeErrorInfo) => void;
}

/**
 * The default `onError`: writes the error with `console.error`, naming the phase and the scope.
 */
export function logHttpScopeError(error: unknown, info: HttpScopeErrorInfo): void {
  const what =
    info.phase === 'disposal'
      ? `disposing the objects of a ${String(info.scopeId)} frame failed`
      : `the request handler of a ${String(info.scopeId)} frame failed`;
  console.error(`[@pinion/runtime/http] ${what}:`, error);
}

/** Options checked once, when the middleware is created. @internal */
export interface CheckedHttpScope<Args extends unknown[]> {
  readonly graph: ScopedGraph;
  readonly scopeId: ScopeId;
  /** Defaults merged with the custom `values`; throws what `values` throws. */
  readonly valuesOf: (defaults: RequestFrameValues, args: Args) => RequestFrameValues;
  /** Calls `onError`; an error thrown by `onError` itself is logged, never thrown. */
  readonly report: (error: unknown, phase: HttpScopeErrorInfo['phase'], request: unknown) => void;
}

/**
 * Checks the arguments of an adapter factory (`factory` names it in messages; `entryPoint` is the
 * function users call, for the location; `leadingArgs` are the names of its arguments before
 * `options`): JavaScript callers can pass anything. The scope id is checked here, once, so that a
 * typo fails at startup rather than on every request.
 * @internal
 */
export function checkHttpScope<Args extends unknown[]>(
  factory: string,
  entryPoint: (...args: never[]) => unknown,
  graph: unknown,
  options: HttpScopeOptions<Args> | undefined,
  leadingArgs: readonly string[] = ['graph'],
): CheckedHttpScope<Args> {
  const where = () => callSite(entryPoint as never);
  const g = graph as Partial<ScopedGraph> | null | undefined;
  // Both methods are asked for: a graph-like object without `checkFrameScope` would otherwise
  // fail with a TypeError here, far from what went wrong.
  if (typeof g?.runInScope !== 'function' || typeof g.checkFrameScope !== 'function') {
    throw new WrongArgTypeError(`${factory}(graph)`, 'an ObjectGraph', describeValue(graph), where());
  }
  const o = options ?? {};
  if (typeof o !== 'object' || o === null) {
    throw new WrongArgTypeError(`${factory}(graph, options)`, 'an object', describeValue(o), where());
  }
  const scopeId = o.scopeId ?? 'request';
  if (typeof scopeId !== 'string' && typeof scopeId !== 'symbol') {
    throw new WrongArgTypeError(`${factory} option scopeId`, 'a string or symbol', describeValue(scopeId), where());
  }
  for (const name of ['values', 'onError'] as const) {
    if (o[name] !== undefined && typeof o[name] !== 'function') {
      throw new WrongArgTypeError(`${factory} option ${name}`, 'a function', describeValue(o[name]), where());
    }
  }
  const args = [...leadingArgs, ...(o.scopeId === undefined ? [] : [`{ scopeId: ${describeScope(scopeId)} }`])];
  (graph as ScopedGraph).checkFrameScope(scopeId, `${factory}(${args.join(', ')}) at ${where()}`);
  const values = o.values;
  const onError = o.onError ?? logHttpScopeError;
  return {
    graph: graph as ScopedGraph,
    scopeId,
    valuesOf(defaults, args) {
      if (values === undefined) return defaults;
      const custom: unknown = values(...args);
      if (typeof custom !== 'object' || custom === null) {
        throw new WrongArgTypeError(
          `${factory} option values`,
          'a function returning an object',
          describeValue(custom),
        );
      }
      return { ...defaults, ...custom };
    },
    report(error, phase, request) {
      try {
        onError(error, { phase, scopeId, request });
      } catch (onErrorFailure) {
        console.error('[@pinion/runtime/http] onError threw while reporting', error, onErrorFailure);
      }
    },
  };
}
