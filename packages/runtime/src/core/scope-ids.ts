/**
 * Scope ids: `SINGLETON`, `PROTOTYPE`, `UNSCOPED`, and how messages show an id.
 */
import { describeValue } from './values.js';

/** A scope's id: the key it has in `idToScope`, and what `inScope` names. */
export type ScopeId = string | symbol;

/** The default scope: one instance per binding per graph. */
export const SINGLETON: ScopeId = 'singleton';
/** A new instance every time the binding is injected. */
export const PROTOTYPE: ScopeId = 'prototype';
/** The pseudo-scope of the code that calls `graph.provide()` / `graph.get()`. */
export const UNSCOPED: ScopeId = 'unscoped';

/** A scope id as messages show it; never throws, whatever JavaScript callers passed as an id. */
export function describeScope(id: ScopeId): string {
  if (typeof id === 'symbol') return id.toString();
  return typeof id === 'string' ? JSON.stringify(id) : describeValue(id);
}
