/**
 * What Pinion's decorators record, and where. Each record is an own property under a
 * `Symbol.for` key on the class or the method function, so the ESM and CommonJS builds of this
 * package read each other's records, and the same facts can be written without decorators.
 */
import type { ScopeId } from './scopes/scope.js';

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

function own<T>(holder: Holder, key: symbol): T | undefined {
  return Object.hasOwn(holder, key) ? (holder as Record<symbol, T>)[key] : undefined;
}

function record(holder: Holder, key: symbol, value: unknown): void {
  Object.defineProperty(holder, key, { value, configurable: true, writable: true });
}

export const getInjectRecord = (cls: Holder) => own<InjectRecord>(cls, INJECT);
export const setInjectRecord = (cls: Holder, value: InjectRecord) => record(cls, INJECT, value);
export const getProvidesRecord = (fn: Holder) => own<ProvidesRecord>(fn, PROVIDES);
export const setProvidesRecord = (fn: Holder, value: ProvidesRecord) => record(fn, PROVIDES, value);
export const getAnnotationsRecord = (holder: Holder) => own<AnnotationsRecord>(holder, ANNOTATIONS);
export const setAnnotationsRecord = (holder: Holder, value: AnnotationsRecord) => record(holder, ANNOTATIONS, value);
