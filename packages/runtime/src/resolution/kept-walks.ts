/**
 * What planning keeps between graphs: facts about classes whose parameters come from the
 * transformer's metadata (`ClassFacts`), and injectsEveryParam walks from a root of a shared class index
 * (`keptWalks`), replayed by the next graphs built from that index. Both hold while no decoration
 * record has been written since and their leaf classes are still bare: `stillHolds` says so, for both.
 */
import { type Binding, ClassBinding } from '../bindings/binding-table.js';
import type { AnyClass } from '../metadata/class-metadata.js';
import { noRecordWrittenSince } from '../metadata/decorator-records.js';
import { defaultGetArgNamesFromProviderFnName } from '../metadata/naming.js';
import type { ResolverOptions } from './context.js';
import { type Edge, everyScopeIsUsable } from './plan.js';

/**
 * What planning reads of a class whose parameters come from the transformer's metadata, under the
 * default provider-function naming rule: it depends on nothing else but the class's decoration
 * records, so it is kept (here, and on the class's shared bindings) until a record is written.
 */
export interface ClassFacts {
  /** `recordsWritten()` when they were read. */
  readonly recordsWhenRead: number;
  /** Each walk gets its own copies. */
  readonly edges: readonly Edge[];
  /** No `@inject({ argNames | allExcept })`: every parameter is injected. */
  readonly injectsEveryParam: boolean;
  /** Without parameters because it has no constructor of its own: valid while `isBareClass`. */
  readonly bareLeaf: boolean;
}

/** A walk kept for the next graphs: the bindings in the order the walk compiled them, with their edges. */
export interface KeptWalk {
  /** `recordsWritten()` when it was walked. */
  readonly recordsWhenRead: number;
  readonly order: readonly (readonly [Binding, Edge[]])[];
  /** Its classes whose kept facts hold only while they are bare classes. */
  readonly bareClasses: readonly AnyClass[];
}

const classFacts = new WeakMap<AnyClass, ClassFacts>();

/**
 * Walks from a root of a shared class index, kept for the next graphs built from that index (their
 * edges are never written after the walk). Valid while `stillHolds`.
 */
const keptWalks = new WeakMap<Binding, KeptWalk>();

const NO_LEAVES: readonly AnyClass[] = [];

/**
 * No `static inject` and no base class: a class whose metadata has no constructor then takes no
 * parameters (see `constructorParams`).
 */
export function isBareClass(cls: AnyClass): boolean {
  return !Object.hasOwn(cls, 'inject') && Object.getPrototypeOf(cls) === Function.prototype;
}

/**
 * The one staleness rule of what is kept: read when `records` decoration records had been
 * written, it holds while no other has been and every class of `bareClasses` is still bare.
 */
export function stillHolds(records: number, bareClasses: readonly AnyClass[]): boolean {
  return noRecordWrittenSince(records) && bareClasses.every(isBareClass);
}

/** Edges of `binding` kind get their `target` set by the walk: each walk needs its own. */
export function copyEdges(edges: readonly Edge[]): Edge[] {
  const copy: Edge[] = new Array(edges.length);
  for (let i = 0; i < edges.length; i++) {
    const edge = edges[i];
    copy[i] = edge.kind === 'binding' ? { ...edge, target: undefined } : edge;
  }
  return copy;
}

/**
 * Under the default provider naming rule, planning keeps facts about classes whose parameters
 * come from the transformer's metadata (see `ClassFacts`).
 */
export function keepsFacts(options: ResolverOptions): boolean {
  return options.getArgNamesFromProviderFnName === defaultGetArgNamesFromProviderFnName;
}

/** The facts kept about `cls`, the class of `binding`, while they still hold. */
export function keptFacts(options: ResolverOptions, binding: Binding, cls: AnyClass): ClassFacts | undefined {
  if (!keepsFacts(options)) return undefined;
  const classBinding = binding instanceof ClassBinding ? binding : undefined;
  const facts = (classBinding?.facts as ClassFacts | undefined) ?? classFacts.get(cls);
  if (facts === undefined || !stillHolds(facts.recordsWhenRead, facts.bareLeaf ? [cls] : NO_LEAVES)) return undefined;
  if (classBinding !== undefined) classBinding.facts = facts;
  return facts;
}

/** Keeps `facts` about `cls`, here and on `binding` when it is a class binding shared by graphs. */
export function keepFacts(binding: Binding, cls: AnyClass, facts: ClassFacts): void {
  classFacts.set(cls, facts);
  if (binding instanceof ClassBinding) binding.facts = facts;
}

/**
 * Whether walks can be kept and replayed: they then depend only on the shared class index (no
 * specs), the default rules (pure) and the classes' kept facts.
 */
export function replaysWalks(options: ResolverOptions): boolean {
  return (
    options.table.sharesClassIndex() && options.isScopeUsableFromScope === everyScopeIsUsable && keepsFacts(options)
  );
}

/** The walk kept from `root`, while it still holds. */
export function keptWalkFrom(root: Binding): KeptWalk | undefined {
  const kept = keptWalks.get(root);
  return kept !== undefined && stillHolds(kept.recordsWhenRead, kept.bareClasses) ? kept : undefined;
}

/**
 * Keeps the walk from `root` (read when `records` decoration records had been written) if facts
 * are kept about every class it found: a binding that is not a class's cannot be replayed.
 */
export function keepWalk(
  options: ResolverOptions,
  root: Binding,
  records: number,
  order: readonly (readonly [Binding, Edge[]])[],
): void {
  const bareClasses: AnyClass[] = [];
  const factsKept = ([binding]: readonly [Binding, Edge[]]) => {
    const facts = binding.target.kind === 'class' ? keptFacts(options, binding, binding.target.cls) : undefined;
    if (facts?.bareLeaf) bareClasses.push((binding.target as { cls: AnyClass }).cls);
    return facts !== undefined;
  };
  if (order.every(factsKept)) keptWalks.set(root, { recordsWhenRead: records, order, bareClasses });
}
