/**
 * Async plans: `resolveAsync` of a plan that involves an async provider. It creates through
 * `createAsync` (every argument started at once, then awaited) and `throughScopeAsync` (concurrent
 * first requests share one creation; failures are not kept), until every async singleton it needs
 * exists: from then on it resolves synchronously (`readinessCells`).
 */
import { isThenable } from '../core/thenable.js';
import { disposeAsync, type Owner } from '../lifetime/disposal.js';
import {
  activeFrame,
  EMPTY_SLOT,
  type FrameScope,
  type FrameStore,
  keepInSlot,
  slotValue,
} from '../lifetime/frames.js';
import type { Scope } from '../lifetime/scope.js';
import { generated, nullCheck } from './construct.js';
import { fillCell, noFrame, type ResolutionContext, refuseWhileDisposing } from './context.js';
import { type Cell, DEEP, isAsyncFunction, isGeneratorFunction, type Plan } from './plan.js';

const ignore = () => {};

/**
 * `resolveAsync` of an async plan. Once every async singleton it needs exists, it resolves
 * synchronously (no promise per object); until then, through `createAsync`.
 */
export function resolveAsyncOf(
  context: ResolutionContext,
  plan: Plan,
  scope: Scope | undefined,
  provider: unknown,
): () => unknown {
  const slow = throughScopeAsync(context, plan, scope, createAsync(context, plan, provider));
  const cells = readinessCells(plan, provider);
  plan.readyWhen = cells;
  if (cells === undefined) return slow;
  return () => {
    for (const cell of cells) if (!cell.done) return slow();
    return plan.resolve();
  };
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

/**
 * The async counterpart of `create`: starts every argument at once, then builds (with the
 * caller's `direct` arguments in their places, for partial injection).
 */
export function createAsync(
  context: ResolutionContext,
  plan: Plan,
  provider: unknown,
): (direct?: readonly unknown[]) => Promise<unknown> {
  const binding = plan.binding;
  const resolvers = plan.args.map((a) => ('plan' in a ? (a.plan.async ? a.plan.resolveAsync : a.plan.resolve) : a.get));
  const awaited = plan.args.flatMap((a, i) => ('plan' in a && a.plan.async ? [i] : []));
  let construct = plan.construct;
  if (isAsyncFunction(provider)) {
    const checkNull = nullCheck(context.options, binding);
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

/** `throughScope` for async plans: concurrent first requests share one creation; failures are not kept. */
export function throughScopeAsync(
  context: ResolutionContext,
  plan: Plan,
  scope: Scope | undefined,
  createAsync: () => Promise<unknown>,
): () => unknown {
  const { adopt, binding } = plan;
  switch (plan.mode) {
    case 'new':
      return () => createAsync().then((raw) => adopt(raw, undefined));
    case 'cell': {
      const cell = plan.cell as Cell;
      return () => {
        if (cell.done) return cell.value;
        if (cell.pending) return cell.pending;
        refuseWhileDisposing(context, plan);
        const pending = createAsync().then(
          (raw) => {
            cell.pending = undefined;
            return fillCell(context, plan, raw);
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
        if (frame === undefined) throw noFrame(binding, frameScope, binding.scopeId);
        const store: FrameStore = frame.store;
        const existing = slotValue(store, slot);
        if (existing !== EMPTY_SLOT) return existing;
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
              const value = adopt(raw, late);
              return disposeAsync(late).then(() => value);
            }
            return keepInSlot(store, slot, adopt(raw, store));
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
      const make = () => createAsync().then((raw) => adopt(raw, undefined));
      return () => custom.provide(key, make);
    }
  }
}
