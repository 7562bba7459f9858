import { type BindingSpec, isBindingSpec } from '../bindings/binding-spec.js';
import { BindingTable } from '../bindings/binding-table.js';
import {
  GraphValidationError,
  OverridingDefaultScopeError,
  UnknownScopeError,
  WrongArgElementTypeError,
  WrongArgTypeError,
} from '../core/errors.js';
import { describeScope, PROTOTYPE, type ScopeId, SINGLETON, UNSCOPED } from '../core/scope-ids.js';
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
import { type AnyClass, getClassMetadata, loadedClasses } from '../metadata/class-metadata.js';
import { callSite } from '../metadata/locations.js';
import { defaultGetArgNamesFromClassName, defaultGetArgNamesFromProviderFnName } from '../metadata/naming.js';
import { everyScopeIsUsable, type Plan, Resolver } from '../resolution/resolver.js';

/** Options of `newObjectGraph` (SPEC §4). */
export interface ObjectGraphOptions {
  /** Classes that get implicit bindings. Default: every module-level class the transformer annotated whose module has loaded. */
  classes?: readonly AnyClass[];
  /** Module namespace objects (`import * as m from './m'`); their exported classes join `classes`. */
  modules?: readonly object[];
  bindingSpecs?: readonly BindingSpec[];
  /** No implicit bindings; `provide(C)` needs `C` marked `@inject`. */
  onlyUseExplicitBindings?: boolean;
  /** Let providers return `null` / `undefined`. */
  allowInjectingNull?: boolean;
  getArgNamesFromClassName?: (className: string) => string[];
  getArgNamesFromProviderFnName?: (methodName: string) => string[];
  configureMethodName?: string;
  dependenciesMethodName?: string;
  /** Custom scopes by id; `SINGLETON` and `PROTOTYPE` cannot be redefined. */
  idToScope?: Record<string | symbol, Scope> | Map<ScopeId, Scope>;
  /** May an object of `innerScopeId` (the dependency) be injected into one of `outerScopeId` (the requester)? */
  isScopeUsableFromScope?: (innerScopeId: ScopeId, outerScopeId: ScopeId) => boolean;
  /** Specs whose bindings replace any other binding of the same key: for tests. */
  overridingSpecs?: readonly BindingSpec[];
  /**
   * Never generate code. By default a binding resolved often gets a function of its own, made
   * with `new Function`, that builds its transient dependencies as hand-written `new` calls would.
   * Set this where a Content-Security-Policy forbids `unsafe-eval`; resolution then stays on
   * closures. (Where code generation is refused, Pinion notices and falls back by itself.)
   */
  jitless?: boolean;
}

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
    const table = new BindingTable({
      classes: o.classes,
      bindingSpecs: o.bindingSpecs,
      overridingSpecs: o.overridingSpecs,
      onlyUseExplicitBindings: o.onlyUseExplicitBindings,
      getArgNamesFromClassName: o.getArgNamesFromClassName,
      getArgNamesFromProviderFnName: o.getArgNamesFromProviderFnName,
      configureMethodName: o.configureMethodName,
      dependenciesMethodName: o.dependenciesMethodName,
      knownScopes: scopes,
    });
    this.resolver = new Resolver({
      table,
      scopes,
      isScopeUsableFromScope: o.isScopeUsableFromScope,
      safeScopes: options.isScopeUsableFromScope === undefined,
      allowInjectingNull: o.allowInjectingNull,
      getArgNamesFromProviderFnName: o.getArgNamesFromProviderFnName,
      onlyUseExplicitBindings: o.onlyUseExplicitBindings,
      jitless: o.jitless,
    });
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

interface CheckedOptions {
  /** Never mutated: it may be the copy shared by every graph built from the same list. */
  classes: readonly AnyClass[];
  bindingSpecs: BindingSpec[];
  overridingSpecs: BindingSpec[];
  onlyUseExplicitBindings: boolean;
  allowInjectingNull: boolean;
  getArgNamesFromClassName: (className: string) => string[];
  getArgNamesFromProviderFnName: (methodName: string) => string[];
  configureMethodName: string;
  dependenciesMethodName: string;
  idToScope: ReadonlyMap<ScopeId, Scope>;
  isScopeUsableFromScope: (inner: ScopeId, outer: ScopeId) => boolean;
  jitless: boolean;
}

/** JavaScript callers can pass anything: each option is checked, naming the option and element. */
function checkOptions(options: ObjectGraphOptions): CheckedOptions {
  if (typeof options !== 'object' || options === null) {
    throw new WrongArgTypeError('newObjectGraph(options)', 'an object', describeValue(options), userCallSite());
  }
  const classesOption = () => arrayOf<AnyClass>('classes', options.classes, 'a class', 'classes', isClass);
  let classes: readonly AnyClass[];
  if (options.modules === undefined) {
    const source = options.classes === undefined ? loadedClasses() : options.classes;
    classes = copyOfClasses(source, options.classes === undefined ? () => [...source] : classesOption);
  } else {
    const listed = options.classes === undefined ? [] : classesOption();
    classes = listed;
    const modules = arrayOf<object>('modules', options.modules, 'a module namespace', 'module namespaces', isModule);
    for (const module of modules) {
      for (const value of Object.values(module) as unknown[]) {
        if (typeof value === 'function' && getClassMetadata(value) && !listed.includes(value)) listed.push(value);
      }
    }
  }
  const getArgNamesFromClassName = fn(
    'getArgNamesFromClassName',
    options.getArgNamesFromClassName,
    defaultGetArgNamesFromClassName,
  );
  const getArgNamesFromProviderFnName = fn(
    'getArgNamesFromProviderFnName',
    options.getArgNamesFromProviderFnName,
    defaultGetArgNamesFromProviderFnName,
  );
  return {
    classes,
    bindingSpecs: options.bindingSpecs === undefined ? [] : specs('bindingSpecs', options.bindingSpecs),
    overridingSpecs: options.overridingSpecs === undefined ? [] : specs('overridingSpecs', options.overridingSpecs),
    onlyUseExplicitBindings: bool('onlyUseExplicitBindings', options.onlyUseExplicitBindings),
    allowInjectingNull: bool('allowInjectingNull', options.allowInjectingNull),
    getArgNamesFromClassName: checkedNames('getArgNamesFromClassName', getArgNamesFromClassName),
    getArgNamesFromProviderFnName: checkedNames('getArgNamesFromProviderFnName', getArgNamesFromProviderFnName),
    configureMethodName: str('configureMethodName', options.configureMethodName, 'configure'),
    dependenciesMethodName: str('dependenciesMethodName', options.dependenciesMethodName, 'dependencies'),
    idToScope: checkScopes(options.idToScope),
    isScopeUsableFromScope: fn('isScopeUsableFromScope', options.isScopeUsableFromScope, everyScopeIsUsable),
    jitless: bool('jitless', options.jitless),
  };
}

/** Shared by every graph without custom scopes: never written. */
const NO_SCOPES: ReadonlyMap<ScopeId, Scope> = new Map();
const NO_FRAME_SCOPES: ReadonlyMap<ScopeId, FrameScope> = new Map();

/**
 * What `new` can build: not an arrow function or method (no `[[Construct]]`), nor a built-in
 * that refuses `new` (`Symbol`, `BigInt`). Checked without calling it.
 */
function isClass(value: unknown): value is AnyClass {
  if (typeof value !== 'function' || value === Symbol || value === BigInt) return false;
  try {
    Reflect.construct(Object, [], value);
    return true;
  } catch {
    return false;
  }
}
const isModule = (v: unknown) => typeof v === 'object' && v !== null;

function specs(name: string, value: unknown): BindingSpec[] {
  return arrayOf<BindingSpec>(name, value, 'a BindingSpec instance', 'BindingSpec instances', isBindingSpec);
}

function fn<F>(name: string, value: F | undefined, fallback: F): F {
  if (value === undefined) return fallback;
  if (typeof value !== 'function') {
    throw new WrongArgTypeError(name, 'a function', describeValue(value), userCallSite());
  }
  return value;
}

function bool(name: string, value: unknown): boolean {
  if (value === undefined) return false;
  if (typeof value !== 'boolean') {
    throw new WrongArgTypeError(name, 'a boolean', describeValue(value), userCallSite());
  }
  return value;
}

function str(name: string, value: unknown, fallback: string): string {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || value === '') {
    throw new WrongArgTypeError(name, 'a method name', describeValue(value), userCallSite());
  }
  return value;
}

function arrayOf<T>(
  name: string,
  value: unknown,
  expected: string,
  plural: string,
  isElement: (v: unknown) => boolean,
): T[] {
  if (!Array.isArray(value)) {
    throw new WrongArgTypeError(name, `an array of ${plural}`, describeValue(value), userCallSite());
  }
  for (const [index, element] of value.entries()) {
    if (!isElement(element)) {
      throw new WrongArgElementTypeError(name, index, expected, describeValue(element), userCallSite());
    }
  }
  return [...value];
}

/**
 * A copy of `source` (a `classes` option or the registry of loaded classes), made and checked by
 * `copy`. The last copy of each list is kept and given again while the list holds the same classes
 * in the same order: graphs built from one list then share one copy, and the bindings built from
 * it (see `BindingTable`). Copies are never mutated.
 */
function copyOfClasses(source: unknown, copy: () => readonly AnyClass[]): readonly AnyClass[] {
  const last = classListCopies.get(source as object);
  if (last !== undefined && sameElements(last, source as readonly unknown[])) return last;
  const made = copy();
  classListCopies.set(source as object, made);
  return made;
}

const classListCopies = new WeakMap<object, readonly AnyClass[]>();

function sameElements(a: readonly unknown[], b: readonly unknown[]): boolean {
  const n = a.length;
  if (n !== b.length) return false;
  let i = 0;
  // Four at a time: this runs for every graph, over every class.
  for (; i + 4 <= n; i += 4) {
    if (a[i] !== b[i] || a[i + 1] !== b[i + 1] || a[i + 2] !== b[i + 2] || a[i + 3] !== b[i + 3]) return false;
  }
  for (; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * A naming option must return an array of strings; say which option broke that. The default
 * rules always do: they are used as they are, and the rest of Pinion can recognize them.
 */
function checkedNames(option: string, fn: (name: string) => string[]): (name: string) => string[] {
  if (fn === defaultGetArgNamesFromClassName || fn === defaultGetArgNamesFromProviderFnName) return fn;
  return (name) => {
    const names = fn(name);
    const call = () => `${option}(${JSON.stringify(name)})`; // built only for a message
    if (!Array.isArray(names)) {
      throw new WrongArgTypeError(call(), 'an array of strings', describeValue(names), userCallSite());
    }
    for (const [index, element] of names.entries()) {
      if (typeof element !== 'string') {
        throw new WrongArgElementTypeError(call(), index, 'a string', describeValue(element), userCallSite());
      }
    }
    return names;
  };
}

function checkScopes(idToScope: ObjectGraphOptions['idToScope']): ReadonlyMap<ScopeId, Scope> {
  if (idToScope === undefined) return NO_SCOPES;
  if (typeof idToScope !== 'object' || idToScope === null) {
    throw new WrongArgTypeError('idToScope', 'an object or Map of scopes', describeValue(idToScope), userCallSite());
  }
  const entries: [ScopeId, Scope][] =
    idToScope instanceof Map
      ? [...idToScope.entries()]
      : [...Object.keys(idToScope), ...Object.getOwnPropertySymbols(idToScope)].map((k) => [
          k,
          (idToScope as Record<ScopeId, Scope>)[k],
        ]);
  const scopes = new Map<ScopeId, Scope>();
  for (const [id, scope] of entries) {
    if (id === SINGLETON || id === PROTOTYPE || id === UNSCOPED) {
      throw new OverridingDefaultScopeError(String(id), userCallSite());
    }
    if (typeof scope !== 'object' || scope === null || typeof (scope as Scope).provide !== 'function') {
      throw new WrongArgTypeError(
        `idToScope[${String(id)}]`,
        'a scope (an object with a provide method)',
        describeValue(scope),
        userCallSite(),
      );
    }
    scopes.set(id, scope);
  }
  return scopes;
}

/** Where the user called `provide` / `get`: named by messages about the root of a request. */
const provideCallSite = () => callSite(ObjectGraph.prototype.provide);
const getCallSite = () => callSite(ObjectGraph.prototype.get);
const provideAsyncCallSite = () => callSite(ObjectGraph.prototype.provideAsync);
const getAsyncCallSite = () => callSite(ObjectGraph.prototype.getAsync);

/**
 * Options and arguments have no source location of their own: messages about them name where the
 * user called into Pinion (read from the stack only when an error is raised).
 */
function userCallSite(): string {
  const { provide, get, validate, provideAsync, getAsync, runInScope, enterScope, clearScope } = ObjectGraph.prototype;
  for (const entryPoint of [
    newObjectGraph,
    provide,
    get,
    validate,
    provideAsync,
    getAsync,
    runInScope,
    enterScope,
    clearScope,
  ]) {
    const site = callSite(entryPoint);
    if (site !== '(unknown location)') return site;
  }
  return '(unknown location)';
}
