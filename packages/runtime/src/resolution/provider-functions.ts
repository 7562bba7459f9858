/**
 * Provider functions: the function injected for a `provideFoo` parameter, which plans `foo` at its
 * first call and provides it on each, and the guard that turns a provider function leading back to
 * the binding being built into a `CyclicInjectionError` naming the way back.
 */
import type { Binding } from '../bindings/binding-table.js';
import { CyclicInjectionError, DirectlyPassingInjectedArgsError } from '../core/errors.js';
import { checkScopeEdge } from './checks.js';
import type { ResolutionContext } from './context.js';
import { lookUp } from './edges.js';
import { cycleStep, type Edge, type Plan, paramNamesOf, paramSite, pathBetween } from './plan.js';

/**
 * The function injected for a `provideFoo` parameter of `requester`: provides `foo` on each call
 * (a promise when `foo` needs an async provider).
 */
export function providerFunction(
  context: ResolutionContext,
  requester: Binding,
  edge: Extract<Edge, { kind: 'providerFn' }>,
) {
  let target: Plan | undefined;
  const site = paramSite(requester, edge.param);
  const { activeProviderCalls } = context;
  return (...direct: unknown[]): unknown => {
    if (!target) {
      const binding = lookUp(context.options, edge.key, site);
      checkScopeEdge(context.options, binding, requester.scopeId, site);
      target = context.planBinding(binding, site);
    }
    const from = context.plans.get(requester);
    if (from) activeProviderCalls.push({ from, to: target });
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
      if (from) activeProviderCalls.pop();
    }
  };
}

/**
 * Raises `CyclicInjectionError` when the binding is requested again while it is being built:
 * only possible through a provider function its constructor calls.
 */
export function guardAgainstReentry(
  context: ResolutionContext,
  binding: Binding,
  construct: (args: unknown[]) => unknown,
  create: () => unknown,
): { construct: (args: unknown[]) => unknown; create: () => unknown } {
  let building = false;
  const cycle = () => {
    const call = [...context.activeProviderCalls].reverse().find((c) => c.from.binding === binding);
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
