/**
 * The public binding-spec API (`BindingSpec`,
 * `bind(...).toClass/toInstance/toProvider/toScopeValue`, `require`) and the checks of what
 * `configure` declares.
 */
import { BindingKey } from '../core/binding-key.js';
import { InvalidBindingTargetError, MultipleBindingTargetsError, WrongArgTypeError } from '../core/errors.js';
import type { ScopeId } from '../core/scope-ids.js';
import { describeValue, isOptionsObject, isScopeId } from '../core/values.js';
import type { Disposer } from '../lifetime/disposal.js';
import type { AnyClass } from '../metadata/class-metadata.js';
import { callSite } from '../metadata/locations.js';

export type { Disposer };

const BRAND = Symbol.for('pinion.BindingSpec');

/**
 * Base class of binding specs: a `configure(bind, require)` method, a `dependencies()` method
 * returning other specs, and provider methods (`provideX`, or `@provides`). Specs are
 * de-duplicated by class; override `equals` to change that.
 */
export class BindingSpec {
  /** Two specs configure the graph once when they are equal: by default, when they are of one class. */
  equals(other: BindingSpec): boolean {
    return other.constructor === this.constructor;
  }
}
Object.defineProperty(BindingSpec.prototype, BRAND, { value: true });

/** True for `BindingSpec.prototype` itself (of any copy of this package): where provider methods stop. */
export function isBindingSpecBase(proto: object): boolean {
  return Object.hasOwn(proto, BRAND);
}

/** True for instances of `BindingSpec` from any copy of this package. */
export function isBindingSpec(value: unknown): value is BindingSpec {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}

export interface ToClassOptions<T = unknown> {
  inScope?: ScopeId;
  dispose?: Disposer<T>;
}

export interface ToProviderOptions<T = unknown> {
  inScope?: ScopeId;
  dispose?: Disposer<T>;
}

/** What `bind(name)` returns: give it exactly one target. */
export interface BindingTarget {
  /** Instances of `cls`, with its parameters injected. Memoized per class and scope. */
  toClass<T>(cls: abstract new (...args: never[]) => T, options?: ToClassOptions<T>): void;
  /** This very value. */
  toInstance<T>(value: T, options?: { inScope?: ScopeId }): void;
  /** `fn()`, called with no arguments whenever the scope asks for a new value. */
  toProvider<T>(fn: () => T, options?: ToProviderOptions<T>): void;
  /** The value each frame of the context scope `scopeId` supplies in its `values`. */
  toScopeValue(scopeId: ScopeId): void;
}

export type Bind = (name: string, options?: { annotatedWith?: unknown }) => BindingTarget;
export type Require = (name: string, options?: { annotatedWith?: unknown }) => void;

/** A binding declared with `bind(...)`, as configure() left it. */
export type DeclaredTarget =
  | { kind: 'class'; cls: AnyClass; inScope?: ScopeId; dispose?: Disposer }
  | { kind: 'instance'; value: unknown; inScope?: ScopeId }
  | { kind: 'provider'; fn: () => unknown; inScope?: ScopeId; dispose?: Disposer }
  | { kind: 'scopeValue'; scopeId: ScopeId };

export interface BindDeclaration {
  key: BindingKey;
  location: string;
  targets: DeclaredTarget[];
}

export interface RequireDeclaration {
  key: BindingKey;
  location: string;
}

/** Calls a spec's configure method with `bind` and `require`, and returns what it declared. */
export function runConfigure(configure: (bind: Bind, require: Require) => void, spec: object) {
  const binds: BindDeclaration[] = [];
  const requires: RequireDeclaration[] = [];
  // Plain JavaScript callers can pass anything: each argument is checked here, where configure()
  // runs (at graph creation), so a wrong one is named with the call's location, never met later
  // as a TypeError while resolving or when a frame ends.
  const bind: Bind = (name, options) => {
    const location = callSite(bind);
    const declaration: BindDeclaration = {
      key: checkedKey('bind', name, options, location),
      location,
      targets: [],
    };
    binds.push(declaration);
    const add = (target: DeclaredTarget) => {
      declaration.targets.push(target);
      if (declaration.targets.length > 1) {
        throw new MultipleBindingTargetsError(
          declaration.key.toString(),
          declaration.location,
          declaration.targets.map((t) => `to${t.kind[0].toUpperCase()}${t.kind.slice(1)}`),
        );
      }
    };
    const invalid = (expected: string, actual: unknown) =>
      new InvalidBindingTargetError(declaration.key.toString(), declaration.location, expected, describeValue(actual));
    return {
      toClass(cls, opts) {
        if (!isConstructor(cls)) throw invalid('a class', cls);
        const { inScope, dispose } = checkedTargetOptions(declaration.key, 'toClass(cls', opts, true, location);
        add({ kind: 'class', cls, inScope, dispose });
      },
      toInstance(value, opts) {
        const { inScope } = checkedTargetOptions(declaration.key, 'toInstance(value', opts, false, location);
        add({ kind: 'instance', value, inScope });
      },
      toProvider(fn, opts) {
        if (typeof fn !== 'function') throw invalid('a function', fn);
        const { inScope, dispose } = checkedTargetOptions(declaration.key, 'toProvider(fn', opts, true, location);
        add({ kind: 'provider', fn, inScope, dispose });
      },
      toScopeValue(scopeId) {
        if (!isScopeId(scopeId)) {
          const arg = `bind(${declaration.key}).toScopeValue(scopeId)`;
          throw new WrongArgTypeError(arg, SCOPE_ID, describeValue(scopeId), location);
        }
        add({ kind: 'scopeValue', scopeId });
      },
    };
  };
  const require: Require = (name, options) => {
    const location = callSite(require);
    requires.push({ key: checkedKey('require', name, options, location), location });
  };
  configure.call(spec, bind, require);
  return { binds, requires };
}

const SCOPE_ID = 'a scope id (a string or symbol)';

/**
 * The key of `bind(name, options)` / `require(name, options)`. The name must be a non-empty
 * string: no parameter has another name, so any other binding could never be injected.
 */
function checkedKey(call: 'bind' | 'require', name: unknown, options: unknown, location: string): BindingKey {
  if (typeof name !== 'string' || name === '') {
    throw new WrongArgTypeError(`${call}(name)`, 'a binding name (a non-empty string)', describeValue(name), location);
  }
  if (!isOptionsObject(options)) {
    throw new WrongArgTypeError(
      `${call}(${JSON.stringify(name)}, options)`,
      'an object ({ annotatedWith? })',
      describeValue(options),
      location,
    );
  }
  return new BindingKey(name, options?.annotatedWith);
}

/**
 * The options of `.toClass` / `.toInstance` / `.toProvider`, checked when bound: a `dispose` that
 * is not a function would otherwise fail only when its frame ends, far from the mistake.
 * `method` is the target method up to its first argument, e.g. `toClass(cls`.
 */
function checkedTargetOptions(
  key: BindingKey,
  method: string,
  options: unknown,
  withDispose: boolean,
  location: string,
): { inScope?: ScopeId; dispose?: Disposer } {
  // Built only for a message: binding stays as cheap as before for valid options.
  const call = () => `bind(${key}).${method}`;
  if (!isOptionsObject(options)) {
    const expected = withDispose ? 'an object ({ inScope?, dispose? })' : 'an object ({ inScope? })';
    throw new WrongArgTypeError(`${call()}, options)`, expected, describeValue(options), location);
  }
  const inScope = options?.inScope;
  if (inScope !== undefined && !isScopeId(inScope)) {
    throw new WrongArgTypeError(`${call()}, { inScope })`, SCOPE_ID, describeValue(inScope), location);
  }
  if (!withDispose) return { inScope };
  const dispose = options?.dispose;
  if (dispose !== undefined && typeof dispose !== 'function') {
    const expected = 'a function ((value) => void | Promise<void>)';
    throw new WrongArgTypeError(`${call()}, { dispose })`, expected, describeValue(dispose), location);
  }
  return { inScope, dispose: dispose as Disposer | undefined };
}

/** A class or constructor function; false for a revoked Proxy, whose `prototype` cannot be read. */
function isConstructor(value: unknown): boolean {
  if (typeof value !== 'function') return false;
  try {
    return Boolean(value.prototype);
  } catch {
    return false;
  }
}
