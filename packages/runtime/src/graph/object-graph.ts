/**
 * `ObjectGraph`, the public API: `provide`/`get` and their async forms, `validate`, frames
 * (`runInScope`, `enterScope`), keyed-scope clearing and disposal. Builds the binding table and
 * the resolver from the checked options.
 */
import { BindingTable } from '../bindings/binding-table.js';
import { GraphValidationError, UnknownScopeError, WrongArgTypeError } from '../core/errors.js';
import { describeScope, PROTOTYPE, type ScopeId, SINGLETON } from '../core/scope-ids.js';
import { isThenable } from '../core/thenable.js';
import { describeValue, isOptionsObject } from '../core/values.js';
import { throwCollected } from '../lifetime/disposal.js';
import {
  currentSyncRun,
  type Frame,
  type FrameOptions,
  FrameScope,
  frameStorage,
  frameToRestore,
} from '../lifetime/frames.js';
import { PrototypeScope, type Scope, SingletonScope } from '../lifetime/scope.js';
import type { AnyClass } from '../metadata/class-metadata.js';
import { callSite } from '../metadata/locations.js';
import { type Plan, Resolver } from '../resolution/resolver.js';
import { registerEntryPoints, userCallSite } from './call-sites.js';
import { arrayOf, checkOptions, isClass, type ObjectGraphOptions } from './options.js';

export type { ObjectGraphOptions };

/** Options of `graph.get`. */
export interface GetOptions {
  annotatedWith?: unknown;
}

/** Options of `graph.runInScope` and `graph.enterScope`. */
export type ScopeFrameOptions = FrameOptions;

/**
 * A frame opened by `graph.enterScope`: it ends when disposed, by `using` / `await using` or by
 * calling `[Symbol.dispose]()` / `[Symbol.asyncDispose]()` once.
 */
export interface ScopeFrame extends Disposable, AsyncDisposable {
  readonly scopeId: ScopeId;
  /** The key of a `KeyedScope` frame. */
  readonly key: unknown;
}

/**
 * Creates an object graph. Every binding is collected and checked now (conflicts, required
 * bindings, unknown scopes); objects are built lazily, when provided.
 */
export function newObjectGraph(options: ObjectGraphOptions = {}): ObjectGraph {
  return new ObjectGraph(options);
}

/** Wires objects by argument name. Create it with `newObjectGraph`. */
export class ObjectGraph {
  private readonly resolver: Resolver;
  /** The resolver's plans for `provide(cls)` and `get(name)`: warm calls take one lookup. */
  private readonly rootPlans: Resolver['rootPlans'];
  private readonly plainNamePlans: Resolver['plainNamePlans'];
  private readonly classes: readonly AnyClass[];
  private readonly scopes: ReadonlyMap<ScopeId, Scope>;
  /** The scopes that have frames: `ContextScope`s and `KeyedScope`s. */
  private readonly frameScopes: ReadonlyMap<ScopeId, FrameScope>;

  /** @internal use `newObjectGraph` */
  constructor(options: ObjectGraphOptions) {
    const o = checkOptions(options);
    const scopes = new Map<ScopeId, Scope>();
    scopes.set(SINGLETON, new SingletonScope());
    scopes.set(PROTOTYPE, new PrototypeScope());
    const frameScopes = o.idToScope.size === 0 ? NO_FRAME_SCOPES : new Map<ScopeId, FrameScope>();
    for (const [id, scope] of o.idToScope) {
      scopes.set(id, scope);
      if (scope instanceof FrameScope) (frameScopes as Map<ScopeId, FrameScope>).set(id, scope);
    }
    this.scopes = scopes;
    this.frameScopes = frameScopes;
    this.classes = o.classes;
    const table = new BindingTable({ ...o, knownScopes: scopes });
    this.resolver = new Resolver({ ...o, table, scopes });
    this.rootPlans = this.resolver.rootPlans;
    this.plainNamePlans = this.resolver.plainNamePlans;
  }

  /**
   * An instance of `cls` with its parameters injected. When the binding named after `cls`
   * targets `cls`, it goes through that binding and its scope: a singleton root is the same object
   * every time, and the one injected elsewhere.
   */
  provide<T>(cls: abstract new (...args: never[]) => T): T {
    const plan = this.rootPlans.get(cls);
    if (plan !== undefined) return resolveKnown(plan) as T;
    if (!isClass(cls)) throw new WrongArgTypeError('provide(cls)', 'a class', describeValue(cls), userCallSite());
    return this.resolver.provide(cls, provideCallSite) as T;
  }

  /** What a parameter named `name` (annotated with `annotatedWith`) would receive. */
  get<T = unknown>(name: string, options?: GetOptions): T {
    const plan = options === undefined ? this.plainNamePlans.get(name) : undefined;
    if (plan !== undefined) return resolveKnown(plan) as T;
    if (typeof name !== 'string' || name === '') {
      throw new WrongArgTypeError(
        'get(name)',
        'a binding name (a non-empty string)',
        describeValue(name),
        userCallSite(),
      );
    }
    checkGetOptions('get(name, options)', options);
    return this.resolver.get(name, options?.annotatedWith, getCallSite) as T;
  }

  /**
   * Walks every explicit binding and every root class (default: the graph's classes) without
   * constructing anything, and throws one `GraphValidationError` listing every problem found.
   */
  validate(roots: readonly AnyClass[] = this.classes): void {
    const checked =
      roots === this.classes ? roots : arrayOf<AnyClass>('validate(roots)', roots, 'a class', 'classes', isClass);
    const problems = this.resolver.validate(checked);
    if (problems.length > 0) throw new GraphValidationError(problems);
  }

  /**
   * `provide` for graphs with async providers: independent async dependencies are created
   * concurrently, and each async singleton once, even under concurrent first requests.
   */
  async provideAsync<T>(cls: abstract new (...args: never[]) => T): Promise<T> {
    if (!isClass(cls)) {
      throw new WrongArgTypeError('provideAsync(cls)', 'a class', describeValue(cls), userCallSite());
    }
    return (await this.resolver.provideAsync(cls, provideAsyncCallSite)) as T;
  }

  /** `get` for graphs with async providers. */
  async getAsync<T = unknown>(name: string, options?: GetOptions): Promise<T> {
    if (typeof name !== 'string' || name === '') {
      throw new WrongArgTypeError(
        'getAsync(name)',
        'a binding name (a non-empty string)',
        describeValue(name),
        userCallSite(),
      );
    }
    checkGetOptions('getAsync(name, options)', options);
    return (await this.resolver.getAsync(name, options?.annotatedWith, getAsyncCallSite)) as T;
  }

  /**
   * Runs `fn` in a new frame of the context scope `scopeId` (a `ContextScope` or, with `key`, a
   * `KeyedScope`) bound to the current async context, and ends the frame when `fn` returns, or
   * when the promise it returns settles. Everything the frame created is then disposed, in
   * reverse creation order; the returned promise settles after that disposal. The work's error
   * comes out unchanged; disposer errors combine with it as `using` declarations combine them.
   */
  runInScope<R>(scopeId: ScopeId, fn: () => R, options?: ScopeFrameOptions): R {
    const scope = this.frameScopes.get(scopeId);
    if (scope === undefined || typeof fn !== 'function' || (options !== undefined && !validFrameOptions(options))) {
      throw this.badFrameArguments(scopeId, 'runInScope', fn, options);
    }
    const frame = scope.open(frameStorage.getStore(), options, userCallSite);
    let result: R;
    try {
      result = frameStorage.run(frame, fn);
    } catch (error) {
      scope.closeSync(frame, scopeId, { error });
      throw error;
    }
    if (!isThenable(result)) {
      scope.closeSync(frame, scopeId);
      return result;
    }
    return Promise.resolve(result).then(
      async (value) => {
        await scope.closeAsync(frame);
        return value;
      },
      async (error: unknown) => {
        await scope.closeAsync(frame, { error });
        throw error;
      },
    ) as R;
  }

  /**
   * Opens a frame of `scopeId` in the current async context until it is disposed:
   * `using frame = graph.enterScope('request', { values })`, or `await using` when its objects
   * dispose asynchronously. Prefer `runInScope` where a callback fits: a frame entered before
   * the first `await` of an async function also stays current in its caller's synchronous code.
   */
  enterScope(scopeId: ScopeId, options?: ScopeFrameOptions): ScopeFrame {
    const scope = this.frameScopes.get(scopeId);
    if (scope === undefined || (options !== undefined && !validFrameOptions(options))) {
      throw this.badFrameArguments(scopeId, 'enterScope', undefined, options);
    }
    const frame = scope.open(frameStorage.getStore(), options, userCallSite);
    frame.enteredInRun = currentSyncRun();
    frameStorage.enterWith(frame);
    let ended = false;
    const leave = () => {
      if (ended) return false;
      ended = true;
      if (frameStorage.getStore() === frame) frameStorage.enterWith(frameToRestore(frame) as Frame);
      return true;
    };
    return {
      scopeId,
      key: options?.key,
      [Symbol.dispose]: () => {
        if (leave()) scope.closeSync(frame, scopeId);
      },
      [Symbol.asyncDispose]: async () => {
        if (leave()) await scope.closeAsync(frame);
      },
    };
  }

  /**
   * Drops the keys of the keyed scope `scopeId` (only `key` when given) and disposes their
   * objects; a key with an open frame is disposed when its last frame ends.
   */
  clearScope(scopeId: ScopeId, ...key: [] | [unknown]): Promise<void> {
    const scope = this.frameScopes.get(scopeId);
    if (scope === undefined) return Promise.reject(this.badFrameArguments(scopeId, 'clearScope'));
    return scope.clear(key[0], key.length > 0);
  }

  /** `clearScope` for every keyed scope of the graph. */
  async clearAllScopes(): Promise<void> {
    const errors: unknown[] = [];
    for (const scope of this.frameScopes.values()) {
      await scope.clear().catch((error: unknown) => errors.push(error));
    }
    throwCollected(errors, `disposal failed in ${errors.length} places`);
  }

  /**
   * Disposes what the graph owns: the keys of its keyed scopes, then its singletons in reverse
   * creation order. Until the returned promise settles, a singleton requested (directly or by
   * injection, in frames still open) raises `GraphDisposingError`: none being disposed is handed
   * out, and none is created that nothing would dispose. Singletons requested afterwards are
   * created anew.
   */
  dispose(): Promise<void> {
    return this.resolver.disposeSingletons(() => this.clearAllScopes());
  }

  /** `await using graph = newObjectGraph(…)`: `dispose()`. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.dispose();
  }

  /**
   * @internal Throws `UnknownScopeError` unless `scopeId` names a scope with frames (a
   * `ContextScope` or `KeyedScope`); `usedBy` names who will open its frames, for the message.
   */
  checkFrameScope(scopeId: ScopeId, usedBy: string): void {
    if (!this.frameScopes.has(scopeId)) throw this.notAFrameScope(scopeId, usedBy);
  }

  private notAFrameScope(scopeId: ScopeId, usedBy: string): UnknownScopeError {
    const scope = this.scopes.get(scopeId);
    return new UnknownScopeError(
      describeScope(scopeId),
      usedBy,
      scope === undefined
        ? 'define it in newObjectGraph({ idToScope }) as a ContextScope or KeyedScope'
        : 'it has no frames: frames need a ContextScope or KeyedScope in idToScope',
    );
  }

  /** The error for a `runInScope` / `enterScope` / `clearScope` call with a bad argument. */
  private badFrameArguments(scopeId: ScopeId, method: string, fn?: unknown, options?: unknown): Error {
    if (!this.frameScopes.has(scopeId)) {
      return this.notAFrameScope(scopeId, `graph.${method}(${describeScope(scopeId)}) at ${userCallSite()}`);
    }
    if (method === 'runInScope' && typeof fn !== 'function') {
      return new WrongArgTypeError('runInScope(scopeId, fn)', 'a function', describeValue(fn), userCallSite());
    }
    if (typeof options !== 'object' || options === null) {
      return new WrongArgTypeError('options', 'an object ({ values?, key? })', describeValue(options), userCallSite());
    }
    const values = (options as ScopeFrameOptions).values;
    return new WrongArgTypeError(
      'options.values',
      'an object of values by binding name',
      describeValue(values),
      userCallSite(),
    );
  }
}

/** The fast path of `provide` / `get` once their plan exists: a singleton that exists is read from its cell, no call. */
function resolveKnown(plan: Plan): unknown {
  const cell = plan.cell;
  return cell?.done ? cell.value : plan.resolve();
}

/** `get`'s options: absent, or an object (`{ annotatedWith }`). */
function checkGetOptions(call: string, options: unknown): void {
  if (!isOptionsObject(options)) {
    throw new WrongArgTypeError(call, 'an object ({ annotatedWith? })', describeValue(options), userCallSite());
  }
}

/** `{ values?, key? }` with `values` an object when given. */
function validFrameOptions(options: ScopeFrameOptions): boolean {
  if (typeof options !== 'object' || options === null) return false;
  const values = options.values;
  return values === undefined || (typeof values === 'object' && values !== null);
}

/** Shared by every graph without custom scopes: never written. */
const NO_FRAME_SCOPES: ReadonlyMap<ScopeId, FrameScope> = new Map();

/** Where the user called `provide` / `get`: named by messages about the root of a request. */
const provideCallSite = () => callSite(ObjectGraph.prototype.provide);
const getCallSite = () => callSite(ObjectGraph.prototype.get);
const provideAsyncCallSite = () => callSite(ObjectGraph.prototype.provideAsync);
const getAsyncCallSite = () => callSite(ObjectGraph.prototype.getAsync);

{
  const { provide, get, validate, provideAsync, getAsync, runInScope, enterScope, clearScope } = ObjectGraph.prototype;
  registerEntryPoints(
    newObjectGraph,
    provide,
    get,
    validate,
    provideAsync,
    getAsync,
    runInScope,
    enterScope,
    clearScope,
  );
}
