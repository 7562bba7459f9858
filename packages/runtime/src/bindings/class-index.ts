/**
 * The bindings a graph's classes give (implicit ones by derived name, explicit ones for `@inject`
 * classes), and the index of them shared by every graph built from the same class list under the
 * default naming rule, valid while no decoration record is written (one staleness check:
 * `noRecordWrittenSince`).
 */

import { BindingKey, KeyMap } from '../core/binding-key.js';
import { ConflictingExplicitBindingsError } from '../core/errors.js';
import { type ScopeId, SINGLETON } from '../core/scope-ids.js';
import type { AnyClass } from '../metadata/class-metadata.js';
import {
  getAnnotationsRecord,
  getInjectRecord,
  noRecordWrittenSince,
  recordsWritten,
} from '../metadata/decorator-records.js';
import { checkClassDecorations } from '../metadata/decorators.js';
import { className, describeClass } from '../metadata/locations.js';
import { defaultGetArgNamesFromClassName } from '../metadata/naming.js';
import type { Binding, Lookup } from './binding.js';

/** Pinject's precedence: an explicit binding beats implicit ones; two implicit ones are ambiguous. */
export function lookupIn(
  explicit: KeyMap<Binding>,
  implicit: KeyMap<Binding[]>,
  name: string,
  annotation: unknown,
): Lookup {
  const found = explicit.get(name, annotation);
  if (found) return { binding: found };
  const candidates = implicit.get(name, annotation);
  if (!candidates) return undefined;
  return candidates.length === 1 ? { binding: candidates[0] } : { ambiguous: candidates };
}

/** A class's binding under one of its names: a singleton built with `new`. */
export class ClassBinding implements Binding {
  readonly target: { kind: 'class'; cls: AnyClass };
  readonly memoKey: BindingKey;
  /** What planning keeps about the class (resolution/kept-walks.ts), opaque to this layer. */
  facts: unknown = undefined;

  constructor(
    readonly key: BindingKey,
    readonly explicit: boolean,
    readonly scopeId: ScopeId,
    cls: AnyClass,
  ) {
    this.target = { kind: 'class', cls };
    this.memoKey = key;
  }

  /** `class Foo (src/foo.ts:3:14)`, read when a message needs it. */
  get description(): string {
    return describeClass(this.target.cls);
  }
}

/** The bindings a graph's classes give: `@inject` classes explicit ones, the others implicit ones. */
export interface ClassIndex {
  readonly explicit: KeyMap<Binding>;
  readonly implicit: KeyMap<Binding[]>;
  /** The classes with an `@inject` or `@annotateArg` record, in order: their checks read their parameters. */
  readonly decorated: readonly AnyClass[];
  /** `recordsWritten()` when the index was built. */
  readonly records: number;
}

/** A class index under the default naming rule, with what a table without specs reads of it. */
export interface SharedClassIndex extends ClassIndex {
  /** `lookup(name)` without annotation: the index has no annotated bindings. */
  readonly lookups: ReadonlyMap<string, Lookup>;
  /** The names of each class that has bindings. */
  readonly namesByClass: ReadonlyMap<AnyClass, readonly string[]>;
}

export function indexClasses(
  classes: readonly AnyClass[],
  onlyUseExplicitBindings: boolean,
  namesOfClass: (cls: AnyClass) => readonly string[],
  namesByClass?: Map<AnyClass, readonly string[]>,
): ClassIndex {
  const records = recordsWritten();
  const explicit = new KeyMap<Binding>();
  const implicit = new KeyMap<Binding[]>();
  const decorated: AnyClass[] = [];
  // A class listed twice (in `classes` and by a module, or twice in `classes`) is one class, not two bindings.
  for (const cls of new Set(classes)) {
    checkClassDecorations(cls);
    const injectable = getInjectRecord(cls) !== undefined;
    if (injectable || getAnnotationsRecord(cls) !== undefined) decorated.push(cls);
    if (onlyUseExplicitBindings && !injectable) continue;
    const names = namesOfClass(cls);
    namesByClass?.set(cls, names);
    for (const name of names) {
      const binding = new ClassBinding(new BindingKey(name), injectable, SINGLETON, cls);
      if (injectable) {
        const existing = explicit.get(name);
        if (existing) throw conflict([existing, binding]);
        explicit.set(name, undefined, binding);
      } else {
        const existing = implicit.get(name);
        if (existing) existing.push(binding);
        else implicit.set(name, undefined, [binding]);
      }
    }
  }
  return { explicit, implicit, decorated, records };
}

/**
 * The class index of a `classes` list under the default naming rule, shared by every graph built
 * from the same list (the very array: `newObjectGraph` keeps one copy per list while its elements
 * stay the same). Never read or written after it is built, so sharing it shares no state. It is
 * built again when any decoration record has been written since, and the checks that read a
 * decorated class's parameters run again for every graph, as they would on a new index.
 */
export function sharedClassIndex(classes: readonly AnyClass[], onlyUseExplicitBindings: boolean): SharedClassIndex {
  let indexes = sharedClassIndexes.get(classes);
  const slot = onlyUseExplicitBindings ? 1 : 0;
  const shared = indexes?.[slot];
  if (shared && noRecordWrittenSince(shared.records)) {
    for (const cls of shared.decorated) checkClassDecorations(cls);
    return shared;
  }
  const namesByClass = new Map<AnyClass, readonly string[]>();
  const built = indexClasses(classes, onlyUseExplicitBindings, defaultNamesOfClass, namesByClass);
  const lookups = new Map<string, Lookup>();
  const names = [...built.explicit.values()].map((b) => b.key.name);
  for (const bindings of built.implicit.values()) names.push(bindings[0].key.name);
  for (const name of names) lookups.set(name, lookupIn(built.explicit, built.implicit, name, undefined));
  const index: SharedClassIndex = { ...built, lookups, namesByClass };
  if (!indexes) {
    indexes = [undefined, undefined];
    sharedClassIndexes.set(classes, indexes);
  }
  indexes[slot] = index;
  return index;
}

const sharedClassIndexes = new WeakMap<
  readonly AnyClass[],
  [SharedClassIndex | undefined, SharedClassIndex | undefined]
>();

const defaultNamesOfClass = (cls: AnyClass) => defaultGetArgNamesFromClassName(className(cls));

/** Two explicit bindings of one key: the error names both. */
export function conflict(bindings: readonly Binding[]): ConflictingExplicitBindingsError {
  return new ConflictingExplicitBindingsError(
    bindings[0].key.toString(),
    bindings.map((b) => b.description),
  );
}
