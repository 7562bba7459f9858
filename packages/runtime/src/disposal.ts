import type { Disposer } from './binding-spec.js';
import { AsyncDisposalRequiredError } from './errors.js';
import { describeScope, type ScopeId } from './scopes/scope.js';
import { isThenable } from './thenable.js';

/** The result of starting one disposal: done, or a promise to wait for. */
type Started = undefined | PromiseLike<unknown>;

/** Whether `value` has `[Symbol.dispose]` or `[Symbol.asyncDispose]`. */
export function isDisposable(value: unknown): boolean {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return false;
  const v = value as Record<symbol, unknown>;
  return typeof v[Symbol.asyncDispose] === 'function' || typeof v[Symbol.dispose] === 'function';
}

/**
 * `new SuppressedError(error, suppressed)` as the language's `using` builds it; Node 20 has no
 * global `SuppressedError`, so an `Error` named `SuppressedError` with the same fields stands in.
 */
export function suppressedError(error: unknown, suppressed: unknown): Error {
  const Native = (globalThis as { SuppressedError?: new (e: unknown, s: unknown, m?: string) => Error })
    .SuppressedError;
  if (Native) return new Native(error, suppressed, 'An error was suppressed during disposal.');
  const combined = new Error('An error was suppressed during disposal.') as Error & {
    error: unknown;
    suppressed: unknown;
  };
  combined.name = 'SuppressedError';
  combined.error = error;
  combined.suppressed = suppressed;
  return combined;
}

/** The outcome so far: the work's error and every disposer error, combined as `using` does. */
interface Outcome {
  failed: boolean;
  error: unknown;
}

const record = (outcome: Outcome, error: unknown) => {
  outcome.error = outcome.failed ? suppressedError(error, outcome.error) : error;
  outcome.failed = true;
};

/**
 * Holds the objects one frame (or a graph's singletons) created that need disposal, in creation
 * order, as flat triples `value, disposer, generator` (allocated on the first such object: most
 * frames have none). Each is disposed exactly once, in reverse order, even when the work or a
 * disposer threw; errors combine as the language's `using` declarations combine them.
 */
export interface Owner {
  owned: unknown[] | undefined;
}

/**
 * Records `value` with its owner if it has anything to dispose: the binding's `dispose` option,
 * the generator of a generator provider (its code after `yield` runs at disposal), or its own
 * `[Symbol.dispose]` / `[Symbol.asyncDispose]`.
 */
export function own(owner: Owner, value: unknown, disposer?: Disposer, generator?: Generator | AsyncGenerator): void {
  if (disposer || generator || isDisposable(value)) {
    if (owner.owned === undefined) owner.owned = [];
    owner.owned.push(value, disposer, generator);
  }
}

/**
 * Disposes synchronously, as a `using` block ends. When an object can only be disposed
 * asynchronously, its disposal and every earlier-created one continue in the background and
 * `AsyncDisposalRequiredError` (whose `disposal` is that promise) joins the errors thrown.
 * `scopeId` names the frame's scope in that error; `work`: the error the work threw, if it did.
 */
export function disposeSync(owner: Owner, scopeId: ScopeId, work?: { error: unknown }): void {
  const owned = owner.owned;
  if (owned === undefined) {
    if (work) throw work.error;
    return;
  }
  owner.owned = undefined;
  // Locals rather than an Outcome object: this runs at the end of every synchronous frame.
  let failed = work !== undefined;
  let error = work?.error;
  for (let i = owned.length - 3; i >= 0; i -= 3) {
    let started: Started;
    try {
      started = disposeOne(owned, i, false);
    } catch (e) {
      error = failed ? suppressedError(e, error) : e;
      failed = true;
      continue;
    }
    if (started) {
      const disposal = finishAsync(owned, i, started);
      disposal.catch(() => {}); // the caller may never look at it: no unhandled rejection
      const e = new AsyncDisposalRequiredError(disposal, `the frame of scope ${describeScope(scopeId)}`);
      error = failed ? suppressedError(e, error) : e;
      failed = true;
      break;
    }
  }
  if (failed) throw error;
}

/** Disposes as an `await using` block ends; rejects with the combined errors. */
export function disposeAsync(owner: Owner, work?: { error: unknown }): Promise<void> {
  const owned = owner.owned ?? [];
  owner.owned = undefined;
  return disposeFrom(owned, owned.length - 3, { failed: work !== undefined, error: work?.error });
}

/** Disposes the object at `owned[i]` (already started) and then every earlier one, awaiting each in turn. */
async function finishAsync(owned: readonly unknown[], i: number, started: PromiseLike<unknown>): Promise<void> {
  const outcome: Outcome = { failed: false, error: undefined };
  try {
    await started;
  } catch (error) {
    record(outcome, error);
  }
  return disposeFrom(owned, i - 3, outcome);
}

/** Disposes `owned[i]` and every earlier object in turn, awaiting each; rejects with `outcome`'s errors. */
async function disposeFrom(owned: readonly unknown[], i: number, outcome: Outcome): Promise<void> {
  for (let j = i; j >= 0; j -= 3) {
    try {
      const started = disposeOne(owned, j, true);
      if (started) await started;
    } catch (error) {
      record(outcome, error);
    }
  }
  if (outcome.failed) throw outcome.error;
}

/** Throws nothing for no errors, one error as is, several as an `AggregateError` with `message`. */
export function throwCollected(errors: readonly unknown[], message: string): void {
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new AggregateError(errors, message);
}

/**
 * Starts disposing one object: the binding's disposer, else the generator's `return()`, else
 * `[Symbol.asyncDispose]` (preferred when `async`) or `[Symbol.dispose]`. Returns a promise when
 * the disposal is asynchronous.
 */
function disposeOne(owned: readonly unknown[], i: number, async: boolean): Started {
  const disposer = owned[i + 1] as Disposer | undefined;
  if (disposer) {
    const result = disposer(owned[i]);
    return isThenable(result) ? result : undefined;
  }
  const generator = owned[i + 2] as Generator | AsyncGenerator | undefined;
  if (generator) {
    const result = generator.return(undefined);
    return isThenable(result) ? result : undefined;
  }
  const value = owned[i] as Partial<AsyncDisposable & Disposable>;
  const asyncDispose = value[Symbol.asyncDispose];
  const syncDispose = value[Symbol.dispose];
  if (typeof syncDispose === 'function' && (!async || typeof asyncDispose !== 'function')) {
    syncDispose.call(value);
    return undefined;
  }
  if (typeof asyncDispose === 'function') {
    // Called now, in order; `await using` awaits it before the next disposal.
    return Promise.resolve(asyncDispose.call(value));
  }
  return undefined;
}
