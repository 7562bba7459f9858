/**
 * Frames: the slots of a frame or key, the async context that makes a frame current
 * (AsyncLocalStorage, found at the first frame), and `FrameScope`, the base of context and keyed
 * scopes.
 */
import type { BindingKey } from '../core/binding-key.js';
import { AsyncContextUnavailableError, OutOfScopeError } from '../core/errors.js';
import type { ScopeId } from '../core/scope-ids.js';
import { disposeAsync, disposeSync, type Owner, own } from './disposal.js';
import type { Scope } from './scope.js';

/** Stored in a slot for a binding whose value is `undefined`, so an empty slot stays `undefined`. */
export const UNDEFINED_VALUE: unique symbol = Symbol('pinion.undefined');

/**
 * The objects of one frame (`ContextScope`) or of one key (`KeyedScope`): a slot per binding,
 * the async creations in flight, and (as an `Owner`) what must be disposed when it ends.
 */
export interface FrameStore extends Owner {
  readonly slots: unknown[];
  /** Async creations in flight, per slot: concurrent requests share one. */
  pending: (Promise<unknown> | undefined)[] | undefined;
  /** Disposal has started: an async creation that settles now is disposed on arrival. */
  closed: boolean;
}

/** Disposes a store synchronously; async creations still in flight are disposed when they arrive. */
export function closeStoreSync(store: FrameStore, scopeId: ScopeId, work?: { error: unknown }): void {
  store.closed = true;
  disposeSync(store, scopeId, work);
}

/** Waits for the store's async creations in flight, then disposes it. */
export async function closeStore(store: FrameStore, work?: { error: unknown }): Promise<void> {
  while (store.pending?.some((p) => p !== undefined)) await Promise.allSettled(store.pending);
  store.closed = true;
  await disposeAsync(store, work);
}

/**
 * The object in `slot` of `store`; when the slot is empty, `make` builds it (registering it with
 * the store it is given, its owner) and the slot keeps it.
 */
export function fillSlot(store: FrameStore, slot: number, make: (owner: FrameStore) => unknown): unknown {
  const existing = store.slots[slot];
  if (existing !== undefined) return existing === UNDEFINED_VALUE ? undefined : existing;
  return keepInSlot(store, slot, make(store));
}

/**
 * The value kept in `slot`, or `EMPTY_SLOT`. With `keepInSlot`, the only reading and writing of
 * slots besides `fillSlot` (whose generated form is in resolution/codegen.ts): for async
 * creations, which fill their slot when they arrive.
 */
export function slotValue(store: FrameStore, slot: number): unknown {
  const existing = store.slots[slot];
  if (existing === undefined) return EMPTY_SLOT;
  return existing === UNDEFINED_VALUE ? undefined : existing;
}

/** Keeps `value` in `slot` (an `undefined` value as `UNDEFINED_VALUE`) and returns it. */
export function keepInSlot(store: FrameStore, slot: number, value: unknown): unknown {
  store.slots[slot] = value === undefined ? UNDEFINED_VALUE : value;
  return value;
}

/** What `slotValue` returns for a slot that holds nothing yet. */
export const EMPTY_SLOT: unique symbol = Symbol('pinion.emptySlot');

/** The slots of a frame that uses its key's store instead (never written). */
const NO_SLOTS: unknown[] = [];

/** Values a frame supplies to `toScopeValue` bindings, by binding name. */
export type FrameValues = Readonly<Record<string, unknown>>;

/**
 * One entry into a frame scope, bound to an async context. `parent` is the frame that was current
 * when it was opened, of any scope: frames of other scopes stay visible through it. A
 * `ContextScope` frame is its own store; a `KeyedScope` frame uses its key's.
 */
export class Frame implements FrameStore {
  ended = false;
  readonly slots: unknown[];
  pending: (Promise<unknown> | undefined)[] | undefined = undefined;
  owned: unknown[] | undefined = undefined;
  closed = false;
  readonly store: FrameStore;
  /**
   * For a frame entered with `enterScope` (`AsyncLocalStorage.enterWith`): the synchronous run it
   * was entered in (see `currentSyncRun`). `undefined` for `runInScope` frames, which never leak.
   */
  enteredInRun: object | undefined = undefined;
  constructor(
    readonly scope: FrameScope,
    readonly parent: Frame | undefined,
    store: FrameStore | undefined,
    readonly values: FrameValues | undefined,
    /** The key of a `KeyedScope` frame. */
    readonly key?: unknown,
  ) {
    this.store = store ?? this;
    // Sized once: growing an empty array on the first write would allocate room for 17.
    this.slots = store === undefined ? scope.newSlots() : NO_SLOTS;
  }
}

/** What frames use of `AsyncLocalStorage` (declared here: the package needs no Node types). */
interface AsyncContextStorage<T> {
  getStore(): T | undefined;
  run<R>(store: T, fn: () => R): R;
  enterWith(store: T): void;
}
type AsyncContextStorageClass = new <T>() => AsyncContextStorage<T>;

/**
 * The storage of the current frame, created on first use: `undefined` until a frame scope opens
 * a frame. A module variable, so that `activeFrame` (every context-scoped resolution) pays one
 * comparison and never the lookup below.
 */
let storage: AsyncContextStorage<Frame> | undefined;

/**
 * `AsyncLocalStorage`, found at run time instead of imported: a static `node:async_hooks` import
 * would keep the main entry out of browser bundles, and graphs of singletons and PROTOTYPE
 * bindings never need it. `process.getBuiltinModule` serves Node >= 20.16, Deno and Bun (and
 * Workers with nodejs_compat); Cloudflare Workers with `nodejs_als` expose it as a global.
 */
function createStorage(): AsyncContextStorage<Frame> {
  const host = globalThis as {
    process?: { getBuiltinModule?: (id: string) => { AsyncLocalStorage?: unknown } | undefined };
    AsyncLocalStorage?: unknown;
  };
  let found: unknown;
  try {
    found = host.process?.getBuiltinModule?.('node:async_hooks')?.AsyncLocalStorage;
  } catch {
    // A polyfilled `process` whose getBuiltinModule throws: fall through to the global.
  }
  found ??= host.AsyncLocalStorage;
  if (typeof found !== 'function') throw new AsyncContextUnavailableError();
  storage = new (found as AsyncContextStorageClass)<Frame>();
  return storage;
}

/**
 * The current frame of the async context: the innermost one opened, of any scope and graph.
 * Opening a frame (`runInScope`, `enterScope`) goes through it, and so creates the storage or
 * raises `AsyncContextUnavailableError` where the runtime has no `AsyncLocalStorage`.
 */
export const frameStorage: AsyncContextStorage<Frame> = {
  getStore: () => (storage ?? createStorage()).getStore(),
  run: (frame, fn) => (storage ?? createStorage()).run(frame, fn),
  enterWith: (frame) => (storage ?? createStorage()).enterWith(frame),
};

let syncRun: object | undefined;

/**
 * A token for the synchronous run of code now executing, the same until the microtask queue next
 * runs. `enterWith` called in an async function before its first `await` leaves the frame current
 * in its caller's synchronous remainder, so a sibling called in the same run inherits it as an
 * ancestor it must not keep: frames entered in one run are told apart from those of earlier runs.
 */
export function currentSyncRun(): object {
  if (syncRun === undefined) {
    const run = {};
    syncRun = run;
    queueMicrotask(() => {
      if (syncRun === run) syncRun = undefined;
    });
  }
  return syncRun;
}

/**
 * What a frame entered with `enterScope` restores when it ends: the frame that was current when
 * it was entered, unless it ends in a later run than it was entered in. Then the `enterScope`
 * frames entered in its own run are skipped: they may be siblings leaked through the caller
 * (another request's frames), and handing their objects out would cross requests. Frames of
 * `runInScope` and of earlier runs are the flow's own and come back.
 */
export function frameToRestore(frame: Frame): Frame | undefined {
  const run = frame.enteredInRun;
  if (run === undefined || currentSyncRun() === run) return frame.parent;
  let parent = frame.parent;
  while (parent !== undefined && parent.enteredInRun === run) parent = parent.parent;
  return parent;
}

/** The innermost open frame of `scope` in the current async context. */
export function activeFrame(scope: FrameScope): Frame | undefined {
  // No storage yet means no frame was ever opened: the lookup need not create it.
  let frame = storage === undefined ? undefined : storage.getStore();
  while (frame !== undefined && (frame.scope !== scope || frame.ended)) frame = frame.parent;
  return frame;
}

/** Options of `graph.runInScope` / `graph.enterScope`, passed on to the frame scope. */
export interface FrameOptions {
  /** What the frame's `toScopeValue` bindings receive, by binding name (the current user, the request). */
  values?: FrameValues;
  /** For a `KeyedScope`: which key's objects the frame re-enters (a session id, a tenant id). */
  key?: unknown;
}

/**
 * A scope whose objects live in frames opened by `graph.runInScope` / `graph.enterScope`: the
 * base of `ContextScope` and `KeyedScope`. Each binding of the scope gets a slot in every frame.
 */
export abstract class FrameScope implements Scope {
  private readonly slotsByKey = new Map<BindingKey, number>();

  /** @internal Empty slots for a new store: one per binding known so far. */
  newSlots(): unknown[] {
    return new Array(this.slotsByKey.size);
  }

  /** @internal The slot the binding's objects take in this scope's frames. */
  slotOf(key: BindingKey): number {
    let slot = this.slotsByKey.get(key);
    if (slot === undefined) {
      slot = this.slotsByKey.size;
      this.slotsByKey.set(key, slot);
    }
    return slot;
  }

  /** @internal Opens a frame whose parent is `parent`; `where` names the caller, for messages. */
  abstract open(parent: Frame | undefined, options: FrameOptions | undefined, where: () => string): Frame;

  /**
   * @internal Ends `frame` synchronously: disposes what it owns now (throwing
   * `AsyncDisposalRequiredError` for what only async disposal can end) and rethrows the work's error.
   */
  abstract closeSync(frame: Frame, scopeId: ScopeId, work?: { error: unknown }): void;

  /** @internal Ends `frame`, awaiting its disposal; rejects with the work's and disposers' errors. */
  abstract closeAsync(frame: Frame, work?: { error: unknown }): Promise<void>;

  /** @internal Whether its frames are opened with a key (`KeyedScope`): messages say how to open one. */
  get keyed(): boolean {
    return false;
  }

  /** @internal Drops keys and disposes their objects (keyed scopes); other scopes have none. */
  clear(_key?: unknown, _hasKey?: boolean): Promise<void> {
    return Promise.resolve();
  }

  /**
   * The `Scope` interface, for callers outside a graph: the object of `bindingKey` in the current
   * frame of this scope. Graphs resolve through their own compiled plans instead.
   */
  provide<T>(bindingKey: BindingKey, createFn: () => T): T {
    const frame = activeFrame(this);
    if (frame === undefined) {
      throw new OutOfScopeError(bindingKey.toString(), `of ${this.constructor.name}`, { kind: 'noFrameOutsideGraph' });
    }
    return fillSlot(frame.store, this.slotOf(bindingKey), (owner) => {
      const value = createFn();
      own(owner, value, bindingKey);
      return value;
    }) as T;
  }
}
