/**
 * The vocabulary every resolution file shares: what the walk finds for each parameter (`Edge`),
 * what compiling makes of a binding (`Plan`, its `ArgSource`s and singleton `Cell`), the
 * constants that steer both, and small pure helpers that read bindings and plans (their
 * provider, their parameter names, where a message says something was asked for).
 */
import type { Binding } from '../bindings/binding-table.js';
import type { BindingKey } from '../core/binding-key.js';
import type { CycleStep } from '../core/errors.js';
import type { ScopeId } from '../core/scope-ids.js';
import type { Owner } from '../lifetime/disposal.js';
import type { AnyClass, ParamMetadata } from '../metadata/class-metadata.js';
import { constructorParams, methodParams } from '../metadata/class-params.js';
import { getInjectRecord } from '../metadata/decorator-records.js';

/** One parameter of a constructor or provider method, as the plan will fill it. */
export type Edge =
  | { kind: 'binding'; key: BindingKey; param: string; type?: string; target?: Binding }
  | { kind: 'providerFn'; key: BindingKey; param: string }
  | { kind: 'keepDefault' }
  | { kind: 'direct'; param: string };

/** Where an argument's value comes from in a compiled plan. */
export type ArgSource = { plan: Plan } | { get: () => unknown };

/** A singleton's slot: filled once. */
export interface Cell {
  done: boolean;
  value: unknown;
  /** An async creation in flight: concurrent first requests share it. */
  pending?: Promise<unknown>;
}

/** What a generator provider's construct returns: the yielded value and the generator to finish at disposal. */
export interface GeneratorProvided {
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
  /** Builds the value from its evaluated arguments (for generator providers, a `GeneratorProvided`). */
  readonly construct: (args: unknown[]) => unknown;
  /** Registers a new value with its owner (a frame or the graph) and returns the value. */
  readonly adopt: (raw: unknown, owner: Owner | undefined) => unknown;
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

/** What a message names as the place that asked for something: built only when an error is raised. */
export type Site = () => string;

/** One binding on the way from an object outside frames to a context scope's object. */
export interface CaptiveStep {
  readonly binding: Binding;
  /** The parameter by which it needs the next step. */
  readonly param?: string;
}

/** Above this depth, plans resolve with an explicit stack instead of nested calls. */
export const DEEP = 400;
/** Up to this depth, the walk finds a binding on its stack by a scan; deeper, through a map. */
export const SHALLOW_STACK = 16;
/** The value of an argument nobody injects: a kept default or a direct argument. */
export const NO_VALUE = () => undefined;

/** The default `isScopeUsableFromScope`: every edge is allowed. */
export const everyScopeIsUsable = (_inner: ScopeId, _outer: ScopeId): boolean => true;

/**
 * `graph.get("db") at src/app.ts:3:5`. Made here, not where the plan is looked up: a closure
 * there would cost every warm `get` a context for `where`.
 */
export function getSite(key: BindingKey, where: (() => string) | undefined): Site {
  return () => `graph.get(${key})${where ? ` at ${where()}` : ''}`;
}

/** `parameter db of class Repo (src/repo.ts:3:14)`. */
export function paramSite(binding: Binding, param: string): Site {
  return () => `parameter ${param} of ${binding.description}`;
}

/** The provider function or method of a binding, if it has one. */
export function providerOf(binding: Binding): unknown {
  const target = binding.target;
  if (target.kind === 'method') return (target.spec as unknown as Record<string, unknown>)[target.methodName];
  if (target.kind === 'provider') return target.fn;
  return undefined;
}

/** `async function` and `async function*`: their values only exist after an await. */
export function isAsyncFunction(fn: unknown): boolean {
  const name = typeof fn === 'function' ? fn.constructor?.name : undefined;
  return name === 'AsyncFunction' || name === 'AsyncGeneratorFunction';
}

/** `function*` and `async function*`: their code after `yield` runs at disposal. */
export function isGeneratorFunction(fn: unknown): boolean {
  const name = typeof fn === 'function' ? fn.constructor?.name : undefined;
  return name === 'GeneratorFunction' || name === 'AsyncGeneratorFunction';
}

/** A step of a cycle message: the binding, and the parameter (`edge`) leading to the next step. */
export function cycleStep(binding: Binding, edge?: Edge): CycleStep {
  const param = edge !== undefined && 'param' in edge ? edge.param : undefined;
  return { bindingKey: binding.key.toString(), binding: binding.description, param };
}

/** The names of the parameters of a plan's constructor or provider method, for messages. */
export function paramNamesOf(plan: Plan): string[] {
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
export function injectsEveryParam(cls: AnyClass): boolean {
  const record = getInjectRecord(cls);
  return !record || (!record.argNames && !record.allExcept);
}

/** With `@inject({ argNames | allExcept })`, the parameters that are injected; else `undefined` (all). */
export function injectedParamNames(cls: AnyClass, params: readonly ParamMetadata[]): ReadonlySet<string> | undefined {
  const record = getInjectRecord(cls);
  if (record?.argNames) return new Set(record.argNames);
  if (record?.allExcept) {
    const excluded = new Set(record.allExcept);
    return new Set(params.flatMap((p) => (p.name !== undefined && !excluded.has(p.name) ? [p.name] : [])));
  }
  return undefined;
}

/** Shortest chain of plans from `from` to the plan of `to`, both included. */
export function pathBetween(from: Plan, to: Binding): Plan[] {
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
