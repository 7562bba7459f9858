/**
 * Disposal: what a frame or graph owns, disposed exactly once in reverse order, errors combined as
 * `using` combines them, sync or async.
 */
import { AsyncDisposalRequiredError } from '../core/errors.js';
import { describeScope, type ScopeId } from '../core/scope-ids.js';
import { isThenable } from '../core/thenable.js';
import { describeValue } from '../core/values.js';

/** Disposes a bound object when its scope ends. */
export type Disposer<T = unknown> = (value: T) => void | Promise<void>;

/** The result of starting one disposal: done, or a promise to wait for. */
type Started = undefined | PromiseLike<unknown>;

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
 * order, as flat records of `STRIDE` slots `value, how, kind, key` (allocated on the first such
 * object: most frames have none; `key` is the binding's key, for messages). Each is disposed exactly once, in reverse order, even when the work or a disposer threw;
 * errors combine as the language's `using` declarations combine them.
 */
export interface Owner {
  owned: unknown[] | undefined;
}

/** Slots per owned object in `Owner.owned`. */
const STRIDE = 4;

// How an owned object is disposed: the third slot of its record. The second, `how`, is:
/** the binding's `dispose` option, called as `how(value)`; */
const DISPOSER = 0;
/** a generator provider's generator: `how.return()` runs its code after `yield`; */
const GENERATOR = 1;
/** `[Symbol.dispose]`, called as `how.call(value)`; */
const SYNC = 2;
/** `[Symbol.asyncDispose]`, called as `how.call(value)` and awaited; */
const ASYNC = 3;
/** both methods, as `[sync, async]`: sync ends call the first, async ends the second. */
const BOTH = 4;
type Kind = typeof DISPOSER | typeof GENERATOR | typeof SYNC | typeof ASYNC | typeof BOTH;

/**
 * Records `value` with its owner if it has anything to dispose: the binding's `dispose` option,
 * the generator of a generator provider (its code after `yield` runs at disposal), or its own
 * `[Symbol.dispose]` / `[Symbol.asyncDispose]`. Like `using`, the methods are read now.
 */
export function own(
  owner: Owner,
  value: unknown,
  key?: unknown,
  disposer?: Disposer,
  generator?: Generator | AsyncGenerator,
): void {
  if (disposer) push(owner, value, disposer, DISPOSER, key);
  else if (generator) push(owner, value, generator, GENERATOR, key);
  else if ((typeof value === 'object' || typeof value === 'function') && value !== null) {
    const v = value as Record<symbol, unknown>;
    const sync = v[Symbol.dispose];
    const async = v[Symbol.asyncDispose];
    if (typeof sync === 'function') {
      if (typeof async === 'function') push(owner, value, [sync, async], BOTH, key);
      else push(owner, value, sync, SYNC, key);
    } else if (typeof async === 'function') push(owner, value, async, ASYNC, key);
  }
}

function push(owner: Owner, value: unknown, how: unknown, kind: Kind, key: unknown): void {
  if (owner.owned === undefined) owner.owned = [value, how, kind, key];
  else owner.owned.push(value, how, kind, key);
}

/**
 * What messages call the objects that must be disposed asynchronously: the one at `owned[i]`, whose
 * disposal returned a promise, and the earlier ones with only `[Symbol.asyncDispose]`. Their
 * binding keys, or a description of the object for those a custom scope made. Never throws.
 */
function asyncOnly(owned: readonly unknown[], i: number): string[] {
  const names: string[] = [];
  for (let j = i; j >= 0; j -= STRIDE) {
    if (j !== i && owned[j + 2] !== ASYNC) continue;
    const key = owned[j + 3];
    names.push(key !== undefined ? String(key) : describeValue(owned[j]));
  }
  return names;
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
  for (let i = owned.length - STRIDE; i >= 0; i -= STRIDE) {
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
      const e = new AsyncDisposalRequiredError(
        disposal,
        `the frame of scope ${describeScope(scopeId)}`,
        asyncOnly(owned, i),
      );
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
  return disposeFrom(owned, owned.length - STRIDE, { failed: work !== undefined, error: work?.error });
}

/** Disposes the object at `owned[i]` (already started) and then every earlier one, awaiting each in turn. */
async function finishAsync(owned: readonly unknown[], i: number, started: PromiseLike<unknown>): Promise<void> {
  const outcome: Outcome = { failed: false, error: undefined };
  try {
    await started;
  } catch (error) {
    record(outcome, error);
  }
  return disposeFrom(owned, i - STRIDE, outcome);
}

/** Disposes `owned[i]` and every earlier object in turn, awaiting each; rejects with `outcome`'s errors. */
async function disposeFrom(owned: readonly unknown[], i: number, outcome: Outcome): Promise<void> {
  for (let j = i; j >= 0; j -= STRIDE) {
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
  const value = owned[i];
  const how = owned[i + 1];
  switch (owned[i + 2] as Kind) {
    case SYNC:
      (how as (this: unknown) => void).call(value);
      return undefined;
    case ASYNC:
      // Called now, in order; `await using` awaits it before the next disposal.
      return Promise.resolve((how as (this: unknown) => unknown).call(value));
    case DISPOSER: {
      const result = (how as Disposer)(value);
      return isThenable(result) ? result : undefined;
    }
    case GENERATOR: {
      const result = (how as Generator | AsyncGenerator).return(undefined);
      return isThenable(result) ? result : undefined;
    }
    case BOTH: {
      const [sync, asyncDispose] = how as [(this: unknown) => void, (this: unknown) => unknown];
      if (!async) {
        sync.call(value);
        return undefined;
      }
      return Promise.resolve(asyncDispose.call(value));
    }
  }
}
