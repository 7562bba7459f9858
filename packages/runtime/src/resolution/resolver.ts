import { type Binding, type BindingTable, ClassBinding, type Lookup } from '../bindings/binding-table.js';
import { BindingKey } from '../core/binding-key.js';
import {
  AmbiguousArgNameError,
  AsyncProviderError,
  BadDependencyScopeError,
  type CycleStep,
  CyclicInjectionError,
  DirectlyPassingInjectedArgsError,
  GraphDisposingError,
  InjectingNullDisallowedError,
  MissingMetadataError,
  NonExplicitlyBoundClassError,
  NothingInjectableForArgError,
  OnlyInstantiableViaProviderFunctionError,
  OutOfScopeError,
  PinionError,
  UninjectableParameterError,
} from '../core/errors.js';
import { describeScope, PROTOTYPE, type ScopeId, SINGLETON, UNSCOPED } from '../core/scope-ids.js';
import { isThenable } from '../core/thenable.js';
import { disposeAsync, type Owner, own, throwCollected } from '../lifetime/disposal.js';
import { activeFrame, FrameScope, type FrameStore, fillSlot, UNDEFINED_VALUE } from '../lifetime/frames.js';
import type { Scope } from '../lifetime/scope.js';
import { type AnyClass, getClassMetadata, type ParamMetadata } from '../metadata/class-metadata.js';
import { constructorParams, methodParams } from '../metadata/class-params.js';
import { getAnnotationsRecord, getInjectRecord, recordsWritten } from '../metadata/decorator-records.js';
import { className, describeClass } from '../metadata/locations.js';
import { missingBindingClues } from '../metadata/missing-binding.js';
import { defaultGetArgNamesFromProviderFnName } from '../metadata/naming.js';
import { type FrameAccess, tiered } from './codegen.js';

export interface ResolverOptions {
  table: BindingTable;
  scopes: ReadonlyMap<ScopeId, Scope>;
  isScopeUsableFromScope: (innerScopeId: ScopeId, outerScopeId: ScopeId) => boolean;
  /**
   * No `isScopeUsableFromScope` was given: the safe default also holds, so that no object outside
   * frames keeps a frame's object (see `checkNoCaptive`).
   */
  safeScopes: boolean;
  allowInjectingNull: boolean;
  getArgNamesFromProviderFnName: (methodName: string) => string[];
  onlyUseExplicitBindings: boolean;
  /** Never generate code (`new Function`): resolve through closures only. */
  jitless: boolean;
}

/** One parameter of a constructor or provider method, as the plan will fill it. */
type Edge =
  | { kind: 'binding'; key: BindingKey; param: string; type?: string; target?: Binding }
  | { kind: 'providerFn'; key: BindingKey; param: string; type?: string }
  | { kind: 'keepDefault' }
  | { kind: 'direct'; param: string };

/** Where an argument's value comes from in a compiled plan. */
type ArgSource = { plan: Plan } | { get: () => unknown };

/** A singleton's slot: filled once. */
interface Cell {
  done: boolean;
  value: unknown;
  /** An async creation in flight: concurrent first requests share it. */
  pending?: Promise<unknown>;
}

/** What a generator provider's construct returns: the yielded value and the generator to finish at disposal. */
interface Generated {
  value: unknown;
  generator: Generator | AsyncGenerator;
}

/**
 * A binding compiled for resolution: built once, on first use, with every dependency looked up,
 * scope-checked and cycle-checked, so resolving walks closures and nothing else.
 */
export interface Plan {
  readonly binding: Binding;
  /** The binding's name, for generated code. */
  readonly name: string;
  /** The class a `new` or `frame` plan builds with `new`, its arguments as they come: code can be generated for it. */
  readonly inlineClass: Function | undefined;
  readonly args: readonly ArgSource[];
  /** Longest chain of plans below this one, itself included. */
  readonly depth: number;
  /**
   * `cell`: the graph's own singletons; `new`: a new value each time; `frame`: a slot in the
   * current frame of a `ContextScope`/`KeyedScope`; `scope`: asks any other Scope object.
   */
  readonly mode: 'cell' | 'new' | 'frame' | 'scope';
  readonly cell?: Cell;
  /** Whether an async provider is involved: it can be resolved synchronously only once created. */
  readonly async: boolean;
  /** Builds the value from its evaluated arguments (for generator providers, a `Generated`). */
  readonly construct: (args: unknown[]) => unknown;
  /** Registers a new value with its owner (a frame or the graph) and returns the value. */
  readonly keep: (raw: unknown, owner: Owner | undefined) => unknown;
  /** Resolves through the binding's scope. */
  resolve: () => unknown;
  /** Resolves through the binding's scope, awaiting async providers: a value or a promise. */
  resolveAsync: () => unknown;
  /** An async plan resolves synchronously once these cells are filled; `undefined`: never. */
  readyWhen?: readonly Cell[];
  /** For partial injection: where the caller's direct arguments go among `args`. */
  readonly directPositions: readonly number[];
  /** For partial injection: builds with the caller's direct arguments. */
  readonly resolveWith?: (direct: readonly unknown[]) => unknown;
}

/** Above this depth, plans resolve with an explicit stack instead of nested calls. */
const DEEP = 400;
const NO_VALUE = () => undefined;
const ignore = () => {};

// ---- planning helpers (see the planning half of Resolver) ------------------------------

/** What a message names as the place that asked for something: built only when an error is raised. */
type Site = () => string;

/** Up to this depth, the walk finds a binding on its stack by a scan; deeper, through a map. */
const SHALLOW_STACK = 16;

/**
 * What planning reads of a class whose parameters come from the transformer's metadata, under the
 * default provider-function naming rule: it depends on nothing else but the class's decoration
 * records, so it is kept (here, and on the class's shared bindings) until a record is written.
 */
interface ClassFacts {
  /** `recordsWritten()` when they were read. */
  readonly records: number;
  /** Each walk gets its own copies. */
  readonly edges: readonly Edge[];
  /** No `@inject({ argNames | allExcept })`: every parameter is injected. */
  readonly whole: boolean;
  /** Without parameters because it has no constructor of its own: valid while `isBareClass`. */
  readonly leaf: boolean;
}

/**
 * No `static inject` and no base class: a class whose metadata has no constructor then takes no
 * parameters (see `constructorParams`).
 */
function isBareClass(cls: AnyClass): boolean {
  return !Object.hasOwn(cls, 'inject') && Object.getPrototypeOf(cls) === Function.prototype;
}

const classFacts = new WeakMap<AnyClass, ClassFacts>();

/**
 * Walks from a root of a shared class index, kept for the next graphs built from that index: the
 * bindings in the order the walk compiled them, with their edges (never written after the walk).
 * Valid while no decoration record is written.
 */
const keptWalks = new WeakMap<
  Binding,
  {
    records: number;
    order: readonly (readonly [Binding, Edge[]])[];
    /** Its classes whose kept facts hold only while they are bare classes. */
    leaves: readonly AnyClass[];
  }
>();

/**
 * `graph.get("db") at src/app.ts:3:5`. Made here, not in `namePlan`: a closure there would cost
 * every warm `get` a context for `where`.
 */
function getSite(key: BindingKey, where: (() => string) | undefined): Site {
  return () => `graph.get(${key})${where ? ` at ${where()}` : ''}`;
}

/** The default `isScopeUsableFromScope`: every edge is allowed. */
export const everyScopeIsUsable = (_inner: ScopeId, _outer: ScopeId): boolean => true;

/** Edges of `binding` kind get their `target` set by the walk: each walk needs its own. */
function copyEdges(edges: readonly Edge[]): Edge[] {
  const copy: Edge[] = new Array(edges.length);
  for (let i = 0; i < edges.length; i++) {
    const edge = edges[i];
    copy[i] = edge.kind === 'binding' ? { ...edge, target: undefined } : edge;
  }
  return copy;
}

/**
 * The resolution engine: looks bindings up, compiles plans (checking edges, scopes and cycles
 * iteratively, so 10,000-deep chains are fine) and resolves them.
 */
export class Resolver {
  private readonly plans = new Map<Binding, Plan>();
  /** @internal `provide(cls)`'s plans, read directly by the graph's fast path. */
  readonly rootPlans = new Map<AnyClass, Plan>();
  /** @internal `get(name)`'s plans without an annotation, read directly by the graph's fast path. */
  readonly plainNamePlans = new Map<string, Plan>();
  /** `get(name, { annotatedWith })`, by name, then annotation. */
  private readonly namePlans = new Map<string, Map<unknown, Plan>>();
  /** The graph's singletons, by key. */
  readonly singletons = new Map<BindingKey, Cell>();
  /** The singletons to dispose, in creation order. */
  readonly disposables: Owner = { owned: undefined };
  private readonly activeProviderCalls: { from: Plan; to: Plan }[] = [];
  /**
   * Per walked binding, under the safe default: the chain by which its objects reach a context
   * scope's object (itself when it is context-scoped, else through `PROTOTYPE` bindings), or `null`.
   */
  private readonly contextReach = new Map<Binding, readonly CaptiveStep[] | null>();
  /** `graph.dispose()` is disposing the singletons: none may be created until it ends. */
  private disposing = false;

  constructor(private readonly options: ResolverOptions) {}

  /** `graph.provide(cls)`; `where` tells where the user called it, for messages. */
  provide(cls: AnyClass, where?: () => string): unknown {
    return (this.rootPlans.get(cls) ?? this.newRootPlan(cls, where)).resolve();
  }

  /** `graph.provideAsync(cls)`: a value or a promise. */
  provideAsync(cls: AnyClass, where?: () => string): unknown {
    return (this.rootPlans.get(cls) ?? this.newRootPlan(cls, where)).resolveAsync();
  }

  /** `graph.get(name, { annotatedWith })`; `where` tells where the user called it, for messages. */
  get(name: string, annotation?: unknown, where?: () => string): unknown {
    return this.namePlan(name, annotation, where).resolve();
  }

  /** `graph.getAsync(name, { annotatedWith })`: a value or a promise. */
  getAsync(name: string, annotation?: unknown, where?: () => string): unknown {
    return this.namePlan(name, annotation, where).resolveAsync();
  }

  private namePlan(name: string, annotation: unknown, where?: () => string): Plan {
    const known = annotation === undefined ? this.plainNamePlans.get(name) : this.namePlans.get(name)?.get(annotation);
    return known ?? this.newNamePlan(name, annotation, where);
  }

  /**
   * Runs `first` (the graph clears its keyed scopes), then disposes the singletons in reverse
   * creation order once the creations in flight have arrived. From the call until it settles, no
   * singleton is handed out or created (`GraphDisposingError`); later requests create them anew.
   */
  disposeSingletons(first: () => Promise<void>): Promise<void> {
    this.disposing = true;
    const cells = [...this.singletons.values()];
    for (const cell of cells) {
      cell.done = false;
      cell.value = undefined;
    }
    const errors: unknown[] = [];
    const collect = (error: unknown) => {
      errors.push(error);
    };
    return (async () => {
      try {
        await first().catch(collect);
        await Promise.allSettled(cells.map((cell) => cell.pending));
        await disposeAsync(this.disposables).catch(collect);
      } finally {
        this.disposing = false;
      }
      throwCollected(errors, `disposal failed in ${errors.length} places`);
    })();
  }

  /** Raised before a singleton is created while the graph disposes its singletons. */
  private refuseWhileDisposing(plan: Plan): void {
    if (this.disposing) throw new GraphDisposingError(plan.binding.key.toString(), plan.binding.description);
  }

  /** The one way a singleton joins its cell: kept by the graph for disposal, then handed out. */
  private fillCell(plan: Plan, raw: unknown): unknown {
    const value = plan.keep(raw, this.disposables);
    const cell = plan.cell as Cell;
    // Created before dispose() began and arriving during it: disposed with the rest, not kept.
    if (!this.disposing) {
      cell.value = value;
      cell.done = true;
    }
    return value;
  }

  private newRootPlan(cls: AnyClass, where?: () => string): Plan {
    const plan = this.planRootClass(cls, where);
    this.rootPlans.set(cls, plan);
    return plan;
  }

  private newNamePlan(name: string, annotation: unknown, where?: () => string): Plan {
    const key = new BindingKey(name, annotation);
    const site = getSite(key, where);
    const binding = this.bindingFor(key, site, this.options.table.lookup(name, annotation));
    this.checkScopeEdge(binding, UNSCOPED, site);
    this.checkNotPartial(binding, site);
    const plan = this.planBinding(binding, site);
    if (annotation === undefined) {
      this.plainNamePlans.set(name, plan);
      return plan;
    }
    let byAnnotation = this.namePlans.get(name);
    if (!byAnnotation) {
      byAnnotation = new Map();
      this.namePlans.set(name, byAnnotation);
    }
    byAnnotation.set(annotation, plan);
    return plan;
  }

  /**
   * Walks every binding and root without building anything, and returns every problem found
   * instead of stopping at the first.
   */
  validate(roots: readonly AnyClass[]): PinionError[] {
    const problems: PinionError[] = [];
    const walked = new Set<Binding>();
    const providerTargets: Binding[] = [];
    for (const binding of this.options.table.all()) {
      if (binding.explicit) this.walk(binding, problems, walked, undefined, undefined, providerTargets);
    }
    for (const cls of roots) {
      try {
        const name = className(cls);
        const site = () => `graph.provide(${name})`;
        this.walk(this.rootBinding(cls, site), problems, walked, site, undefined, providerTargets);
      } catch (error) {
        if (!(error instanceof PinionError)) throw error;
        problems.push(error);
      }
    }
    // What provider functions provide, walked as roots: they may lead back to their requesters.
    for (let i = 0; i < providerTargets.length; i++) {
      this.walk(providerTargets[i], problems, walked, undefined, undefined, providerTargets);
    }
    const seen = new Set<string>();
    return problems.filter((p) => !seen.has(p.message) && seen.add(p.message) !== undefined);
  }

  // ---- planning ---------------------------------------------------------------------------

  private planRootClass(cls: AnyClass, where?: () => string): Plan {
    // Messages only: read (with the stack, for `where`) when an error is raised.
    const site = () => `graph.provide(${className(cls)})${where ? ` at ${where()}` : ''}`;
    const binding = this.rootBinding(cls, site);
    // Its parameters left to the caller can only be passed through a provider function.
    this.checkNotPartial(binding, site);
    return this.planBinding(binding, site);
  }

  /** The binding `provide(cls)` goes through: `cls`'s own, else a direct build from `UNSCOPED`. */
  private rootBinding(cls: AnyClass, site: Site): Binding {
    if (this.options.onlyUseExplicitBindings && !getInjectRecord(cls)) {
      throw new NonExplicitlyBoundClassError(describeClass(cls));
    }
    for (const name of this.options.table.namesOfClass(cls)) {
      const found = this.options.table.lookup(name);
      if (found && 'binding' in found && found.binding.target.kind === 'class' && found.binding.target.cls === cls) {
        this.checkScopeEdge(found.binding, UNSCOPED, site);
        return found.binding;
      }
    }
    return new ClassBinding(new BindingKey(className(cls)), false, UNSCOPED, cls);
  }

  /** `site`: what asked for `root`, for messages. */
  private planBinding(root: Binding, site?: Site): Plan {
    const existing = this.plans.get(root);
    if (existing) return existing;
    const replays = this.replaysWalks();
    const kept = replays ? keptWalks.get(root) : undefined;
    if (kept !== undefined && kept.records === recordsWritten() && kept.leaves.every(isBareClass)) {
      // The walk would find the same bindings and edges, and raise nothing: compile as it would.
      for (const [binding, edges] of kept.order) {
        if (!this.plans.has(binding)) this.plans.set(binding, this.compile(binding, edges));
      }
      return this.plans.get(root) as Plan;
    }
    // A graph's first walk (nothing planned yet: it prunes nothing) is kept for the next graphs.
    const order: [Binding, Edge[]][] | undefined =
      replays && this.plans.size === 0 && root.scopeId !== UNSCOPED ? [] : undefined;
    const records = recordsWritten();
    this.walk(root, undefined, undefined, site, order);
    if (order !== undefined) {
      const leaves: AnyClass[] = [];
      const factsKept = ([binding]: [Binding, Edge[]]) => {
        const facts = binding.target.kind === 'class' ? this.keptFacts(binding, binding.target.cls) : undefined;
        if (facts?.leaf) leaves.push((binding.target as { cls: AnyClass }).cls);
        return facts !== undefined;
      };
      if (order.every(factsKept)) keptWalks.set(root, { records, order, leaves });
    }
    return this.plans.get(root) as Plan;
  }

  /**
   * Whether walks can be kept and replayed: they then depend only on the shared class index (no
   * specs), the default rules (pure) and the classes' kept facts.
   */
  private replaysWalks(): boolean {
    return (
      this.options.table.sharesClassIndex() &&
      this.options.isScopeUsableFromScope === everyScopeIsUsable &&
      this.keepsFacts()
    );
  }

  /**
   * Depth-first walk from `root` with an explicit stack. Without `problems`, the first problem
   * is thrown and every finished binding is compiled; with it, problems are collected and
   * nothing is compiled.
   */
  private walk(
    root: Binding,
    problems?: PinionError[],
    walked?: Set<Binding>,
    rootSite?: Site,
    order?: [Binding, Edge[]][],
    providerTargets?: Binding[],
  ): void {
    interface Frame {
      binding: Binding;
      edges: Edge[];
      next: number;
    }
    const stack: Frame[] = [];
    /** Where each binding is on the stack, once the stack has grown deep; until then, a scan finds it. */
    let onStack: Map<Binding, number> | undefined;
    const indexOnStack = (binding: Binding): number | undefined => {
      if (onStack !== undefined) return onStack.get(binding);
      for (let i = 0; i < stack.length; i++) if (stack[i].binding === binding) return i;
      return undefined;
    };
    const fail = (error: PinionError) => {
      if (!problems) throw error;
      problems.push(error);
    };
    /** `site`: the parameter that asked for `binding` (none for the root). */
    const enter = (binding: Binding, site?: Site) => {
      let edges: Edge[] = [];
      try {
        edges = this.edgesOf(binding, site ?? (() => binding.description));
      } catch (error) {
        if (!(error instanceof PinionError)) throw error;
        fail(error);
      }
      if (onStack === undefined && stack.length >= SHALLOW_STACK) {
        onStack = new Map(stack.map((frame, index) => [frame.binding, index]));
      }
      onStack?.set(binding, stack.length);
      stack.push({ binding, edges, next: 0 });
    };
    const done = (binding: Binding) => this.plans.has(binding) || (walked?.has(binding) ?? false);
    if (done(root)) return;
    enter(root, rootSite);
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (top.next < top.edges.length) {
        const edge = top.edges[top.next++];
        if (edge.kind === 'providerFn') {
          // Its binding must exist now (as in Pinject); it is planned at its first call, so a
          // provider function may lead back to its requester. `validate()` walks it as a root.
          try {
            const target = this.lookUp(edge.key, paramSite(top.binding, edge.param), edge.type);
            if (problems && !done(target)) providerTargets?.push(target);
          } catch (error) {
            if (!(error instanceof PinionError)) throw error;
            fail(error);
          }
          continue;
        }
        if (edge.kind !== 'binding') continue;
        const site = paramSite(top.binding, edge.param);
        let target: Binding;
        try {
          target = this.lookUp(edge.key, site, edge.type);
          this.checkScopeEdge(target, top.binding.scopeId, site);
          this.checkNotPartial(target, site);
        } catch (error) {
          if (!(error instanceof PinionError)) throw error;
          fail(error);
          continue;
        }
        edge.target = target;
        if (done(target)) continue;
        const index = indexOnStack(target);
        if (index !== undefined) {
          const steps = stack.slice(index).map((f) => cycleStep(f.binding, f.edges[f.next - 1]));
          fail(new CyclicInjectionError([...steps, cycleStep(target)]));
          continue;
        }
        enter(target, site);
      } else {
        stack.pop();
        onStack?.delete(top.binding);
        if (this.options.safeScopes) this.checkNoCaptive(top.binding, top.edges, fail);
        if (problems) walked?.add(top.binding);
        else {
          order?.push([top.binding, top.edges]);
          this.plans.set(top.binding, this.compile(top.binding, top.edges));
        }
      }
    }
  }

  /** How each parameter of the binding's constructor or provider method is filled; `site` needs the binding. */
  private edgesOf(binding: Binding, site: Site): Edge[] {
    const target = binding.target;
    if (target.kind === 'class') {
      const cls = target.cls;
      const kept = this.keptFacts(binding, cls);
      if (kept !== undefined) return copyEdges(kept.edges);
      const records = recordsWritten();
      const params = constructorParams(cls);
      if (!params) throw new MissingMetadataError(describeClass(cls), site());
      const injected = injectedParamNames(cls, params);
      const edges = this.edgesFor(params, getAnnotationsRecord(cls)?.byArg, injected, () => describeClass(cls), site);
      // Parameters from the transformer's metadata never change; `static inject` or a base class's
      // may, and so may the absence of both for a class the metadata gives no constructor.
      const metadata = getClassMetadata(cls);
      const leaf = metadata !== undefined && metadata.params === undefined && params.length === 0 && isBareClass(cls);
      if (this.keepsFacts() && (leaf || (metadata !== undefined && metadata.params === params))) {
        const facts: ClassFacts = { records, edges: copyEdges(edges), whole: injectsEveryParam(cls), leaf };
        classFacts.set(cls, facts);
        if (binding instanceof ClassBinding) binding.facts = facts;
      }
      return edges;
    }
    if (target.kind === 'method') {
      const method = (target.spec as unknown as Record<string, object>)[target.methodName];
      const params = methodParams(target.owner, target.methodName);
      if (!params) throw new MissingMetadataError(describeClass(target.owner), site());
      return this.edgesFor(params, getAnnotationsRecord(method)?.byArg, undefined, () => binding.description, site);
    }
    return [];
  }

  private edgesFor(
    params: readonly ParamMetadata[],
    annotations: ReadonlyMap<string, unknown> | undefined,
    injected: ReadonlySet<string> | undefined,
    owner: () => string,
    site: Site,
  ): Edge[] {
    const edges: Edge[] = [];
    for (const [position, param] of params.entries()) {
      const name = param.name;
      if (param.kind === 'rest') break;
      if (injected && (name === undefined || !injected.has(name))) {
        edges.push({ kind: 'direct', param: name ?? `#${position + 1}` });
        continue;
      }
      if (name === undefined) throw new UninjectableParameterError(owner(), position, site());
      const annotation = annotations?.get(name);
      if ((param.kind === 'default' || param.kind === 'optional') && !annotations?.has(name)) {
        edges.push({ kind: 'keepDefault' });
        continue;
      }
      const provided = this.options.getArgNamesFromProviderFnName(name);
      if (provided.length > 0) {
        edges.push({ kind: 'providerFn', key: new BindingKey(provided[0], annotation), param: name });
      } else {
        const type = param.type;
        edges.push({ kind: 'binding', key: new BindingKey(name, annotation), param: name, type, target: undefined });
      }
    }
    return edges;
  }

  /**
   * Under the default provider naming rule, planning keeps facts about classes whose parameters
   * come from the transformer's metadata (see `classFacts`).
   */
  private keepsFacts(): boolean {
    return this.options.getArgNamesFromProviderFnName === defaultGetArgNamesFromProviderFnName;
  }

  /** The facts kept about `cls`, the class of `binding`, while no decoration record has been written since. */
  private keptFacts(binding: Binding, cls: AnyClass): ClassFacts | undefined {
    if (!this.keepsFacts()) return undefined;
    const classBinding = binding instanceof ClassBinding ? binding : undefined;
    const facts = (classBinding?.facts as ClassFacts | undefined) ?? classFacts.get(cls);
    if (facts === undefined || facts.records !== recordsWritten() || (facts.leaf && !isBareClass(cls))) {
      return undefined;
    }
    if (classBinding !== undefined) classBinding.facts = facts;
    return facts;
  }

  /** The binding of `key`, or the error for its absence or ambiguity; `site` asked for it. */
  private lookUp(key: BindingKey, site: Site, declaredType?: string): Binding {
    return this.bindingFor(key, site, this.options.table.lookup(key.name, key.annotation), declaredType);
  }

  /** `declaredType`: the type the asking parameter declares, for the message's clues. */
  private bindingFor(key: BindingKey, site: Site, found: Lookup, declaredType?: string): Binding {
    if (!found) {
      const table = this.options.table;
      const graph = {
        names: () => Array.from(table.all(), (b) => b.key.name),
        namesOfClass: (c: AnyClass) => table.namesOfClass(c),
      };
      throw new NothingInjectableForArgError(
        key.toString(),
        site(),
        missingBindingClues(key.name, graph, declaredType),
      );
    }
    if ('ambiguous' in found) {
      throw new AmbiguousArgNameError(
        key.toString(),
        site(),
        found.ambiguous.map((b) => b.description),
      );
    }
    return found.binding;
  }

  private checkScopeEdge(inner: Binding, outerScopeId: ScopeId, site: Site): void {
    if (!this.options.isScopeUsableFromScope(inner.scopeId, outerScopeId)) {
      throw new BadDependencyScopeError(
        inner.key.toString(),
        describeScope(inner.scopeId),
        describeScope(outerScopeId),
        site(),
      );
    }
  }

  /**
   * The safe default (SPEC §4): an object of a scope that outlives frames (`SINGLETON`, custom
   * scopes) may not depend on a context-scoped object, directly or through `PROTOTYPE` objects:
   * it would keep the first frame's object for ever. Runs when `binding`'s edges are walked, and
   * records how `binding` itself reaches a context scope, for its requesters.
   */
  private checkNoCaptive(binding: Binding, edges: readonly Edge[], fail: (error: PinionError) => void): void {
    const reachOf = (edge: Edge) =>
      edge.kind === 'binding' && edge.target !== undefined ? this.contextReach.get(edge.target) : undefined;
    const scopeId = binding.scopeId;
    if (this.options.scopes.get(scopeId) instanceof FrameScope || binding.target.kind === 'scopeValue') {
      this.contextReach.set(binding, [{ binding }]);
      return;
    }
    if (scopeId === PROTOTYPE || scopeId === UNSCOPED) {
      let reach: readonly CaptiveStep[] | null = null;
      for (const edge of edges) {
        const below = reachOf(edge);
        if (below) {
          reach = [{ binding, param: (edge as { param: string }).param }, ...below];
          break;
        }
      }
      this.contextReach.set(binding, reach);
      return;
    }
    this.contextReach.set(binding, null);
    for (const edge of edges) {
      const below = reachOf(edge);
      if (!below) continue;
      const context = below[below.length - 1].binding;
      fail(
        new BadDependencyScopeError(
          context.key.toString(),
          describeScope(context.scopeId),
          describeScope(scopeId),
          paramSite(binding, (edge as { param: string }).param)(),
          [{ binding, param: (edge as { param: string }).param }, ...below].map(describeCaptiveStep),
        ),
      );
    }
  }

  /** A class whose parameters are partly left to the caller can only come from a provider function. */
  private checkNotPartial(target: Binding, site: Site): void {
    if (target.target.kind !== 'class') return;
    if (this.keptFacts(target, target.target.cls)?.whole) return;
    if (injectsEveryParam(target.target.cls)) return;
    const params = constructorParams(target.target.cls) ?? [];
    const injected = injectedParamNames(target.target.cls, params);
    const direct = params.filter((p) => p.kind !== 'rest' && (p.name === undefined || !injected?.has(p.name)));
    if (direct.length > 0) {
      throw new OnlyInstantiableViaProviderFunctionError(
        describeClass(target.target.cls),
        direct.map((p) => p.name ?? '(destructured)'),
        site(),
      );
    }
  }

  // ---- compiling --------------------------------------------------------------------------

  private compile(binding: Binding, edges: readonly Edge[]): Plan {
    const args: ArgSource[] = [];
    const directPositions: number[] = [];
    let depth = 1;
    let callsProviders = false;
    let async = false;
    for (const edge of edges) {
      if (edge.kind === 'binding') {
        const plan = this.plans.get(edge.target as Binding) as Plan;
        depth = Math.max(depth, plan.depth + 1);
        async ||= plan.async;
        args.push({ plan });
      } else if (edge.kind === 'providerFn') {
        callsProviders = true;
        const fn = this.providerFunction(binding, edge);
        args.push({ get: () => fn });
      } else if (edge.kind === 'direct') {
        directPositions.push(args.length);
        args.push({ get: NO_VALUE });
      } else {
        args.push({ get: NO_VALUE });
      }
    }
    const provider = providerOf(binding);
    async ||= isAsyncFunction(provider);
    let construct = this.constructor_(binding, provider);
    const resolvers = args.map((a) => ('plan' in a ? a.plan.resolve : a.get));
    let create =
      binding.target.kind === 'class'
        ? specializeNew(binding.target.cls as new (...args: unknown[]) => unknown, resolvers)
        : specialize(construct, resolvers);
    if (callsProviders) {
      // A provider function called while its requester is being built may lead back to it.
      const guarded = this.guardAgainstReentry(binding, construct, create);
      construct = guarded.construct;
      create = guarded.create;
    }
    const scope = this.options.scopes.get(binding.scopeId);
    const mode: Plan['mode'] =
      binding.scopeId === SINGLETON
        ? 'cell'
        : binding.scopeId === PROTOTYPE || binding.scopeId === UNSCOPED || binding.target.kind === 'scopeValue'
          ? 'new'
          : scope instanceof FrameScope
            ? 'frame'
            : 'scope';
    const cell = mode === 'cell' ? this.cellFor(binding.memoKey) : undefined;
    const keep = keeper(binding, provider);
    const inlinable =
      binding.target.kind === 'class' && !callsProviders && depth <= DEEP && (mode === 'new' || mode === 'frame');
    const plan: Plan = {
      binding,
      name: binding.key.name,
      inlineClass: inlinable ? (binding.target as { cls: Function }).cls : undefined,
      args,
      depth,
      mode,
      cell,
      async,
      construct,
      keep,
      resolve: create,
      resolveAsync: create,
      directPositions,
    };
    if (depth > DEEP) create = () => this.evaluateDeep(plan);
    const through = (make: () => unknown) => this.throughScope(plan, scope, make);
    plan.resolve = through(create);
    if (inlinable && !this.options.jitless) {
      plan.resolve = tiered(
        plan,
        plan.resolve,
        mode === 'frame' ? this.frameAccess(plan, scope as FrameScope) : undefined,
      );
    }
    plan.resolveAsync = async ? this.resolveAsyncOf(plan, scope, provider) : plan.resolve;
    if (directPositions.length > 0) {
      const createWithAsync = async ? this.createAsync(plan, provider) : undefined;
      (plan as { resolveWith?: Plan['resolveWith'] }).resolveWith = (direct) => {
        if (direct.length > directPositions.length) {
          const injectedParams = (from: number) =>
            edges.slice(from).flatMap((e) => (e.kind === 'binding' || e.kind === 'providerFn' ? [e.param] : []));
          // The extra arguments would hit the injected parameters after the last direct one, else any.
          const injectedAfter = injectedParams(directPositions[directPositions.length - 1] + 1);
          throw new DirectlyPassingInjectedArgsError(
            binding.description,
            injectedAfter.length > 0 ? injectedAfter : injectedParams(0),
          );
        }
        if (createWithAsync !== undefined) {
          return this.throughScopeAsync(plan, scope, () => createWithAsync(direct))();
        }
        const build = () => {
          const values = resolvers.map((r) => r());
          for (const [i, position] of directPositions.entries()) values[position] = direct[i];
          return construct(values);
        };
        return through(build)();
      };
    }
    return plan;
  }

  /** What generated code for a `frame` plan needs: its frame, slot and owner. */
  private frameAccess(plan: Plan, frameScope: FrameScope): FrameAccess {
    const binding = plan.binding;
    return {
      active: () => activeFrame(frameScope),
      slot: frameScope.slotOf(binding.memoKey),
      noFrame: () => this.noFrame(binding, frameScope, binding.scopeId),
      keep: plan.keep,
      undefinedValue: UNDEFINED_VALUE,
    };
  }

  /** The function that makes the binding's value from evaluated arguments, synchronously. */
  private constructor_(binding: Binding, provider: unknown): (args: unknown[]) => unknown {
    const target = binding.target;
    const checkNull = this.nullCheck(binding);
    if (isAsyncFunction(provider)) return asyncProviderNeeded(binding);
    switch (target.kind) {
      case 'class': {
        const Cls = target.cls as new (...args: unknown[]) => unknown;
        return (args) => new Cls(...args);
      }
      case 'method':
      case 'provider': {
        const self = target.kind === 'method' ? target.spec : undefined;
        const fn = provider as (...args: unknown[]) => unknown;
        if (isGeneratorFunction(fn)) {
          return (args) => generated(fn.apply(self, args) as Generator, (g) => g.next(), checkNull);
        }
        return (args) => checkNull(fn.apply(self, args));
      }
      case 'instance': {
        const value = target.value;
        return () => checkNull(value);
      }
      case 'scopeValue':
        return this.scopeValueReader(binding, target.scopeId, checkNull);
    }
  }

  private nullCheck(binding: Binding): <T>(value: T) => T {
    return (value) => {
      if (value == null && !this.options.allowInjectingNull) {
        throw new InjectingNullDisallowedError(binding.key.toString(), binding.description, value as null | undefined);
      }
      return value;
    };
  }

  /** Reads a `toScopeValue` binding from the values of the current frame of its scope. */
  private scopeValueReader(binding: Binding, scopeId: ScopeId, checkNull: <T>(value: T) => T): () => unknown {
    const scope = this.options.scopes.get(scopeId);
    const id = describeScope(scopeId);
    const key = binding.key.toString();
    const name = binding.key.name;
    if (!(scope instanceof FrameScope)) {
      return () => {
        throw new OutOfScopeError(key, id, { kind: 'valueWithoutFrames', binding: binding.description });
      };
    }
    return () => {
      const frame = activeFrame(scope);
      if (frame === undefined) throw this.noFrame(binding, scope, scopeId);
      const values = frame.values;
      if (values === undefined || !Object.hasOwn(values, name)) {
        throw new OutOfScopeError(key, id, { kind: 'noValue', binding: binding.description, valueName: name });
      }
      return checkNull(values[name]);
    };
  }

  private noFrame(binding: Binding, scope: FrameScope, scopeId: ScopeId): OutOfScopeError {
    const cause = { kind: 'noFrame', binding: binding.description, keyed: scope.keyed } as const;
    return new OutOfScopeError(binding.key.toString(), describeScope(scopeId), cause);
  }

  /**
   * `resolveAsync` of an async plan. Once every async singleton it needs exists, it resolves
   * synchronously (no promise per object); until then, through `createAsync`.
   */
  private resolveAsyncOf(plan: Plan, scope: Scope | undefined, provider: unknown): () => unknown {
    const slow = this.throughScopeAsync(plan, scope, this.createAsync(plan, provider));
    const cells = readinessCells(plan, provider);
    plan.readyWhen = cells;
    if (cells === undefined) return slow;
    return () => {
      for (const cell of cells) if (!cell.done) return slow();
      return plan.resolve();
    };
  }

  /**
   * The async counterpart of `create`: starts every argument at once, then builds (with the
   * caller's `direct` arguments in their places, for partial injection).
   */
  private createAsync(plan: Plan, provider: unknown): (direct?: readonly unknown[]) => Promise<unknown> {
    const binding = plan.binding;
    const resolvers = plan.args.map((a) =>
      'plan' in a ? (a.plan.async ? a.plan.resolveAsync : a.plan.resolve) : a.get,
    );
    const awaited = plan.args.flatMap((a, i) => ('plan' in a && a.plan.async ? [i] : []));
    let construct = plan.construct;
    if (isAsyncFunction(provider)) {
      const checkNull = this.nullCheck(binding);
      const self = binding.target.kind === 'method' ? binding.target.spec : undefined;
      const fn = provider as (...args: unknown[]) => unknown;
      construct = isGeneratorFunction(fn)
        ? (args) => generated(fn.apply(self, args) as AsyncGenerator, (g) => g.next(), checkNull)
        : async (args) => checkNull(await fn.apply(self, args));
    }
    const deep = plan.depth > DEEP;
    return async (direct?: readonly unknown[]) => {
      // A deep chain starts each level on a fresh stack: its creations then nest in promises,
      // not in calls, and 10,000 levels are fine.
      if (deep) await undefined;
      const values: unknown[] = new Array(resolvers.length);
      try {
        for (let i = 0; i < resolvers.length; i++) values[i] = resolvers[i]();
      } catch (error) {
        // The async arguments already started may reject too: nobody else will ever look.
        for (const i of awaited) if (isThenable(values[i])) Promise.resolve(values[i]).catch(ignore);
        throw error;
      }
      const settled = await Promise.all(awaited.map((i) => values[i]));
      for (const [j, i] of awaited.entries()) values[i] = settled[j];
      if (direct !== undefined) {
        for (const [k, position] of plan.directPositions.entries()) values[position] = direct[k];
      }
      return construct(values);
    };
  }

  /** Resolves through the plan's scope, keeping new values with their owner. */
  private throughScope(plan: Plan, scope: Scope | undefined, create: () => unknown): () => unknown {
    const { keep, binding } = plan;
    switch (plan.mode) {
      case 'new':
        // Only a generator provider's value needs unwrapping; nothing owns PROTOTYPE objects.
        return isGeneratorFunction(providerOf(binding)) ? () => keep(create(), undefined) : create;
      case 'cell': {
        const cell = plan.cell as Cell;
        return () => {
          if (cell.done) return cell.value;
          this.refuseWhileDisposing(plan);
          return this.fillCell(plan, create());
        };
      }
      case 'frame': {
        const frameScope = scope as FrameScope;
        const slot = frameScope.slotOf(binding.memoKey);
        const make = (owner: Owner) => keep(create(), owner);
        return () => {
          const frame = activeFrame(frameScope);
          if (frame === undefined) throw this.noFrame(binding, frameScope, binding.scopeId);
          return fillSlot(frame.store, slot, make);
        };
      }
      case 'scope': {
        const custom = scope as Scope;
        const key = binding.memoKey;
        const make = () => keep(create(), undefined);
        return () => custom.provide(key, make);
      }
    }
  }

  /** `throughScope` for async plans: concurrent first requests share one creation; failures are not kept. */
  private throughScopeAsync(plan: Plan, scope: Scope | undefined, createAsync: () => Promise<unknown>): () => unknown {
    const { keep, binding } = plan;
    switch (plan.mode) {
      case 'new':
        return () => createAsync().then((raw) => keep(raw, undefined));
      case 'cell': {
        const cell = plan.cell as Cell;
        return () => {
          if (cell.done) return cell.value;
          if (cell.pending) return cell.pending;
          this.refuseWhileDisposing(plan);
          const pending = createAsync().then(
            (raw) => {
              cell.pending = undefined;
              return this.fillCell(plan, raw);
            },
            (error: unknown) => {
              cell.pending = undefined;
              throw error;
            },
          );
          cell.pending = pending;
          return pending;
        };
      }
      case 'frame': {
        const frameScope = scope as FrameScope;
        const slot = frameScope.slotOf(binding.memoKey);
        return () => {
          const frame = activeFrame(frameScope);
          if (frame === undefined) throw this.noFrame(binding, frameScope, binding.scopeId);
          const store: FrameStore = frame.store;
          const existing = store.slots[slot];
          if (existing !== undefined) return existing === UNDEFINED_VALUE ? undefined : existing;
          const inFlight = store.pending?.[slot];
          if (inFlight) return inFlight;
          if (store.pending === undefined) store.pending = [];
          const pendingSlots = store.pending;
          const pending = createAsync().then(
            (raw) => {
              pendingSlots[slot] = undefined;
              if (store.closed) {
                // Its frame ended while it was being created: nobody else will dispose it.
                const late: Owner = { owned: undefined };
                const value = keep(raw, late);
                return disposeAsync(late).then(() => value);
              }
              const value = keep(raw, store);
              store.slots[slot] = value === undefined ? UNDEFINED_VALUE : value;
              return value;
            },
            (error: unknown) => {
              pendingSlots[slot] = undefined;
              throw error;
            },
          );
          pendingSlots[slot] = pending;
          return pending;
        };
      }
      case 'scope': {
        const custom = scope as Scope;
        const key = binding.memoKey;
        const make = () => createAsync().then((raw) => keep(raw, undefined));
        return () => custom.provide(key, make);
      }
    }
  }

  private cellFor(key: BindingKey): Cell {
    let cell = this.singletons.get(key);
    if (!cell) {
      cell = { done: false, value: undefined };
      this.singletons.set(key, cell);
    }
    return cell;
  }

  /**
   * Raises `CyclicInjectionError` when the binding is requested again while it is being built:
   * only possible through a provider function its constructor calls.
   */
  private guardAgainstReentry(
    binding: Binding,
    construct: (args: unknown[]) => unknown,
    create: () => unknown,
  ): { construct: (args: unknown[]) => unknown; create: () => unknown } {
    let building = false;
    const cycle = () => {
      const call = [...this.activeProviderCalls].reverse().find((c) => c.from.binding === binding);
      const via = call ? pathBetween(call.to, binding).map((p) => cycleStep(p.binding)) : [];
      return new CyclicInjectionError([cycleStep(binding), ...via, cycleStep(binding)]);
    };
    const guard =
      <A extends unknown[]>(fn: (...args: A) => unknown) =>
      (...args: A) => {
        if (building) throw cycle();
        building = true;
        try {
          return fn(...args);
        } finally {
          building = false;
        }
      };
    return { construct: guard(construct), create: guard(create) };
  }

  /**
   * The function injected for a `provideFoo` parameter: provides `foo` on each call (a promise
   * when `foo` needs an async provider).
   */
  private providerFunction(requester: Binding, edge: Extract<Edge, { kind: 'providerFn' }>) {
    let target: Plan | undefined;
    const site = paramSite(requester, edge.param);
    return (...direct: unknown[]): unknown => {
      if (!target) {
        const binding = this.lookUp(edge.key, site);
        this.checkScopeEdge(binding, requester.scopeId, site);
        target = this.planBinding(binding, site);
      }
      const from = this.plans.get(requester);
      if (from) this.activeProviderCalls.push({ from, to: target });
      try {
        if (target.resolveWith) return target.resolveWith(direct);
        if (direct.length > 0) {
          throw new DirectlyPassingInjectedArgsError(
            target.binding.description,
            target.args.length > 0 ? paramNamesOf(target) : ['(none: it takes no arguments)'],
          );
        }
        return target.async ? Promise.resolve(target.resolveAsync()) : target.resolve();
      } finally {
        if (from) this.activeProviderCalls.pop();
      }
    };
  }

  /**
   * Resolves a deep plan with an explicit stack, so chains of any length, in any scope, need no
   * deep recursion. Returns the root's value as its construct made it (its scope keeps it).
   * Below the root, each plan deeper than `DEEP` is filled as its scope would fill it: a cell, a
   * frame's slot, a new value, or (custom scopes) `provide` asked once its arguments exist.
   */
  private evaluateDeep(root: Plan): unknown {
    interface Step {
      plan: Plan;
      values: unknown[];
      next: number;
    }
    const stack: Step[] = [{ plan: root, values: [], next: 0 }];
    for (;;) {
      const top = stack[stack.length - 1];
      if (top.next < top.plan.args.length) {
        const arg = top.plan.args[top.next];
        if ('get' in arg) {
          top.values[top.next++] = arg.get();
          continue;
        }
        const child = arg.plan;
        const existing = child.depth <= DEEP ? { value: child.resolve() } : this.existingValue(child);
        if (existing !== undefined) top.values[top.next++] = existing.value;
        else stack.push({ plan: child, values: [], next: 0 });
        continue;
      }
      stack.pop();
      const { plan, values } = top;
      if (stack.length === 0) return plan.construct(values);
      const parent = stack[stack.length - 1];
      parent.values[parent.next++] = this.madeInScope(plan, () => plan.construct(values));
    }
  }

  /** A deep plan's value when its scope already holds one (`undefined`: it must be made). */
  private existingValue(plan: Plan): { value: unknown } | undefined {
    switch (plan.mode) {
      case 'cell': {
        const cell = plan.cell as Cell;
        if (cell.done) return { value: cell.value };
        this.refuseWhileDisposing(plan);
        return undefined;
      }
      case 'frame': {
        const value = this.frameStoreOf(plan).slots[this.slotOf(plan)];
        if (value === undefined) return undefined;
        return { value: value === UNDEFINED_VALUE ? undefined : value };
      }
      default:
        return undefined;
    }
  }

  /** Keeps a value made by `make` as the plan's scope keeps it (custom scopes decide whether to make it). */
  private madeInScope(plan: Plan, make: () => unknown): unknown {
    switch (plan.mode) {
      case 'cell': {
        const cell = plan.cell as Cell;
        return cell.done ? cell.value : this.fillCell(plan, make());
      }
      case 'new':
        return plan.keep(make(), undefined);
      case 'frame':
        return fillSlot(this.frameStoreOf(plan), this.slotOf(plan), (owner) => plan.keep(make(), owner));
      case 'scope': {
        const custom = this.options.scopes.get(plan.binding.scopeId) as Scope;
        return custom.provide(plan.binding.memoKey, () => plan.keep(make(), undefined));
      }
    }
  }

  private slotOf(plan: Plan): number {
    return (this.options.scopes.get(plan.binding.scopeId) as FrameScope).slotOf(plan.binding.memoKey);
  }

  /** The store of the active frame of a `frame` plan's scope; `OutOfScopeError` without one. */
  private frameStoreOf(plan: Plan): FrameStore {
    const frameScope = this.options.scopes.get(plan.binding.scopeId) as FrameScope;
    const frame = activeFrame(frameScope);
    if (frame === undefined) throw this.noFrame(plan.binding, frameScope, plan.binding.scopeId);
    return frame.store;
  }
}

/** The provider function or method of a binding, if it has one. */
function providerOf(binding: Binding): unknown {
  const target = binding.target;
  if (target.kind === 'method') return (target.spec as unknown as Record<string, unknown>)[target.methodName];
  if (target.kind === 'provider') return target.fn;
  return undefined;
}

/**
 * The singleton cells that must exist for an async plan to resolve synchronously, or `undefined`
 * when it never can (its own provider is async, or a frame or custom scope is involved). Read
 * from its arguments' own answers, which are compiled first: no walk down the chain.
 */
function readinessCells(plan: Plan, provider: unknown): readonly Cell[] | undefined {
  if (!plan.async) return [];
  if (plan.mode === 'cell') return [plan.cell as Cell];
  if (plan.mode !== 'new' || isAsyncFunction(provider)) return undefined;
  const cells = new Set<Cell>();
  for (const arg of plan.args) {
    if (!('plan' in arg) || !arg.plan.async) continue;
    const ready = arg.plan.readyWhen;
    if (ready === undefined) return undefined;
    for (const cell of ready) cells.add(cell);
  }
  return [...cells];
}

/** `async function` and `async function*`: their values only exist after an await. */
function isAsyncFunction(fn: unknown): boolean {
  const name = typeof fn === 'function' ? fn.constructor?.name : undefined;
  return name === 'AsyncFunction' || name === 'AsyncGeneratorFunction';
}

/** `function*` and `async function*`: their code after `yield` runs at disposal. */
function isGeneratorFunction(fn: unknown): boolean {
  const name = typeof fn === 'function' ? fn.constructor?.name : undefined;
  return name === 'GeneratorFunction' || name === 'AsyncGeneratorFunction';
}

/** Steps a generator provider to its first `yield`: the value it provides. */
function generated<G extends Generator | AsyncGenerator>(
  generator: G,
  step: (g: G) => IteratorResult<unknown> | Promise<IteratorResult<unknown>>,
  checkNull: <T>(value: T) => T,
): Generated | Promise<Generated> {
  const accept = (result: IteratorResult<unknown>): Generated => {
    try {
      return { value: checkNull(result.value), generator };
    } catch (error) {
      void generator.return(undefined);
      throw error;
    }
  };
  const result = step(generator);
  return result instanceof Promise ? result.then(accept) : accept(result);
}

/** Keeps a plain value: the binding's disposer and the value's own dispose methods apply. */

/** How a binding's new values join their owner. */
function keeper(binding: Binding, provider: unknown): Plan['keep'] {
  const key = binding.key;
  if (isGeneratorFunction(provider)) {
    return (raw, owner) => {
      const { value, generator } = raw as Generated;
      if (owner) own(owner, value, key, undefined, generator);
      return value;
    };
  }
  // Values a frame supplies and instances given to `toInstance` belong to whoever made them.
  if (binding.target.kind === 'instance' || binding.target.kind === 'scopeValue') return (raw) => raw;
  const dispose = binding.dispose;
  return (raw, owner) => {
    if (owner) own(owner, raw, key, dispose);
    return raw;
  };
}

/** Synchronous resolution of a binding whose provider is async: `provideAsync`/`getAsync` are needed. */
function asyncProviderNeeded(binding: Binding): () => never {
  return () => {
    throw new AsyncProviderError(binding.key.toString(), binding.description);
  };
}

/** A step of a cycle message: the binding, and the parameter (`edge`) leading to the next step. */
function cycleStep(binding: Binding, edge?: Edge): CycleStep {
  const param = edge !== undefined && 'param' in edge ? edge.param : undefined;
  return { bindingKey: binding.key.toString(), binding: binding.description, param };
}

/** One binding on the way from an object outside frames to a context scope's object. */
interface CaptiveStep {
  readonly binding: Binding;
  /** The parameter by which it needs the next step. */
  readonly param?: string;
}

function describeCaptiveStep(step: CaptiveStep): string {
  const scope = describeScope(step.binding.scopeId);
  const via = step.param === undefined ? '' : `, whose parameter ${step.param} needs`;
  return `${step.binding.key} (${scope}): ${step.binding.description}${via}`;
}

/** `parameter db of class Repo (src/repo.ts:3:14)`. */
function paramSite(binding: Binding, param: string): Site {
  return () => `parameter ${param} of ${binding.description}`;
}

function paramNamesOf(plan: Plan): string[] {
  const target = plan.binding.target;
  const params =
    target.kind === 'class'
      ? constructorParams(target.cls)
      : target.kind === 'method'
        ? methodParams(target.owner, target.methodName)
        : undefined;
  return (params ?? []).flatMap((p) => (p.name === undefined ? [] : [p.name]));
}

/** No `@inject({ argNames | allExcept })`: every constructor parameter of `cls` is injected. */
function injectsEveryParam(cls: AnyClass): boolean {
  const record = getInjectRecord(cls);
  return !record || (!record.argNames && !record.allExcept);
}

/** With `@inject({ argNames | allExcept })`, the parameters that are injected; else `undefined` (all). */
function injectedParamNames(cls: AnyClass, params: readonly ParamMetadata[]): ReadonlySet<string> | undefined {
  const record = getInjectRecord(cls);
  if (record?.argNames) return new Set(record.argNames);
  if (record?.allExcept) {
    const excluded = new Set(record.allExcept);
    return new Set(params.flatMap((p) => (p.name !== undefined && !excluded.has(p.name) ? [p.name] : [])));
  }
  return undefined;
}

/** `new Cls(r0(), r1(), …)` for the common arities: no argument array on the hot path. */
function specializeNew(Cls: new (...args: unknown[]) => unknown, resolvers: readonly (() => unknown)[]): () => unknown {
  switch (resolvers.length) {
    case 0:
      return () => new Cls();
    case 1: {
      const [r0] = resolvers;
      return () => new Cls(r0());
    }
    case 2: {
      const [r0, r1] = resolvers;
      return () => new Cls(r0(), r1());
    }
    case 3: {
      const [r0, r1, r2] = resolvers;
      return () => new Cls(r0(), r1(), r2());
    }
    case 4: {
      const [r0, r1, r2, r3] = resolvers;
      return () => new Cls(r0(), r1(), r2(), r3());
    }
    default:
      return () => new Cls(...resolvers.map((r) => r()));
  }
}

/** `construct([r0(), …])` for providers, whose argument count is small. */
function specialize(construct: (args: unknown[]) => unknown, resolvers: readonly (() => unknown)[]): () => unknown {
  switch (resolvers.length) {
    case 0:
      return () => construct([]);
    case 1: {
      const [r0] = resolvers;
      return () => construct([r0()]);
    }
    case 2: {
      const [r0, r1] = resolvers;
      return () => construct([r0(), r1()]);
    }
    case 3: {
      const [r0, r1, r2] = resolvers;
      return () => construct([r0(), r1(), r2()]);
    }
    default:
      return () => construct(resolvers.map((r) => r()));
  }
}

/** Shortest chain of plans from `from` to the plan of `to`, both included. */
function pathBetween(from: Plan, to: Binding): Plan[] {
  const previous = new Map<Plan, Plan | undefined>([[from, undefined]]);
  const queue = [from];
  for (let i = 0; i < queue.length; i++) {
    const plan = queue[i];
    if (plan.binding === to) {
      const path: Plan[] = [];
      for (let p: Plan | undefined = plan; p; p = previous.get(p)) path.unshift(p);
      return path.slice(0, -1);
    }
    for (const arg of plan.args) {
      if ('plan' in arg && !previous.has(arg.plan)) {
        previous.set(arg.plan, plan);
        queue.push(arg.plan);
      }
    }
  }
  return [];
}
