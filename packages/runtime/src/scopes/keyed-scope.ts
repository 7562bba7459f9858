import { throwCollected } from '../disposal.js';
import { WrongArgTypeError } from '../errors.js';
import { closeStore, closeStoreSync, Frame, type FrameOptions, FrameScope, type FrameStore } from './frames.js';
import type { ScopeId } from './scope.js';

/** Options of `KeyedScope`. */
export interface KeyedScopeOptions {
  /** A key idle this long since its last frame ended expires and its objects are disposed. Default: never. */
  ttlMs?: number;
  /** Beyond this many keys, the least recently used idle key is evicted when a new key is created. Default: no limit. */
  maxEntries?: number;
  /**
   * Receives errors of disposals nobody awaits (expiry and eviction). Default: a process warning.
   */
  onDisposeError?: (error: unknown, key: unknown) => void;
}

/** What `KeyedScope.metrics()` reports, counting keys. */
export interface KeyedScopeMetrics {
  /** Keys held now. */
  active: number;
  /** Keys created, counting a key again when it is created anew after expiring or being evicted. */
  created: number;
  expired: number;
  evicted: number;
}

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
 * from concurrent requests. Keys idle for `ttlMs` expire; beyond `maxEntries` the least recently
 * used idle key is evicted; both are disposed.
 */
export class KeyedScope extends FrameScope {
  private readonly entries = new Map<unknown, KeyEntry>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly onDisposeError: (error: unknown, key: unknown) => void;
  private created = 0;
  private expired = 0;
  private evicted = 0;

  constructor(options: KeyedScopeOptions = {}) {
    super();
    this.ttlMs = positive('ttlMs', options.ttlMs);
    this.maxEntries = positive('maxEntries', options.maxEntries);
    this.onDisposeError =
      options.onDisposeError ??
      ((error, key) => process.emitWarning(`disposing the objects of key ${String(key)} failed: ${describe(error)}`));
  }

  /** Counts of keys: held now, created, expired and evicted. */
  metrics(): KeyedScopeMetrics {
    return { active: this.entries.size, created: this.created, expired: this.expired, evicted: this.evicted };
  }

  /** @internal */
  open(parent: Frame | undefined, options: FrameOptions | undefined, where: () => string): Frame {
    const key = options?.key;
    if (key === undefined) {
      throw new WrongArgTypeError('options.key', 'the key of a keyed scope (e.g. a session id)', 'undefined', where());
    }
    let entry = this.entries.get(key);
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
    if (entry.timer !== undefined) {
      clearTimeout(entry.timer);
      entry.timer = undefined;
    }
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
    mine.idleSince = Date.now();
    // Least recently used counts from when a key was last left, not entered.
    if (this.entries.get(key) === mine) {
      this.entries.delete(key);
      this.entries.set(key, mine);
    }
    if (Number.isFinite(this.ttlMs)) {
      mine.timer = setTimeout(() => {
        mine.timer = undefined;
        if (this.entries.get(key) === mine && mine.frames === 0) this.drop(key, mine, 'expired');
      }, this.ttlMs);
      mine.timer.unref?.();
    }
    return undefined;
  }

  private isExpired(entry: KeyEntry): boolean {
    return Number.isFinite(this.ttlMs) && Date.now() - entry.idleSince >= this.ttlMs;
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
    closeStore(entry).catch((error: unknown) => this.onDisposeError(error, key));
  }

  private stopTimer(entry: KeyEntry): void {
    if (entry.timer !== undefined) clearTimeout(entry.timer);
    entry.timer = undefined;
  }
}

function positive(name: string, value: number | undefined): number {
  if (value === undefined) return Number.POSITIVE_INFINITY;
  if (typeof value !== 'number' || !(value > 0)) {
    throw new WrongArgTypeError(`KeyedScope({ ${name} })`, 'a positive number', String(value));
  }
  return value;
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
