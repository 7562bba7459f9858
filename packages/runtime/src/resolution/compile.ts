/**
 * Compiling: turns a walked binding and its edges into a `Plan`, whose `resolve` is a closure
 * built once (specialised for its arity, guarded against re-entry when it calls provider
 * functions, tiered into generated code when hot; see codegen.ts), and the synchronous path
 * through the binding's scope (`throughScope`). Async plans get theirs from async-plans.ts, deep
 * chains an explicit stack from deep.ts.
 */
import type { Binding } from '../bindings/binding-table.js';
import { DirectlyPassingInjectedArgsError } from '../core/errors.js';
import { PROTOTYPE, SINGLETON, UNSCOPED } from '../core/scope-ids.js';
import type { Owner } from '../lifetime/disposal.js';
import { activeFrame, FrameScope, fillSlot, UNDEFINED_VALUE } from '../lifetime/frames.js';
import type { Scope } from '../lifetime/scope.js';
import { createAsync, resolveAsyncOf, throughScopeAsync } from './async-plans.js';
import { type FrameAccess, tiered } from './codegen.js';
import { adopterOf, constructorOf, specialize, specializeNew } from './construct.js';
import { cellFor, fillCell, noFrame, type ResolutionContext, refuseWhileDisposing } from './context.js';
import { evaluateDeep } from './deep.js';
import {
  type ArgSource,
  type Cell,
  DEEP,
  type Edge,
  isAsyncFunction,
  isGeneratorFunction,
  NO_VALUE,
  type Plan,
  providerOf,
} from './plan.js';
import { guardAgainstReentry, providerFunction } from './provider-functions.js';

/** The plan of `binding`, whose dependencies (the targets of its `edges`) are compiled already. */
export function compile(context: ResolutionContext, binding: Binding, edges: readonly Edge[]): Plan {
  const options = context.options;
  const args: ArgSource[] = [];
  const directPositions: number[] = [];
  let depth = 1;
  let callsProviders = false;
  let async = false;
  for (const edge of edges) {
    if (edge.kind === 'binding') {
      const plan = context.plans.get(edge.target as Binding) as Plan;
      depth = Math.max(depth, plan.depth + 1);
      async ||= plan.async;
      args.push({ plan });
    } else if (edge.kind === 'providerFn') {
      callsProviders = true;
      const fn = providerFunction(context, binding, edge);
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
  let construct = constructorOf(options, binding, provider);
  const resolvers = args.map((a) => ('plan' in a ? a.plan.resolve : a.get));
  let create =
    binding.target.kind === 'class'
      ? specializeNew(binding.target.cls as new (...args: unknown[]) => unknown, resolvers)
      : specialize(construct, resolvers);
  if (callsProviders) {
    // A provider function called while its requester is being built may lead back to it.
    const guarded = guardAgainstReentry(context, binding, construct, create);
    construct = guarded.construct;
    create = guarded.create;
  }
  const scope = options.scopes.get(binding.scopeId);
  const mode: Plan['mode'] =
    binding.scopeId === SINGLETON
      ? 'cell'
      : binding.scopeId === PROTOTYPE || binding.scopeId === UNSCOPED || binding.target.kind === 'scopeValue'
        ? 'new'
        : scope instanceof FrameScope
          ? 'frame'
          : 'scope';
  const cell = mode === 'cell' ? cellFor(context, binding.memoKey) : undefined;
  const adopt = adopterOf(binding, provider);
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
    adopt,
    resolve: create,
    resolveAsync: create,
    directPositions,
  };
  if (depth > DEEP) create = () => evaluateDeep(context, plan);
  const through = (make: () => unknown) => throughScope(context, plan, scope, make);
  plan.resolve = through(create);
  if (inlinable && !options.jitless) {
    plan.resolve = tiered(plan, plan.resolve, mode === 'frame' ? frameAccess(plan, scope as FrameScope) : undefined);
  }
  plan.resolveAsync = async ? resolveAsyncOf(context, plan, scope, provider) : plan.resolve;
  if (directPositions.length > 0) {
    const createWithAsync = async ? createAsync(context, plan, provider) : undefined;
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
        return throughScopeAsync(context, plan, scope, () => createWithAsync(direct))();
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

/** What generated code for a `frame` plan needs: its frame, slot and adopter. */
function frameAccess(plan: Plan, frameScope: FrameScope): FrameAccess {
  const binding = plan.binding;
  return {
    active: () => activeFrame(frameScope),
    slot: frameScope.slotOf(binding.memoKey),
    noFrame: () => noFrame(binding, frameScope, binding.scopeId),
    adopt: plan.adopt,
    undefinedValue: UNDEFINED_VALUE,
  };
}

/** Resolves through the plan's scope, adopting new values by their owner. */
function throughScope(
  context: ResolutionContext,
  plan: Plan,
  scope: Scope | undefined,
  create: () => unknown,
): () => unknown {
  const { adopt, binding } = plan;
  switch (plan.mode) {
    case 'new':
      // Only a generator provider's value needs unwrapping; nothing owns PROTOTYPE objects.
      return isGeneratorFunction(providerOf(binding)) ? () => adopt(create(), undefined) : create;
    case 'cell': {
      const cell = plan.cell as Cell;
      return () => {
        if (cell.done) return cell.value;
        refuseWhileDisposing(context, plan);
        return fillCell(context, plan, create());
      };
    }
    case 'frame': {
      const frameScope = scope as FrameScope;
      const slot = frameScope.slotOf(binding.memoKey);
      const make = (owner: Owner) => adopt(create(), owner);
      return () => {
        const frame = activeFrame(frameScope);
        if (frame === undefined) throw noFrame(binding, frameScope, binding.scopeId);
        return fillSlot(frame.store, slot, make);
      };
    }
    case 'scope': {
      const custom = scope as Scope;
      const key = binding.memoKey;
      const make = () => adopt(create(), undefined);
      return () => custom.provide(key, make);
    }
  }
}
