/**
 * The checks the walk makes on each edge and binding: a dependency's scope must be usable from
 * its requester's (`checkScopeEdge`); under the safe default, nothing outside frames may keep a
 * frame's object (`checkNoCaptive`); and a class whose parameters are partly left to the caller
 * comes only from a provider function (`checkNotPartial`).
 */
import type { Binding } from '../bindings/binding-table.js';
import { BadDependencyScopeError, OnlyInstantiableViaProviderFunctionError, type PinionError } from '../core/errors.js';
import { describeScope, PROTOTYPE, type ScopeId, UNSCOPED } from '../core/scope-ids.js';
import { FrameScope } from '../lifetime/frames.js';
import { constructorParams } from '../metadata/class-params.js';
import { describeClass } from '../metadata/locations.js';
import type { ResolutionContext, ResolverOptions } from './context.js';
import { keptFacts } from './kept-walks.js';
import { type CaptiveStep, type Edge, injectedParamNames, injectsEveryParam, paramSite, type Site } from './plan.js';

/** Raises `BadDependencyScopeError` when `inner`'s scope may not be used from `outerScopeId`. */
export function checkScopeEdge(options: ResolverOptions, inner: Binding, outerScopeId: ScopeId, site: Site): void {
  if (!options.isScopeUsableFromScope(inner.scopeId, outerScopeId)) {
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
export function checkNoCaptive(
  context: ResolutionContext,
  binding: Binding,
  edges: readonly Edge[],
  fail: (error: PinionError) => void,
): void {
  const contextReach = context.contextReach;
  const reachOf = (edge: Edge) =>
    edge.kind === 'binding' && edge.target !== undefined ? contextReach.get(edge.target) : undefined;
  const scopeId = binding.scopeId;
  if (context.options.scopes.get(scopeId) instanceof FrameScope || binding.target.kind === 'scopeValue') {
    contextReach.set(binding, [{ binding }]);
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
    contextReach.set(binding, reach);
    return;
  }
  contextReach.set(binding, null);
  for (const edge of edges) {
    const below = reachOf(edge);
    if (!below) continue;
    const captured = below[below.length - 1].binding;
    fail(
      new BadDependencyScopeError(
        captured.key.toString(),
        describeScope(captured.scopeId),
        describeScope(scopeId),
        paramSite(binding, (edge as { param: string }).param)(),
        [{ binding, param: (edge as { param: string }).param }, ...below].map(describeCaptiveStep),
        captured.key.name,
      ),
    );
  }
}

function describeCaptiveStep(step: CaptiveStep): string {
  const scope = describeScope(step.binding.scopeId);
  const via = step.param === undefined ? '' : `, whose parameter ${step.param} needs`;
  return `${step.binding.key} (${scope}): ${step.binding.description}${via}`;
}

/** A class whose parameters are partly left to the caller can only come from a provider function. */
export function checkNotPartial(options: ResolverOptions, target: Binding, site: Site): void {
  if (target.target.kind !== 'class') return;
  if (keptFacts(options, target, target.target.cls)?.injectsEveryParam) return;
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
