/**
 * A graph's binding table: the class index's bindings, the specs' explicit bindings, overriding
 * specs, precedence, and the checks made at graph creation.
 */
import { BindingKey, KeyMap } from '../core/binding-key.js';
import {
  ConflictingRequiredBindingError,
  EmptyBindingSpecError,
  MissingRequiredBindingError,
  NoBindingTargetError,
  UnknownScopeError,
  WrongArgElementTypeError,
  WrongArgTypeError,
} from '../core/errors.js';
import { describeScope, type ScopeId, SINGLETON } from '../core/scope-ids.js';
import { describeValue } from '../core/values.js';
import type { AnyClass } from '../metadata/class-metadata.js';
import { getProvidesRecord } from '../metadata/decorator-records.js';
import { checkMethodAnnotations } from '../metadata/decorators.js';
import { classLocation, className, describeClass } from '../metadata/locations.js';
import { defaultGetArgNamesFromClassName } from '../metadata/naming.js';
import type { Binding, BindingSource, Lookup } from './binding.js';
import {
  type BindingSpec,
  isBindingSpec,
  isBindingSpecBase,
  type RequireDeclaration,
  runConfigure,
} from './binding-spec.js';
import {
  ClassBinding,
  conflict,
  indexClasses,
  lookupIn,
  type SharedClassIndex,
  sharedClassIndex,
} from './class-index.js';

export type { Binding, BindingSource, Lookup };
export { ClassBinding };

export interface BindingTableOptions {
  classes: readonly AnyClass[];
  bindingSpecs: readonly BindingSpec[];
  overridingSpecs: readonly BindingSpec[];
  onlyUseExplicitBindings: boolean;
  /**
   * When it is `defaultGetArgNamesFromClassName` (a pure function), the classes' bindings are
   * shared with the other graphs built from the same `classes`.
   */
  getArgNamesFromClassName: (className: string) => string[];
  getArgNamesFromProviderFnName: (methodName: string) => string[];
  configureMethodName: string;
  dependenciesMethodName: string;
  /** The graph's scopes by id (only `has` is read). */
  knownScopes: ReadonlyMap<ScopeId, unknown>;
}

/**
 * Every binding of a graph, built eagerly at graph creation with Pinject's precedence: explicit
 * bindings beat implicit ones; two implicit bindings of a key make it ambiguous; two explicit
 * ones are an error; overriding specs replace both.
 */
export class BindingTable {
  private readonly explicit: KeyMap<Binding>;
  private readonly implicit: KeyMap<Binding[]>;
  /** The shared class index, while the table has no other bindings than its classes'. */
  private readonly shared: SharedClassIndex | undefined;
  /** Explicit `toClass` bindings share instances per class and scope (SPEC §5). */
  private classMemoKeys: Map<AnyClass, Map<ScopeId, BindingKey>> | undefined;

  constructor(private readonly options: BindingTableOptions) {
    const shared =
      options.getArgNamesFromClassName === defaultGetArgNamesFromClassName
        ? sharedClassIndex(options.classes, options.onlyUseExplicitBindings)
        : undefined;
    const classes =
      shared ?? indexClasses(options.classes, options.onlyUseExplicitBindings, (cls) => this.namesOfClass(cls));
    this.implicit = classes.implicit;
    if (options.bindingSpecs.length === 0 && options.overridingSpecs.length === 0) {
      this.explicit = classes.explicit; // nothing is added to it: it can stay shared
      this.shared = shared;
      return;
    }
    this.shared = undefined;
    this.explicit = new KeyMap<Binding>();
    for (const binding of classes.explicit.values())
      this.explicit.set(binding.key.name, binding.key.annotation, binding);
    const requires: RequireDeclaration[] = [];
    const regular = this.collectSpecBindings(
      expandSpecs(options.bindingSpecs, options.dependenciesMethodName),
      requires,
    );
    addExplicit(this.explicit, regular);
    const overriding = this.collectSpecBindings(
      expandSpecs(options.overridingSpecs, options.dependenciesMethodName),
      requires,
    );
    const overridden = new KeyMap<Binding>();
    addExplicit(overridden, overriding);
    for (const binding of overridden.values()) this.explicit.set(binding.key.name, binding.key.annotation, binding);
    for (const binding of this.explicit.values()) this.checkScope(binding);
    this.checkRequires(requires);
  }

  lookup(name: string, annotation?: unknown): Lookup {
    if (this.shared !== undefined && annotation === undefined) return this.shared.lookups.get(name);
    return lookupIn(this.explicit, this.implicit, name, annotation);
  }

  /** Whether the table's bindings are those of the shared class index of its classes, and no others. */
  sharesClassIndex(): boolean {
    return this.shared !== undefined;
  }

  /** Every explicit binding, and every implicit one (ambiguous keys included). */
  *all(): IterableIterator<Binding> {
    yield* this.explicit.values();
    for (const bindings of this.implicit.values()) yield* bindings;
  }

  /** The names a class stands for under `getArgNamesFromClassName`. */
  namesOfClass(cls: AnyClass): readonly string[] {
    const names = this.shared?.namesByClass.get(cls);
    if (names !== undefined) return names;
    return this.options.getArgNamesFromClassName(className(cls));
  }

  private collectSpecBindings(specs: readonly BindingSpec[], requires: RequireDeclaration[]): Binding[] {
    const bindings: Binding[] = [];
    for (const spec of specs) {
      const configure = (spec as unknown as Record<string, unknown>)[this.options.configureMethodName];
      const hasDependencies =
        typeof (spec as unknown as Record<string, unknown>)[this.options.dependenciesMethodName] === 'function';
      const providers = this.providerMethods(spec);
      if (typeof configure !== 'function' && providers.length === 0 && !hasDependencies) {
        throw new EmptyBindingSpecError(describeClass(spec.constructor));
      }
      if (typeof configure === 'function') {
        const declared = runConfigure(configure as never, spec);
        requires.push(...declared.requires);
        for (const d of declared.binds) {
          const target = d.targets[0];
          if (!target) throw new NoBindingTargetError(d.key.toString(), d.location);
          const description = `bind(${d.key}) at ${d.location}`;
          const scopeId = target.kind === 'scopeValue' ? target.scopeId : (target.inScope ?? SINGLETON);
          const dispose = target.kind === 'class' || target.kind === 'provider' ? target.dispose : undefined;
          const base = { key: d.key, explicit: true, scopeId, description, dispose };
          if (target.kind === 'class') {
            bindings.push({
              ...base,
              target: { kind: 'class', cls: target.cls },
              memoKey: this.classMemoKey(target.cls, scopeId, d.key),
            });
          } else if (target.kind === 'instance') {
            bindings.push({ ...base, target: { kind: 'instance', value: target.value }, memoKey: d.key });
          } else if (target.kind === 'provider') {
            bindings.push({ ...base, target: { kind: 'provider', fn: target.fn }, memoKey: d.key });
          } else {
            bindings.push({ ...base, target: { kind: 'scopeValue', scopeId: target.scopeId }, memoKey: d.key });
          }
        }
      }
      bindings.push(...providers);
    }
    return bindings;
  }

  /** Methods named `provideX` and methods marked `@provides`, on the spec's class and its bases. */
  private providerMethods(spec: BindingSpec): Binding[] {
    const bindings: Binding[] = [];
    const seen = new Set<string>();
    for (
      let proto = Object.getPrototypeOf(spec);
      proto && proto !== Object.prototype;
      proto = Object.getPrototypeOf(proto)
    ) {
      if (isBindingSpecBase(proto)) break;
      const owner = proto.constructor as AnyClass;
      for (const methodName of Object.getOwnPropertyNames(proto)) {
        if (methodName === 'constructor' || seen.has(methodName)) continue;
        seen.add(methodName);
        const method = Object.getOwnPropertyDescriptor(proto, methodName)?.value;
        if (typeof method !== 'function') continue;
        const record = getProvidesRecord(method);
        const names =
          record?.name !== undefined ? [record.name] : this.options.getArgNamesFromProviderFnName(methodName);
        if (names.length === 0) continue;
        checkMethodAnnotations(owner, methodName, method);
        const scopeId = record?.inScope ?? SINGLETON;
        for (const name of names) {
          const key = new BindingKey(name, record?.annotatedWith);
          bindings.push({
            key,
            explicit: true,
            scopeId,
            target: { kind: 'method', spec, methodName, owner },
            memoKey: key,
            description: `provider method ${className(owner)}.${methodName} (${classLocation(owner)})`,
          });
        }
      }
    }
    return bindings;
  }

  /**
   * The key `toClass` bindings of one class and scope share: the key of the first such binding,
   * so a custom scope sees a real binding key (`"a"` for `bind('a').toClass(X)`).
   */
  private classMemoKey(cls: AnyClass, scopeId: ScopeId, bindingKey: BindingKey): BindingKey {
    this.classMemoKeys ??= new Map();
    let byScope = this.classMemoKeys.get(cls);
    if (!byScope) {
      byScope = new Map();
      this.classMemoKeys.set(cls, byScope);
    }
    const key = byScope.get(scopeId) ?? bindingKey;
    byScope.set(scopeId, key);
    return key;
  }

  private checkScope(binding: Binding): void {
    if (!this.options.knownScopes.has(binding.scopeId)) {
      throw new UnknownScopeError(
        describeScope(binding.scopeId),
        binding.description,
        undefined,
        binding.key.toString(),
      );
    }
  }

  private checkRequires(requires: readonly RequireDeclaration[]): void {
    for (const required of requires) {
      const found = this.lookup(required.key.name, required.key.annotation);
      if (!found) throw new MissingRequiredBindingError(required.key.toString(), required.location);
      if ('ambiguous' in found) {
        throw new ConflictingRequiredBindingError(
          required.key.toString(),
          required.location,
          found.ambiguous.map((b) => b.description),
        );
      }
    }
  }
}

function addExplicit(map: KeyMap<Binding>, bindings: readonly Binding[]): void {
  for (const binding of bindings) {
    const existing = map.get(binding.key.name, binding.key.annotation);
    if (existing) throw conflict([existing, binding]);
    map.set(binding.key.name, binding.key.annotation, binding);
  }
}

/**
 * The specs and, depth first, their dependencies, each configured once: a spec equal to one
 * already taken (by default: of the same class) is skipped, so diamonds are configured once.
 */
function expandSpecs(roots: readonly BindingSpec[], dependenciesMethodName: string): BindingSpec[] {
  const taken: BindingSpec[] = [];
  const pending = [...roots].reverse();
  while (pending.length > 0) {
    const spec = pending.pop() as BindingSpec;
    if (taken.some((t) => t.equals(spec))) continue;
    taken.push(spec);
    const dependencies = (spec as unknown as Record<string, unknown>)[dependenciesMethodName];
    if (typeof dependencies === 'function') {
      const children: unknown = dependencies.call(spec);
      const where = `${describeClass(spec.constructor)}.${dependenciesMethodName}()`;
      if (!Array.isArray(children)) {
        throw new WrongArgTypeError(where, 'an array of BindingSpec instances', describeValue(children));
      }
      for (const [index, child] of children.entries()) {
        if (!isBindingSpec(child)) {
          throw new WrongArgElementTypeError(where, index, 'a BindingSpec instance', describeValue(child));
        }
      }
      for (let i = children.length - 1; i >= 0; i--) pending.push(children[i]);
    }
  }
  return taken;
}
