import { BindingKey } from './binding-key.js';
import type { Binding, BindingTable, Lookup } from './bindings.js';
import type { AnyClass, ParamMetadata } from './class-metadata.js';
import { constructorParams, methodParams } from './class-params.js';
import { getAnnotationsRecord, getInjectRecord } from './decorations.js';
import {
  AmbiguousArgNameError,
  AsyncProviderError,
  BadDependencyScopeError,
  CyclicInjectionError,
  DirectlyPassingInjectedArgsError,
  InjectingNullDisallowedError,
  MissingMetadataError,
  NonExplicitlyBoundClassError,
  NothingInjectableForArgError,
  OnlyInstantiableViaProviderFunctionError,
  OutOfScopeError,
  PinionError,
  UninjectableParameterError,
} from './errors.js';
import { className, describeClass } from './locations.js';
import { describeScope, PROTOTYPE, type Scope, type ScopeId, SINGLETON, UNSCOPED } from './scopes/scope.js';

export interface ResolverOptions {
  table: BindingTable;
  scopes: ReadonlyMap<ScopeId, Scope>;
  isScopeUsableFromScope: (innerScopeId: ScopeId, outerScopeId: ScopeId) => boolean;
  allowInjectingNull: boolean;
  getArgNamesFromProviderFnName: (methodName: string) => string[];
  onlyUseExplicitBindings: boolean;
}

/** One parameter of a constructor or provider method, as the plan will fill it. */
type Edge =
  | { kind: 'binding'; key: BindingKey; param: string; target?: Binding }
  | { kind: 'providerFn'; key: BindingKey; param: string }
  | { kind: 'keepDefault' }
  | { kind: 'direct'; param: string };

/** Where an argument's value comes from in a compiled plan. */
type ArgSource = { plan: Plan } | { get: () => unknown };

/** A singleton's slot: filled once. */
interface Cell {
  done: boolean;
  value: unknown;
}

/**
 * A binding compiled for resolution: built once, on first use, with every dependency looked up,
 * scope-checked and cycle-checked, so resolving walks closures and nothing else.
 */
export interface Plan {
  readonly binding: Binding;
  readonly args: readonly ArgSource[];
  /** Longest chain of plans below this one, itself included. */
  readonly depth: number;
  /** `cell`: the graph's own singletons; `new`: a new value each time; `scope`: asks a Scope object. */
  readonly mode: 'cell' | 'new' | 'scope';
  readonly cell?: Cell;
  /** Builds the value from its evaluated arguments. */
  readonly construct: (args: unknown[]) => unknown;
  /** Resolves through the binding's scope. */
  resolve: () => unknown;
  /** For partial injection: builds with the caller's direct arguments. */
  readonly resolveWith?: (direct: readonly unknown[]) => unknown;
}

/** Above this depth, plans resolve with an explicit stack instead of nested calls. */
const DEEP = 400;
const NO_VALUE = () => undefined;

/**
 * The resolution engine: looks bindings up, compiles plans (checking edges, scopes and cycles
 * iteratively, so 10,000-deep chains are fine) and resolves them.
 */
export class Resolver {
  private readonly plans = new Map<Binding, Plan>();
  private readonly rootPlans = new Map<AnyClass, Plan>();
  private readonly namePlans = new Map<string, Map<unknown, Plan>>();
  /** The graph's singletons, in creation order. */
  readonly singletons = new Map<BindingKey, Cell>();
  private readonly activeProviderCalls: { from: Plan; to: Plan }[] = [];

  constructor(private readonly options: ResolverOptions) {}

  /** `graph.provide(cls)`; `where` tells where the user called it, for messages. */
  provide(cls: AnyClass, where?: () => string): unknown {
    let plan = this.rootPlans.get(cls);
    if (!plan) {
      plan = this.planRootClass(cls, where);
      this.rootPlans.set(cls, plan);
    }
    return plan.resolve();
  }

  /** `graph.get(name, { annotatedWith })`; `where` tells where the user called it, for messages. */
  get(name: string, annotation?: unknown, where?: () => string): unknown {
    let plan = this.namePlans.get(name)?.get(annotation);
    if (!plan) {
      const key = new BindingKey(name, annotation);
      const site = `graph.get(${key})${where ? ` at ${where()}` : ''}`;
      const binding = this.bindingFor(key, site, this.options.table.lookup(name, annotation));
      this.checkScopeEdge(binding, UNSCOPED, site);
      this.checkNotPartial(binding, site);
      plan = this.planBinding(binding, site);
      let byAnnotation = this.namePlans.get(name);
      if (!byAnnotation) {
        byAnnotation = new Map();
        this.namePlans.set(name, byAnnotation);
      }
      byAnnotation.set(annotation, plan);
    }
    return plan.resolve();
  }

  /**
   * Walks every binding and root without building anything, and returns every problem found
   * instead of stopping at the first.
   */
  validate(roots: readonly AnyClass[]): PinionError[] {
    const problems: PinionError[] = [];
    const walked = new Set<Binding>();
    for (const binding of this.options.table.all()) {
      if (binding.explicit) this.walk(binding, problems, walked);
    }
    for (const cls of roots) {
      try {
        const site = `graph.provide(${className(cls)})`;
        this.walk(this.rootBinding(cls, site), problems, walked, site);
      } catch (error) {
        if (!(error instanceof PinionError)) throw error;
        problems.push(error);
      }
    }
    const seen = new Set<string>();
    return problems.filter((p) => !seen.has(p.message) && seen.add(p.message) !== undefined);
  }

  // ---- planning ---------------------------------------------------------------------------

  private planRootClass(cls: AnyClass, where?: () => string): Plan {
    const site = `graph.provide(${className(cls)})${where ? ` at ${where()}` : ''}`;
    const binding = this.rootBinding(cls, site);
    // Its parameters left to the caller can only be passed through a provider function.
    this.checkNotPartial(binding, site);
    return this.planBinding(binding, site);
  }

  /** The binding `provide(cls)` goes through: `cls`'s own, else a direct build from `UNSCOPED`. */
  private rootBinding(cls: AnyClass, site = `graph.provide(${className(cls)})`): Binding {
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
    const key = new BindingKey(className(cls));
    return {
      key,
      explicit: false,
      scopeId: UNSCOPED,
      target: { kind: 'class', cls },
      memoKey: key,
      description: describeClass(cls),
    };
  }

  /** `site`: what asked for `root`, for messages. */
  private planBinding(root: Binding, site?: string): Plan {
    const existing = this.plans.get(root);
    if (existing) return existing;
    this.walk(root, undefined, undefined, site);
    return this.plans.get(root) as Plan;
  }

  /**
   * Depth-first walk from `root` with an explicit stack. Without `problems`, the first problem
   * is thrown and every finished binding is compiled; with it, problems are collected and
   * nothing is compiled.
   */
  private walk(root: Binding, problems?: PinionError[], walked?: Set<Binding>, rootSite?: string): void {
    interface Frame {
      binding: Binding;
      edges: Edge[];
      next: number;
    }
    const stack: Frame[] = [];
    const onStack = new Map<Binding, number>();
    const fail = (error: PinionError) => {
      if (!problems) throw error;
      problems.push(error);
    };
    /** `site`: the parameter that asked for `binding` (none for the root). */
    const enter = (binding: Binding, site?: string) => {
      let edges: Edge[] = [];
      try {
        edges = this.edgesOf(binding, site ?? binding.description);
      } catch (error) {
        if (!(error instanceof PinionError)) throw error;
        fail(error);
      }
      onStack.set(binding, stack.length);
      stack.push({ binding, edges, next: 0 });
    };
    const done = (binding: Binding) => this.plans.has(binding) || (walked?.has(binding) ?? false);
    if (done(root)) return;
    enter(root, rootSite);
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (top.next < top.edges.length) {
        const edge = top.edges[top.next++];
        if (edge.kind !== 'binding') continue;
        const site = paramSite(top.binding, edge.param);
        let target: Binding;
        try {
          target = this.bindingFor(edge.key, site, this.options.table.lookup(edge.key.name, edge.key.annotation));
          this.checkScopeEdge(target, top.binding.scopeId, site);
          this.checkNotPartial(target, site);
        } catch (error) {
          if (!(error instanceof PinionError)) throw error;
          fail(error);
          continue;
        }
        edge.target = target;
        if (done(target)) continue;
        const index = onStack.get(target);
        if (index !== undefined) {
          const path = stack.slice(index).map((f) => f.binding.description);
          fail(new CyclicInjectionError([...path, target.description]));
          continue;
        }
        enter(target, site);
      } else {
        stack.pop();
        onStack.delete(top.binding);
        if (problems) walked?.add(top.binding);
        else this.plans.set(top.binding, this.compile(top.binding, top.edges));
      }
    }
  }

  /** How each parameter of the binding's constructor or provider method is filled; `site` needs the binding. */
  private edgesOf(binding: Binding, site: string): Edge[] {
    const target = binding.target;
    if (target.kind === 'class') {
      const params = constructorParams(target.cls);
      if (!params) throw new MissingMetadataError(describeClass(target.cls), site);
      const injected = injectedParamNames(target.cls, params);
      return this.edgesFor(params, getAnnotationsRecord(target.cls)?.byArg, injected, describeClass(target.cls), site);
    }
    if (target.kind === 'method') {
      const method = (target.spec as unknown as Record<string, object>)[target.methodName];
      const params = methodParams(target.owner, target.methodName);
      if (!params) throw new MissingMetadataError(describeClass(target.owner), site);
      return this.edgesFor(params, getAnnotationsRecord(method)?.byArg, undefined, binding.description, site);
    }
    return [];
  }

  private edgesFor(
    params: readonly ParamMetadata[],
    annotations: ReadonlyMap<string, unknown> | undefined,
    injected: ReadonlySet<string> | undefined,
    owner: string,
    site: string,
  ): Edge[] {
    const edges: Edge[] = [];
    for (const [position, param] of params.entries()) {
      const name = param.name;
      if (param.kind === 'rest') break;
      if (injected && (name === undefined || !injected.has(name))) {
        edges.push({ kind: 'direct', param: name ?? `#${position + 1}` });
        continue;
      }
      if (name === undefined) throw new UninjectableParameterError(owner, position, site);
      const annotation = annotations?.get(name);
      if ((param.kind === 'default' || param.kind === 'optional') && !annotations?.has(name)) {
        edges.push({ kind: 'keepDefault' });
        continue;
      }
      const provided = this.options.getArgNamesFromProviderFnName(name);
      if (provided.length > 0) {
        edges.push({ kind: 'providerFn', key: new BindingKey(provided[0], annotation), param: name });
      } else {
        edges.push({ kind: 'binding', key: new BindingKey(name, annotation), param: name });
      }
    }
    return edges;
  }

  private bindingFor(key: BindingKey, site: string, found: Lookup): Binding {
    if (!found) throw new NothingInjectableForArgError(key.toString(), site);
    if ('ambiguous' in found) {
      throw new AmbiguousArgNameError(
        key.toString(),
        site,
        found.ambiguous.map((b) => b.description),
      );
    }
    return found.binding;
  }

  private checkScopeEdge(inner: Binding, outerScopeId: ScopeId, site: string): void {
    if (!this.options.isScopeUsableFromScope(inner.scopeId, outerScopeId)) {
      throw new BadDependencyScopeError(
        inner.key.toString(),
        describeScope(inner.scopeId),
        describeScope(outerScopeId),
        site,
      );
    }
  }

  /** A class whose parameters are partly left to the caller can only come from a provider function. */
  private checkNotPartial(target: Binding, site: string): void {
    if (target.target.kind !== 'class') return;
    const record = getInjectRecord(target.target.cls);
    if (!record || (!record.argNames && !record.allExcept)) return;
    const params = constructorParams(target.target.cls) ?? [];
    const injected = injectedParamNames(target.target.cls, params);
    const direct = params.filter((p) => p.kind !== 'rest' && (p.name === undefined || !injected?.has(p.name)));
    if (direct.length > 0) {
      throw new OnlyInstantiableViaProviderFunctionError(
        describeClass(target.target.cls),
        direct.map((p) => p.name ?? '(destructured)'),
        site,
      );
    }
  }

  // ---- compiling --------------------------------------------------------------------------

  private compile(binding: Binding, edges: readonly Edge[]): Plan {
    const args: ArgSource[] = [];
    const directPositions: number[] = [];
    let depth = 1;
    let callsProviders = false;
    for (const edge of edges) {
      if (edge.kind === 'binding') {
        const plan = this.plans.get(edge.target as Binding) as Plan;
        depth = Math.max(depth, plan.depth + 1);
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
    let construct = this.constructor_(binding);
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
        : binding.scopeId === PROTOTYPE || binding.scopeId === UNSCOPED
          ? 'new'
          : 'scope';
    const cell = mode === 'cell' ? this.cellFor(binding.memoKey) : undefined;
    const plan: Plan = { binding, args, depth, mode, cell, construct, resolve: create };
    if (depth > DEEP) create = () => this.evaluateDeep(plan);
    plan.resolve = this.throughScope(mode, cell, scope, binding.memoKey, create);
    if (directPositions.length > 0) {
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
        const build = () => {
          const values = resolvers.map((r) => r());
          for (const [i, position] of directPositions.entries()) values[position] = direct[i];
          return construct(values);
        };
        return this.throughScope(mode, cell, scope, binding.memoKey, build)();
      };
    }
    return plan;
  }

  /** The function that makes the binding's value from evaluated arguments. */
  private constructor_(binding: Binding): (args: unknown[]) => unknown {
    const target = binding.target;
    const checkNull = (value: unknown, provider: string) => {
      if (value == null && !this.options.allowInjectingNull) {
        throw new InjectingNullDisallowedError(binding.key.toString(), provider, value as null | undefined);
      }
      return value;
    };
    switch (target.kind) {
      case 'class': {
        const Cls = target.cls as new (...args: unknown[]) => unknown;
        return (args) => new Cls(...args);
      }
      case 'method': {
        const spec = target.spec;
        const method = (spec as unknown as Record<string, (...args: unknown[]) => unknown>)[target.methodName];
        if (isAsyncFunction(method)) return asyncProviderNeeded(binding);
        return (args) => checkNull(method.apply(spec, args), binding.description);
      }
      case 'provider': {
        const fn = target.fn;
        if (isAsyncFunction(fn)) return asyncProviderNeeded(binding);
        return () => checkNull(fn(), binding.description);
      }
      case 'instance': {
        const value = target.value;
        return () => checkNull(value, binding.description);
      }
      case 'scopeValue': {
        const scopeId = describeScope(target.scopeId);
        return () => {
          throw new OutOfScopeError(
            binding.key.toString(),
            scopeId,
            `whose values come from an open frame (${binding.description}), but no frame of scope ${scopeId} is active: open one with graph.runInScope(${scopeId}, fn, { values })`,
          );
        };
      }
    }
  }

  private throughScope(
    mode: Plan['mode'],
    cell: Cell | undefined,
    scope: Scope | undefined,
    key: BindingKey,
    create: () => unknown,
  ): () => unknown {
    if (mode === 'new') return create;
    if (mode === 'cell') {
      const slot = cell as Cell;
      return () => {
        if (slot.done) return slot.value;
        const value = create();
        slot.value = value;
        slot.done = true;
        return value;
      };
    }
    const custom = scope as Scope;
    return () => custom.provide(key, create);
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
      const via = call ? pathBetween(call.to, binding).map((p) => p.binding.description) : [];
      return new CyclicInjectionError([binding.description, ...via, binding.description]);
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

  /** The function injected for a `provideFoo` parameter: provides `foo` on each call. */
  private providerFunction(requester: Binding, edge: Extract<Edge, { kind: 'providerFn' }>) {
    let target: Plan | undefined;
    const site = paramSite(requester, edge.param);
    return (...direct: unknown[]): unknown => {
      if (!target) {
        const binding = this.bindingFor(edge.key, site, this.options.table.lookup(edge.key.name, edge.key.annotation));
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
        return target.resolve();
      } finally {
        if (from) this.activeProviderCalls.pop();
      }
    };
  }

  /** Resolves a deep plan with an explicit stack, so chains of any length need no deep recursion. */
  private evaluateDeep(root: Plan): unknown {
    interface Frame {
      plan: Plan;
      values: unknown[];
      next: number;
    }
    const stack: Frame[] = [{ plan: root, values: [], next: 0 }];
    for (;;) {
      const top = stack[stack.length - 1];
      if (top.next < top.plan.args.length) {
        const arg = top.plan.args[top.next];
        if ('get' in arg) {
          top.values[top.next++] = arg.get();
          continue;
        }
        const child = arg.plan;
        if (child.depth <= DEEP || child.mode === 'scope') {
          top.values[top.next++] = child.resolve();
        } else if (child.cell?.done) {
          top.values[top.next++] = child.cell.value;
        } else {
          stack.push({ plan: child, values: [], next: 0 });
        }
        continue;
      }
      let value = top.plan.construct(top.values);
      if (top.plan !== root && top.plan.cell) {
        if (top.plan.cell.done) value = top.plan.cell.value;
        else {
          top.plan.cell.value = value;
          top.plan.cell.done = true;
        }
      }
      stack.pop();
      if (stack.length === 0) return value;
      const parent = stack[stack.length - 1];
      parent.values[parent.next++] = value;
    }
  }
}

/** `async function` and `async function*`: their values only exist after an await. */
function isAsyncFunction(fn: unknown): boolean {
  const name = typeof fn === 'function' ? fn.constructor?.name : undefined;
  return name === 'AsyncFunction' || name === 'AsyncGeneratorFunction';
}

/** Synchronous resolution of a binding whose provider is async: `provideAsync`/`getAsync` are needed. */
function asyncProviderNeeded(binding: Binding): () => never {
  return () => {
    throw new AsyncProviderError(binding.key.toString(), binding.description);
  };
}

/** `parameter db of class Repo (src/repo.ts:3:14)`. */
function paramSite(binding: Binding, param: string): string {
  return `parameter ${param} of ${binding.description}`;
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
