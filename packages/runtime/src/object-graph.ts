import { type BindingSpec, describeValue, isBindingSpec } from './binding-spec.js';
import { BindingTable } from './bindings.js';
import { type AnyClass, getClassMetadata, loadedClasses } from './class-metadata.js';
import {
  GraphValidationError,
  OverridingDefaultScopeError,
  WrongArgElementTypeError,
  WrongArgTypeError,
} from './errors.js';
import { callSite } from './locations.js';
import { defaultGetArgNamesFromClassName, defaultGetArgNamesFromProviderFnName } from './naming.js';
import { Resolver } from './resolution.js';
import {
  PROTOTYPE,
  PrototypeScope,
  type Scope,
  type ScopeId,
  SINGLETON,
  SingletonScope,
  UNSCOPED,
} from './scopes/scope.js';

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
}

/** Options of `graph.get`. */
export interface GetOptions {
  annotatedWith?: unknown;
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
  private readonly classes: readonly AnyClass[];

  /** @internal use `newObjectGraph` */
  constructor(options: ObjectGraphOptions) {
    const o = checkOptions(options);
    const scopes = new Map<ScopeId, Scope>([
      [SINGLETON, new SingletonScope()],
      [PROTOTYPE, new PrototypeScope()],
    ]);
    for (const [id, scope] of o.idToScope) scopes.set(id, scope);
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
      knownScopes: new Set(scopes.keys()),
    });
    this.resolver = new Resolver({
      table,
      scopes,
      isScopeUsableFromScope: o.isScopeUsableFromScope,
      allowInjectingNull: o.allowInjectingNull,
      getArgNamesFromProviderFnName: o.getArgNamesFromProviderFnName,
      onlyUseExplicitBindings: o.onlyUseExplicitBindings,
    });
  }

  /**
   * An instance of `cls` with its parameters injected. When the binding named after `cls`
   * targets `cls`, it goes through that binding and its scope: a singleton root is the same object
   * every time, and the one injected elsewhere.
   */
  provide<T>(cls: abstract new (...args: never[]) => T): T {
    if (typeof cls !== 'function') {
      throw new WrongArgTypeError('provide(cls)', 'a class', describeValue(cls), userCallSite());
    }
    return this.resolver.provide(cls, provideCallSite) as T;
  }

  /** What a parameter named `name` (annotated with `annotatedWith`) would receive. */
  get<T = unknown>(name: string, options: GetOptions = {}): T {
    if (typeof name !== 'string') {
      throw new WrongArgTypeError('get(name)', 'a string', describeValue(name), userCallSite());
    }
    return this.resolver.get(name, options.annotatedWith, getCallSite) as T;
  }

  /**
   * Walks every explicit binding and every root class (default: the graph's classes) without
   * constructing anything, and throws one `GraphValidationError` listing every problem found.
   */
  validate(roots: readonly AnyClass[] = this.classes): void {
    if (!Array.isArray(roots)) {
      throw new WrongArgTypeError('validate(roots)', 'an array of classes', describeValue(roots), userCallSite());
    }
    const problems = this.resolver.validate(roots);
    if (problems.length > 0) throw new GraphValidationError(problems);
  }
}

interface CheckedOptions {
  classes: AnyClass[];
  bindingSpecs: BindingSpec[];
  overridingSpecs: BindingSpec[];
  onlyUseExplicitBindings: boolean;
  allowInjectingNull: boolean;
  getArgNamesFromClassName: (className: string) => string[];
  getArgNamesFromProviderFnName: (methodName: string) => string[];
  configureMethodName: string;
  dependenciesMethodName: string;
  idToScope: Map<ScopeId, Scope>;
  isScopeUsableFromScope: (inner: ScopeId, outer: ScopeId) => boolean;
}

/** JavaScript callers can pass anything: each option is checked, naming the option and element. */
function checkOptions(options: ObjectGraphOptions): CheckedOptions {
  if (typeof options !== 'object' || options === null) {
    throw new WrongArgTypeError('newObjectGraph(options)', 'an object', describeValue(options), userCallSite());
  }
  const classes = options.classes === undefined && options.modules === undefined ? [...loadedClasses()] : [];
  if (options.classes !== undefined) {
    const isClass = (v: unknown) => typeof v === 'function';
    classes.push(...arrayOf<AnyClass>('classes', options.classes, 'a class', 'classes', isClass));
  }
  if (options.modules !== undefined) {
    const isModule = (v: unknown) => typeof v === 'object' && v !== null;
    const modules = arrayOf<object>('modules', options.modules, 'a module namespace', 'module namespaces', isModule);
    for (const module of modules) {
      for (const value of Object.values(module) as unknown[]) {
        if (typeof value === 'function' && getClassMetadata(value) && !classes.includes(value)) classes.push(value);
      }
    }
  }
  const specs = (name: string, value: unknown) =>
    arrayOf<BindingSpec>(name, value, 'a BindingSpec instance', 'BindingSpec instances', isBindingSpec);
  const fn = <F>(name: string, value: F | undefined, fallback: F): F => {
    if (value === undefined) return fallback;
    if (typeof value !== 'function') {
      throw new WrongArgTypeError(name, 'a function', describeValue(value), userCallSite());
    }
    return value;
  };
  const bool = (name: string, value: unknown): boolean => {
    if (value === undefined) return false;
    if (typeof value !== 'boolean') {
      throw new WrongArgTypeError(name, 'a boolean', describeValue(value), userCallSite());
    }
    return value;
  };
  const str = (name: string, value: unknown, fallback: string): string => {
    if (value === undefined) return fallback;
    if (typeof value !== 'string' || value === '') {
      throw new WrongArgTypeError(name, 'a method name', describeValue(value), userCallSite());
    }
    return value;
  };
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
    isScopeUsableFromScope: fn('isScopeUsableFromScope', options.isScopeUsableFromScope, () => true),
  };
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

/** A naming option must return an array of strings; say which option broke that. */
function checkedNames(option: string, fn: (name: string) => string[]): (name: string) => string[] {
  return (name) => {
    const names = fn(name);
    const call = () => `${option}(${JSON.stringify(name)})`;
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

function checkScopes(idToScope: ObjectGraphOptions['idToScope']): Map<ScopeId, Scope> {
  if (idToScope === undefined) return new Map();
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

/**
 * Options and arguments have no source location of their own: messages about them name where the
 * user called into Pinion (read from the stack only when an error is raised).
 */
function userCallSite(): string {
  const { provide, get, validate } = ObjectGraph.prototype;
  for (const entryPoint of [newObjectGraph, provide, get, validate]) {
    const site = callSite(entryPoint);
    if (site !== '(unknown location)') return site;
  }
  return '(unknown location)';
}
