/**
 * Deep plans: a chain longer than `DEEP` resolves with an explicit stack (`evaluateDeep`) instead
 * of nested calls, so chains of any length, in any scope, need no deep recursion. Each value below
 * the root is kept as its scope would keep it: a singleton's cell (`fillCell`), a frame's slot
 * (`fillSlot`), a new value, or a custom scope's `provide`.
 */
import { activeFrame, EMPTY_SLOT, type FrameScope, type FrameStore, fillSlot, slotValue } from '../lifetime/frames.js';
import type { Scope } from '../lifetime/scope.js';
import { fillCell, noFrame, type ResolutionContext, refuseWhileDisposing } from './context.js';
import { type Cell, DEEP, type Plan } from './plan.js';

/**
 * Resolves a deep plan with an explicit stack. Returns the root's value as its construct made it
 * (its scope keeps it). Below the root, each plan deeper than `DEEP` is filled as its scope would
 * fill it: a cell, a frame's slot, a new value, or (custom scopes) `provide` asked once its
 * arguments exist.
 */
export function evaluateDeep(context: ResolutionContext, root: Plan): unknown {
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
      const existing = child.depth <= DEEP ? { value: child.resolve() } : existingValue(context, child);
      if (existing !== undefined) top.values[top.next++] = existing.value;
      else stack.push({ plan: child, values: [], next: 0 });
      continue;
    }
    stack.pop();
    const { plan, values } = top;
    if (stack.length === 0) return plan.construct(values);
    const parent = stack[stack.length - 1];
    parent.values[parent.next++] = madeInScope(context, plan, () => plan.construct(values));
  }
}

/** A deep plan's value when its scope already holds one (`undefined`: it must be made). */
function existingValue(context: ResolutionContext, plan: Plan): { value: unknown } | undefined {
  switch (plan.mode) {
    case 'cell': {
      const cell = plan.cell as Cell;
      if (cell.done) return { value: cell.value };
      refuseWhileDisposing(context, plan);
      return undefined;
    }
    case 'frame': {
      const value = slotValue(frameStoreOf(context, plan), slotOf(context, plan));
      return value === EMPTY_SLOT ? undefined : { value };
    }
    default:
      return undefined;
  }
}

/** Keeps a value made by `make` as the plan's scope keeps it (custom scopes decide whether to make it). */
function madeInScope(context: ResolutionContext, plan: Plan, make: () => unknown): unknown {
  switch (plan.mode) {
    case 'cell': {
      const cell = plan.cell as Cell;
      return cell.done ? cell.value : fillCell(context, plan, make());
    }
    case 'new':
      return plan.adopt(make(), undefined);
    case 'frame':
      return fillSlot(frameStoreOf(context, plan), slotOf(context, plan), (owner) => plan.adopt(make(), owner));
    case 'scope': {
      const custom = context.options.scopes.get(plan.binding.scopeId) as Scope;
      return custom.provide(plan.binding.memoKey, () => plan.adopt(make(), undefined));
    }
  }
}

function slotOf(context: ResolutionContext, plan: Plan): number {
  return (context.options.scopes.get(plan.binding.scopeId) as FrameScope).slotOf(plan.binding.memoKey);
}

/** The store of the active frame of a `frame` plan's scope; `OutOfScopeError` without one. */
function frameStoreOf(context: ResolutionContext, plan: Plan): FrameStore {
  const frameScope = context.options.scopes.get(plan.binding.scopeId) as FrameScope;
  const frame = activeFrame(frameScope);
  if (frame === undefined) throw noFrame(plan.binding, frameScope, plan.binding.scopeId);
  return frame.store;
}
