import { BindingKey } from './binding-key.js';
import type { AnyClass } from './class-metadata.js';
import { InvalidBindingTargetError, MultipleBindingTargetsError } from './errors.js';
import { callSite } from './locations.js';
import type { ScopeId } from './scopes/scope.js';

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

/** Disposes a bound object when its scope ends. */
export type Disposer<T = unknown> = (value: T) => void | Promise<void>;

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
  const bind: Bind = (name, options) => {
    const declaration: BindDeclaration = {
      key: new BindingKey(name, options?.annotatedWith),
      location: callSite(bind),
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
        if (typeof cls !== 'function' || !cls.prototype) throw invalid('a class', cls);
        add({ kind: 'class', cls, inScope: opts?.inScope, dispose: opts?.dispose as Disposer | undefined });
      },
      toInstance(value, opts) {
        add({ kind: 'instance', value, inScope: opts?.inScope });
      },
      toProvider(fn, opts) {
        if (typeof fn !== 'function') throw invalid('a function', fn);
        add({ kind: 'provider', fn, inScope: opts?.inScope, dispose: opts?.dispose as Disposer | undefined });
      },
      toScopeValue(scopeId) {
        add({ kind: 'scopeValue', scopeId });
      },
    };
  };
  const require: Require = (name, options) => {
    requires.push({ key: new BindingKey(name, options?.annotatedWith), location: callSite(require) });
  };
  configure.call(spec, bind, require);
  return { binds, requires };
}

/** `a string`, `null`, `class Foo`, `a number (3)`: for messages about wrong values. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'function')
    return value.prototype ? `function ${value.name || '(anonymous)'}` : 'an arrow function';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return `an object (${value.constructor?.name ?? 'no prototype'})`;
  if (typeof value === 'string')
    return `a string (${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)})`;
  return `${typeof value === 'undefined' ? 'undefined' : `a ${typeof value} (${String(value)})`}`;
}
