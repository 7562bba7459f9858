/**
 * The planner: from a root binding, walks every dependency depth-first with an explicit stack
 * (lookup → edges → checks), finding cycles on the way, and compiles each binding once its
 * dependencies are (see compile.ts). It replays the walks kept between graphs (see kept-walks.ts),
 * and `validate` walks every binding without compiling, collecting every problem.
 */
import { type Binding, ClassBinding } from '../bindings/binding-table.js';
import { BindingKey } from '../core/binding-key.js';
import { CyclicInjectionError, NonExplicitlyBoundClassError, PinionError } from '../core/errors.js';
import { UNSCOPED } from '../core/scope-ids.js';
import type { AnyClass } from '../metadata/class-metadata.js';
import { getInjectRecord, recordsWritten } from '../metadata/decorator-records.js';
import { className, describeClass } from '../metadata/locations.js';
import { checkNoCaptive, checkNotPartial, checkScopeEdge } from './checks.js';
import { compile } from './compile.js';
import type { ResolutionContext } from './context.js';
import { edgesOf, lookUp } from './edges.js';
import { keepWalk, keptWalkFrom, replaysWalks } from './kept-walks.js';
import { cycleStep, type Edge, type Plan, paramSite, SHALLOW_STACK, type Site } from './plan.js';

/** The plan of `root`, walked and compiled with its dependencies on first use; `site`: what asked for `root`. */
export function planBinding(context: ResolutionContext, root: Binding, site?: Site): Plan {
  const { plans, options } = context;
  const existing = plans.get(root);
  if (existing) return existing;
  const replays = replaysWalks(options);
  const kept = replays ? keptWalkFrom(root) : undefined;
  if (kept !== undefined) {
    // The walk would find the same bindings and edges, and raise nothing: compile as it would.
    for (const [binding, edges] of kept.order) {
      if (!plans.has(binding)) plans.set(binding, compile(context, binding, edges));
    }
    return plans.get(root) as Plan;
  }
  // A graph's first walk (nothing planned yet: it prunes nothing) is kept for the next graphs.
  const order: [Binding, Edge[]][] | undefined =
    replays && plans.size === 0 && root.scopeId !== UNSCOPED ? [] : undefined;
  const records = recordsWritten();
  walk(context, root, undefined, undefined, site, order);
  if (order !== undefined) keepWalk(options, root, records, order);
  return plans.get(root) as Plan;
}

/** The plan of `provide(cls)`; `where` tells where the user called it, for messages. */
export function planRootClass(context: ResolutionContext, cls: AnyClass, where?: () => string): Plan {
  // Messages only: read (with the stack, for `where`) when an error is raised.
  const site = () => `graph.provide(${className(cls)})${where ? ` at ${where()}` : ''}`;
  const binding = rootBinding(context, cls, site);
  // Its parameters left to the caller can only be passed through a provider function.
  checkNotPartial(context.options, binding, site);
  return planBinding(context, binding, site);
}

/** The binding `provide(cls)` goes through: `cls`'s own, else a direct build from `UNSCOPED`. */
function rootBinding(context: ResolutionContext, cls: AnyClass, site: Site): Binding {
  const options = context.options;
  if (options.onlyUseExplicitBindings && !getInjectRecord(cls)) {
    throw new NonExplicitlyBoundClassError(describeClass(cls));
  }
  for (const name of options.table.namesOfClass(cls)) {
    const found = options.table.lookup(name);
    if (found && 'binding' in found && found.binding.target.kind === 'class' && found.binding.target.cls === cls) {
      checkScopeEdge(options, found.binding, UNSCOPED, site);
      return found.binding;
    }
  }
  return new ClassBinding(new BindingKey(className(cls)), false, UNSCOPED, cls);
}

/**
 * Walks every binding and root without building anything, and returns every problem found
 * instead of stopping at the first.
 */
export function validate(context: ResolutionContext, roots: readonly AnyClass[]): PinionError[] {
  const problems: PinionError[] = [];
  const walked = new Set<Binding>();
  const providerTargets: Binding[] = [];
  for (const binding of context.options.table.all()) {
    if (binding.explicit) walk(context, binding, problems, walked, undefined, undefined, providerTargets);
  }
  for (const cls of roots) {
    try {
      const name = className(cls);
      const site = () => `graph.provide(${name})`;
      walk(context, rootBinding(context, cls, site), problems, walked, site, undefined, providerTargets);
    } catch (error) {
      if (!(error instanceof PinionError)) throw error;
      problems.push(error);
    }
  }
  // What provider functions provide, walked as roots: they may lead back to their requesters.
  for (let i = 0; i < providerTargets.length; i++) {
    walk(context, providerTargets[i], problems, walked, undefined, undefined, providerTargets);
  }
  const seen = new Set<string>();
  return problems.filter((p) => !seen.has(p.message) && seen.add(p.message) !== undefined);
}

/**
 * Depth-first walk from `root` with an explicit stack. Without `problems`, the first problem
 * is thrown and every finished binding is compiled; with it, problems are collected and
 * nothing is compiled.
 */
function walk(
  context: ResolutionContext,
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
  const { options, plans } = context;
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
      edges = edgesOf(options, binding, site ?? (() => binding.description));
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
  const done = (binding: Binding) => plans.has(binding) || (walked?.has(binding) ?? false);
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
          const target = lookUp(options, edge.key, paramSite(top.binding, edge.param));
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
        target = lookUp(options, edge.key, site, edge.type);
        checkScopeEdge(options, target, top.binding.scopeId, site);
        checkNotPartial(options, target, site);
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
      if (options.safeScopes) checkNoCaptive(context, top.binding, top.edges, fail);
      if (problems) walked?.add(top.binding);
      else {
        order?.push([top.binding, top.edges]);
        plans.set(top.binding, compile(context, top.binding, top.edges));
      }
    }
  }
}
