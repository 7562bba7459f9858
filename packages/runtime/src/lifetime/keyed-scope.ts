/**
 * `KeyedScope`: frames keyed by an id (session, tenant) that live across entries, with expiry,
 * eviction, metrics and background disposal.
 */
import { WrongArgTypeError } from '../core/errors.js';
import type { ScopeId } from '../core/scope-ids.js';
import { isThenable } from '../core/thenable.js';
import { describeValue, isOptionsObject } from '../core/values.js';
import { callSite } from '../metadata/locations.js';
import { throwCollected } from './disposal.js';
import { closeStore, closeStoreSync, Frame, type FrameOptions, FrameScope, type FrameStore } from './frames.js';

/** Options of `KeyedScope`; each is checked when the scope is constructed. */
export interface KeyedScopeOptions {
  /**
   * A key idle this long since its last frame ended expires and its objects are disposed: a
   * positive number of milliseconds (fractions allowed, any size, also beyond `setTimeout`'s
   * 2^31−1 ms), or `Infinity`. Default: `Infinity`, never.
   */
  ttlMs?: number;
  /**
   * Beyond this many keys, the least recently used idle key is evicted when a new key is created:
   * a positive integer, or `Infinity`. Default: `Infinity`, no limit.
   */
  maxEntries?: number;
  /**
   * Receives errors of disposals nobody awaits (expiry and eviction), with the key; it may be
   * async. When it throws or its promise rejects, both errors are reported as a process warning
   * instead (never an unhandled rejection).
   * Default: a process warning.
   */
  onDisposeError?: (error: unknown, key: unknown) => unknown;
}

/**
 * What `KeyedScope.metrics()` reports, counting keys. Every key created is held or was dropped
 * once, so `created === active + expired + evicted + cleared` always holds.
 */
export interface KeyedScopeMetrics {
  /** Keys held now. */
  active: number;
  /** Keys created, counting a key again when it is created anew after being dropped. */
  created: number;
  /** Keys dropped after `ttlMs` idle. */
  expired: number;
  /** Idle keys dropped to make room beyond `maxEntries`. */
  evicted: number;
  /** Keys dropped by `graph.clearScope` / `graph.clearAllScopes` (and so by `graph.dispose`). */
  cleared: number;
}

/** `setTimeout`'s longest delay: a longer one fires after 1 ms instead. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** A monotonic clock: a wall clock set back or forward must not keep or expire keys. */
const now = () => performance.now();

/** One key's objects and the frames using them. */
class KeyEntry implements FrameStore {
  constructor(readonly slots: unknown[]) {}
  pending: (Promise<unknown> | undefined)[] | undefined;
  owned: unknown[] | undefined;
  closed = false;
  /** Open frames of this key. */
  frames = 0;
  /** Dropped by `clearScope` while a frame was open: disposed when the last one ends. */
  dropped = false;
  idleSince = 0;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/**
 * Frames keyed by an id that live across entries, such as a user session or a tenant:
 * `graph.runInScope('session', fn, { key: sessionId })` re-enters the same key's objects, also
 * from concurrent requests. Any value but `undefined` is a key (compared as `Map` keys are).
 * Keys idle for `ttlMs` expire; beyond `maxEntries` the least recently used idle key is evicted;
 * both are disposed in the background, their errors going to `onDisposeError`.
 *
 * @throws WrongArgTypeError when `options` is not an object or one of its options is invalid.
 */
export class KeyedScope extends FrameScope {
  private readonly entries = new Map<unknown, KeyEntry>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly onDisposeError: NonNullable<KeyedScopeOptions['onDisposeError']> | undefined;
  private created = 0;
  private expired = 0;
  private evicted = 0;
  private cleared = 0;

  /** @internal */
  override get keyed(): boolean {
    return true;
  }

  constructor(options?: KeyedScopeOptions) {
    super();
    if (!isOptionsObject(options)) {
      throw wrongOption(
        'new KeyedScope(options)',
        'an options object { ttlMs?, maxEntries?, onDisposeError? }',
        options,
      );
    }
    // Each option read once: a getter is not asked twice.
    const { ttlMs, maxEntries, onDisposeError } = (options ?? {}) as KeyedScopeOptions;
    if (ttlMs !== undefined && !(typeof ttlMs === 'number' && ttlMs > 0)) {
      throw wrongOption('new KeyedScope({ ttlMs })', 'a positive number of milliseconds, or Infinity for never', ttlMs);
    }
    if (
      maxEntries !== undefined &&
      !(
        typeof maxEntries === 'number' &&
        maxEntries >= 1 &&
        (Number.isInteger(maxEntries) || maxEntries === Number.POSITIVE_INFINITY)
      )
    ) {
      throw wrongOption('new KeyedScope({ maxEntries })', 'a positive integer, or Infinity for no limit', maxEntries);
    }
    if (onDisposeError !== undefined && typeof onDisposeError !== 'function') {
      throw wrongOption('new KeyedScope({ onDisposeError })', 'a function (error, key) => void', onDisposeError);
    }
    this.ttlMs = ttlMs ?? Number.POSITIVE_INFINITY;
    this.maxEntries = maxEntries ?? Number.POSITIVE_INFINITY;
    this.onDisposeError = onDisposeError;
  }

  /** Counts of keys: held now, created, and dropped by expiry, eviction and clearing. */
  metrics(): KeyedScopeMetrics {
    const { created, expired, evicted, cleared } = this;
    return { active: this.entries.size, created, expired, evicted, cleared };
  }

  /** @internal */
  open(parent: Frame | undefined, options: FrameOptions | undefined, where: () => string): Frame {
    const key = options?.key;
    if (key === undefined) {
      throw new WrongArgTypeError('options.key', 'the key of a keyed scope (e.g. a session id)', 'undefined', where());
    }
    let entry = this.entries.get(key);
    // Also checked here: the timer is unref'd and may be late.
    if (entry && entry.frames === 0 && this.isExpired(entry)) {
      this.drop(key, entry, 'expired');
      entry = undefined;
    }
    if (entry) {
      // Most recently used last.
      this.entries.delete(key);
    } else {
      this.makeRoom();
      entry = new KeyEntry(this.newSlots());
      this.created++;
    }
    this.entries.set(key, entry);
    this.stopTimer(entry);
    entry.frames++;
    return new Frame(this, parent, entry, options?.values, key);
  }

  /** @internal */
  closeSync(frame: Frame, scopeId: ScopeId, work?: { error: unknown }): void {
    const entry = this.leave(frame);
    if (entry?.dropped) closeStoreSync(entry, scopeId, work);
    else if (work) throw work.error;
  }

  /** @internal */
  async closeAsync(frame: Frame, work?: { error: unknown }): Promise<void> {
    const entry = this.leave(frame);
    if (entry?.dropped) await closeStore(entry, work);
    else if (work) throw work.error;
  }

  /** @internal Drops `key` (or every key) and disposes the objects of those without open frames. */
  override async clear(key?: unknown, hasKey = false): Promise<void> {
    const keys = hasKey ? [key] : [...this.entries.keys()];
    const errors: unknown[] = [];
    for (const k of keys.reverse()) {
      const entry = this.entries.get(k);
      if (!entry) continue;
      this.entries.delete(k);
      this.cleared++;
      this.stopTimer(entry);
      entry.dropped = true;
      if (entry.frames > 0) continue;
      await closeStore(entry).catch((error: unknown) => errors.push(error));
    }
    throwCollected(errors, `disposing ${errors.length} keys failed`);
  }

  /** Ends one frame of a key; returns the entry when it was the last and the key is to be disposed now. */
  private leave(frame: Frame): KeyEntry | undefined {
    frame.ended = true;
    const key = frame.key;
    const mine = frame.store as KeyEntry;
    mine.frames--;
    if (mine.frames > 0) return undefined;
    if (mine.dropped) return mine;
    mine.idleSince = now();
    // Least recently used counts from when a key was last left, not entered.
    if (this.entries.get(key) === mine) {
      this.entries.delete(key);
      this.entries.set(key, mine);
    }
    if (this.ttlMs !== Number.POSITIVE_INFINITY) this.expireLater(key, mine);
    return undefined;
  }

  /**
   * Expires an idle key when its ttl has passed. A ttl beyond `setTimeout`'s range is waited for
   * in steps, and a timer that fires early (timers round to whole milliseconds) waits again.
   */
  private expireLater(key: unknown, entry: KeyEntry): void {
    const left = this.ttlMs - (now() - entry.idleSince);
    entry.timer = setTimeout(
      () => {
        entry.timer = undefined;
        if (this.entries.get(key) !== entry || entry.frames > 0) return;
        if (this.isExpired(entry)) this.drop(key, entry, 'expired');
        else this.expireLater(key, entry);
      },
      Math.min(Math.max(Math.ceil(left), 1), MAX_TIMER_MS),
    );
    // An idle key must not keep the process alive.
    entry.timer.unref?.();
  }

  private isExpired(entry: KeyEntry): boolean {
    return now() - entry.idleSince >= this.ttlMs;
  }

  /** Evicts least recently used idle keys until a new key fits. */
  private makeRoom(): void {
    if (this.entries.size < this.maxEntries) return;
    for (const [key, entry] of this.entries) {
      if (this.entries.size < this.maxEntries) return;
      if (entry.frames === 0) this.drop(key, entry, 'evicted');
    }
  }

  /** Removes an idle key and disposes its objects in the background. */
  private drop(key: unknown, entry: KeyEntry, why: 'expired' | 'evicted'): void {
    this.entries.delete(key);
    this.stopTimer(entry);
    if (why === 'expired') this.expired++;
    else this.evicted++;
    // Nobody awaits this disposal: `report` never throws, so no rejection is left unhandled.
    closeStore(entry).catch((error: unknown) => this.report(error, key));
  }

  /** Hands a background disposal's error to `onDisposeError`, or warns when it fails too. */
  private report(error: unknown, key: unknown): void {
    const onDisposeError = this.onDisposeError;
    if (onDisposeError === undefined) {
      warn(`disposing the objects of key ${describeKey(key)} failed: ${describeError(error)}`);
      return;
    }
    const handlerFailed = (handlerError: unknown) =>
      warn(
        `KeyedScope onDisposeError failed with ${describeError(handlerError)}\n` +
          `while reporting that disposing the objects of key ${describeKey(key)} failed: ${describeError(error)}`,
      );
    try {
      const handled = onDisposeError(error, key);
      // An async handler's rejection would be unhandled otherwise.
      if (isThenable(handled)) Promise.resolve(handled).catch(handlerFailed);
    } catch (handlerError) {
      handlerFailed(handlerError);
    }
  }

  private stopTimer(entry: KeyEntry): void {
    if (entry.timer !== undefined) clearTimeout(entry.timer);
    entry.timer = undefined;
  }
}

/** The error for an invalid option, located at the user's `new KeyedScope(…)`. */
function wrongOption(argName: string, expected: string, value: unknown): WrongArgTypeError {
  return new WrongArgTypeError(argName, expected, describeValue(value), callSite(KeyedScope));
}

/** Emits a process warning; a warning that cannot be emitted is dropped rather than crash the process. */
function warn(message: string): void {
  try {
    process.emitWarning(message);
  } catch {
    // Nowhere left to report: throwing here would be an unhandled rejection.
  }
}

/** A key for a message: never throws, whatever the key is. */
function describeKey(key: unknown): string {
  if (typeof key === 'string') return JSON.stringify(key);
  if (typeof key === 'symbol' || typeof key === 'number' || typeof key === 'bigint') return String(key);
  return safely(() => describeValue(key));
}

/** An error for a message, with its stack when it has one: never throws, whatever was thrown. */
function describeError(error: unknown): string {
  return safely(() => {
    if (!(error instanceof Error)) return describeValue(error);
    const text = error.stack ?? error.message;
    return typeof text === 'string' ? text : `${error.name}: ${describeValue(text)}`;
  });
}

function safely(describe: () => string): string {
  try {
    return describe();
  } catch {
    // A proxy or a getter that throws: say so instead of failing to report.
    return 'a value that cannot be described';
  }
}
