/**
 * The state one graph's resolution shares across the files of this folder: its options, its plans,
 * its singleton cells and their disposal, the provider calls in progress and what the safe-scope
 * check has learned. It also owns the one way a singleton fills its cell (`fillCell`), the refusal
 * to create one while the graph disposes them, and the error for a frame-scoped plan without a frame.
 */
import type { Binding, BindingTable } from '../bindings/binding-table.js';
import type { BindingKey } from '../core/binding-key.js';
import { GraphDisposingError, OutOfScopeError } from '../core/errors.js';
import { describeScope, type ScopeId } from '../core/scope-ids.js';
import type { Owner } from '../lifetime/disposal.js';
import type { FrameScope } from '../lifetime/frames.js';
import type { Scope } from '../lifetime/scope.js';
import type { CaptiveStep, Cell, Plan, Site } from './plan.js';

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

/** What the resolution files share for one graph: made once by the `Resolver`. */
export interface ResolutionContext {
  readonly options: ResolverOptions;
  /** Every compiled plan, by binding. */
  readonly plans: Map<Binding, Plan>;
  /** The graph's singletons, by key. */
  readonly singletons: Map<BindingKey, Cell>;
  /** The singletons to dispose, in creation order. */
  readonly disposables: Owner;
  /** The provider functions being called, innermost last: a cycle message tells the way back. */
  readonly activeProviderCalls: { from: Plan; to: Plan }[];
  /**
   * Per walked binding, under the safe default: the chain by which its objects reach a context
   * scope's object (itself when it is context-scoped, else through `PROTOTYPE` bindings), or `null`.
   */
  readonly contextReach: Map<Binding, readonly CaptiveStep[] | null>;
  /** `graph.dispose()` is disposing the singletons: none may be created until it ends. */
  disposing: boolean;
  /** The plan of `binding`, walked and compiled on first use (`site`: what asked for it). */
  readonly planBinding: (binding: Binding, site?: Site) => Plan;
}

/** Raised before a singleton is created while the graph disposes its singletons. */
export function refuseWhileDisposing(context: ResolutionContext, plan: Plan): void {
  if (context.disposing) throw new GraphDisposingError(plan.binding.key.toString(), plan.binding.description);
}

/** The one way a singleton joins its cell: kept by the graph for disposal, then handed out. */
export function fillCell(context: ResolutionContext, plan: Plan, raw: unknown): unknown {
  const value = plan.adopt(raw, context.disposables);
  const cell = plan.cell as Cell;
  // Created before dispose() began and arriving during it: disposed with the rest, not kept.
  if (!context.disposing) {
    cell.value = value;
    cell.done = true;
  }
  return value;
}

/** The singleton cell of `key`, made empty on first use. */
export function cellFor(context: ResolutionContext, key: BindingKey): Cell {
  let cell = context.singletons.get(key);
  if (!cell) {
    cell = { done: false, value: undefined };
    context.singletons.set(key, cell);
  }
  return cell;
}

/** The error for resolving `binding` of a frame scope while no frame of it is open. */
export function noFrame(binding: Binding, scope: FrameScope, scopeId: ScopeId): OutOfScopeError {
  const cause = { kind: 'noFrame', binding: binding.description, keyed: scope.keyed } as const;
  return new OutOfScopeError(binding.key.toString(), describeScope(scopeId), cause);
}
