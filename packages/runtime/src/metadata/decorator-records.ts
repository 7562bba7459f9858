/**
 * What Pinion's decorators record, and where. Each record is an own property under a
 * `Symbol.for` key on the class or the method function, so the ESM and CommonJS builds of this
 * package read each other's records, and the same facts can be written without decorators.
 */
import type { ScopeId } from '../core/scope-ids.js';

export interface InjectRecord {
  argNames?: readonly string[];
  allExcept?: readonly string[];
  location: string;
}

export interface ProvidesRecord {
  name?: string;
  annotatedWith?: unknown;
  inScope?: ScopeId;
  location: string;
}

export interface AnnotationsRecord {
  /** Parameter name → annotation. */
  byArg: Map<string, unknown>;
  location: string;
}

const INJECT = Symbol.for('pinion.inject');
const PROVIDES = Symbol.for('pinion.provides');
const ANNOTATIONS = Symbol.for('pinion.annotations');

type Holder = object;

/**
 * Counts the records ever written, by this copy of the package or by any other that shares the
 * counter through `globalThis` (the ESM and CommonJS builds): what caches of per-class facts
 * compare to know that no class has gained or changed a record since they were filled.
 */
const WRITTEN = Symbol.for('pinion.recordsWritten');
const shared = globalThis as { [WRITTEN]?: { count: number } };
shared[WRITTEN] ??= { count: 0 };
const written = shared[WRITTEN];

/** Changes whenever a record is written on any class, method or function. */
export const recordsWritten = (): number => written.count;

/**
 * The one staleness rule of what is kept between graphs (class indexes, class facts, walks):
 * whatever was read when `recordsWritten()` was `count` still holds while no record has been
 * written since.
 */
export const noRecordWrittenSince = (count: number): boolean => written.count === count;

function own<T>(holder: Holder, key: symbol): T | undefined {
  return Object.hasOwn(holder, key) ? (holder as Record<symbol, T>)[key] : undefined;
}

function record(holder: Holder, key: symbol, value: unknown): void {
  Object.defineProperty(holder, key, { value, configurable: true, writable: true });
  written.count++;
}

export const getInjectRecord = (cls: Holder) => own<InjectRecord>(cls, INJECT);
export const setInjectRecord = (cls: Holder, value: InjectRecord) => record(cls, INJECT, value);
export const getProvidesRecord = (fn: Holder) => own<ProvidesRecord>(fn, PROVIDES);
export const setProvidesRecord = (fn: Holder, value: ProvidesRecord) => record(fn, PROVIDES, value);
export const getAnnotationsRecord = (holder: Holder) => own<AnnotationsRecord>(holder, ANNOTATIONS);
export const setAnnotationsRecord = (holder: Holder, value: AnnotationsRecord) => record(holder, ANNOTATIONS, value);
