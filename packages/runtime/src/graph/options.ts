/**
 * `newObjectGraph`'s options: their type, and the checks that turn what JavaScript callers pass
 * into `CheckedOptions` (each option checked, naming the option and the element; defaults filled).
 */
import { type BindingSpec, isBindingSpec } from '../bindings/binding-spec.js';
import type { BindingTableOptions } from '../bindings/binding-table.js';
import { OverridingDefaultScopeError, WrongArgElementTypeError, WrongArgTypeError } from '../core/errors.js';
import { PROTOTYPE, type ScopeId, SINGLETON, UNSCOPED } from '../core/scope-ids.js';
import { describeValue } from '../core/values.js';
import type { Scope } from '../lifetime/scope.js';
import { type AnyClass, getClassMetadata, loadedClasses } from '../metadata/class-metadata.js';
import { defaultGetArgNamesFromClassName, defaultGetArgNamesFromProviderFnName } from '../metadata/naming.js';
import { everyScopeIsUsable, type ResolverOptions } from '../resolution/resolver.js';
import { userCallSite } from './call-sites.js';

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

/**
 * The options once checked, with every default filled in: the binding table's and the resolver's
 * options (each declared by its layer) and the scopes.
 */
export interface CheckedOptions
  extends Omit<BindingTableOptions, 'knownScopes'>,
    Omit<ResolverOptions, 'table' | 'scopes'> {
  /** Never mutated: it may be the copy shared by every graph built from the same list. */
  classes: readonly AnyClass[];
  idToScope: ReadonlyMap<ScopeId, Scope>;
}

/** JavaScript callers can pass anything: each option is checked, naming the option and element. */
export function checkOptions(options: ObjectGraphOptions): CheckedOptions {
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
    safeScopes: options.isScopeUsableFromScope === undefined,
    jitless: bool('jitless', options.jitless),
  };
}

/** Shared by every graph without custom scopes: never written. */
const NO_SCOPES: ReadonlyMap<ScopeId, Scope> = new Map();

/**
 * What `new` can build: not an arrow function or method (no `[[Construct]]`), nor a built-in
 * that refuses `new` (`Symbol`, `BigInt`). Checked without calling it.
 */
export function isClass(value: unknown): value is AnyClass {
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

export function arrayOf<T>(
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
