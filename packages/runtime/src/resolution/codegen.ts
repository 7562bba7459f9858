/**
 * Specialised code for hot plans. A plan that has been resolved often gets its own function,
 * generated with `new Function`, in which its transient class dependencies are nested `new` calls
 * (as hand-written code would be) and singletons read their cell directly. Each generated function
 * has its own inline caches, so V8 sees monomorphic calls where the closures shared by every plan
 * go megamorphic once a process has many plans.
 *
 * Only the shape of the code is generated: classes, cells and plans are passed in as values, never
 * written into the source, so no user-controlled text reaches `new Function`.
 */

/** What a generated function needs to know about a plan (a structural view of `Plan`). */
export interface GenerablePlan {
  readonly name: string;
  readonly mode: 'cell' | 'new' | 'frame' | 'scope';
  /** The class a `new`/`frame` plan constructs with the arguments as given; `undefined` otherwise. */
  readonly inlineClass: Function | undefined;
  readonly args: readonly ({ plan: GenerablePlan } | { get: () => unknown })[];
  readonly cell?: { done: boolean; value: unknown };
  resolve: () => unknown;
}

/** For `frame` plans: how the generated function finds and fills the current frame's slot. */
export interface FrameAccess {
  /** The innermost open frame of the plan's scope, or `undefined`. */
  active: () => { store: { slots: unknown[] } } | undefined;
  slot: number;
  /** Raised when no frame of the scope is open. */
  noFrame: () => Error;
  /** Registers a new value with its frame (the owner) and returns it. */
  adopt: (raw: unknown, owner: never) => unknown;
  /** The slot marker for a value that is `undefined`. */
  undefinedValue: unknown;
}

/** How many `new` calls one generated function inlines at most; the rest are called. */
const INLINE_BUDGET = 64;

/** How many resolutions make a plan hot. */
let hotThreshold = 32;

/** False once the environment refused code generation (CSP, `--disallow-code-generation-from-strings`). */
let generationAllowed = true;

/** @internal For the test suite: resolutions before a plan is compiled (0: at once); returns the previous one. */
export function setHotThreshold(calls: number): number {
  const previous = hotThreshold;
  hotThreshold = calls;
  return previous;
}

/**
 * Wraps a plan's closure-based `resolve` so that it counts resolutions; once hot, the plan's
 * `resolve` becomes generated code (or stays `cold` where code cannot be generated). Callers
 * that captured the counting function reach the new `resolve` through the plan.
 */
export function tiered(plan: GenerablePlan, cold: () => unknown, frame?: FrameAccess): () => unknown {
  let calls = 0;
  const counting = (): unknown => {
    if (calls < hotThreshold) {
      calls++;
      return cold();
    }
    if (plan.resolve === counting) plan.resolve = generateResolve(plan, frame) ?? cold;
    return plan.resolve();
  };
  return counting;
}

/** A `new` or `frame` plan's resolve as one generated function, or `undefined` when not allowed. */
function generateResolve(plan: GenerablePlan, frame?: FrameAccess): (() => unknown) | undefined {
  if (!generationAllowed || plan.inlineClass === undefined) return undefined;
  const refs = new References();
  const expression = construction(plan, refs, { budget: INLINE_BUDGET });
  let body: string;
  if (plan.mode === 'frame' && frame) {
    const [active, noFrame, adopt, none] = [frame.active, frame.noFrame, frame.adopt, frame.undefinedValue].map((v) =>
      refs.of(v),
    );
    // fillSlot (lifetime/frames.ts), written out: the object in the frame's slot, else made and kept there.
    body = `
  const frame = ${active}();
  if (frame === undefined) throw ${noFrame}();
  const store = frame.store;
  const existing = store.slots[${frame.slot}];
  if (existing !== undefined) return existing === ${none} ? undefined : existing;
  const value = ${adopt}(${expression}, store);
  store.slots[${frame.slot}] = value === undefined ? ${none} : value;
  return value;`;
  } else if (plan.mode === 'new') {
    body = `\n  return ${expression};`;
  } else {
    return undefined;
  }
  const source = `"use strict";\nreturn function ${functionName(plan.name)}() {${body}\n};`;
  try {
    const factory = new Function(...refs.names, source) as (...values: unknown[]) => () => unknown;
    return factory(...refs.values);
  } catch (error) {
    if (!(error instanceof EvalError)) throw error;
    generationAllowed = false;
    return undefined;
  }
}

/** Values the generated source refers to, passed in as the factory's parameters `$0`, `$1`, … */
class References {
  readonly names: string[] = [];
  readonly values: unknown[] = [];
  private readonly byValue = new Map<unknown, string>();

  of(value: unknown): string {
    let name = this.byValue.get(value);
    if (name === undefined) {
      name = `$${this.names.length}`;
      this.names.push(name);
      this.values.push(value);
      this.byValue.set(value, name);
    }
    return name;
  }
}

/** `new C(args…)` for the plan itself. */
function construction(plan: GenerablePlan, refs: References, state: { budget: number }): string {
  const args = plan.args.map((arg) => {
    if ('get' in arg) return `${refs.of(arg.get)}()`;
    return dependency(arg.plan, refs, state);
  });
  return `new ${refs.of(plan.inlineClass)}(${args.join(', ')})`;
}

/** The expression for a dependency: inlined when it is a transient class, else read or called. */
function dependency(plan: GenerablePlan, refs: References, state: { budget: number }): string {
  if (plan.mode === 'new' && plan.inlineClass !== undefined && state.budget > 0) {
    state.budget--;
    return construction(plan, refs, state);
  }
  const self = refs.of(plan);
  if (plan.mode === 'cell' && plan.cell) {
    const cell = refs.of(plan.cell);
    return `(${cell}.done ? ${cell}.value : ${self}.resolve())`;
  }
  return `${self}.resolve()`;
}

/** `resolve_databaseConnection`: names the generated function in profiles and stack traces. */
function functionName(bindingName: string): string {
  const safe = bindingName.replace(/[^A-Za-z0-9_$]/g, '_').slice(0, 60);
  return `resolve_${safe}`;
}
