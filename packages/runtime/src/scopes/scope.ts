import { type BindingKey, describeValue } from '../binding-key.js';

/** A scope's id: the key it has in `idToScope`, and what `inScope` names. */
export type ScopeId = string | symbol;

/** The default scope: one instance per binding per graph. */
export const SINGLETON: ScopeId = 'singleton';
/** A new instance every time the binding is injected. */
export const PROTOTYPE: ScopeId = 'prototype';
/** The pseudo-scope of the code that calls `graph.provide()` / `graph.get()`. */
export const UNSCOPED: ScopeId = 'unscoped';

/**
 * Anything with this method is a scope (SPEC §6): it decides whether `createFn` runs or an
 * existing object for `bindingKey` is returned.
 */
export interface Scope {
  provide<T>(bindingKey: BindingKey, createFn: () => T): T;
}

/** One object per binding key, for as long as the scope object lives. */
export class SingletonScope implements Scope {
  private readonly instances = new Map<BindingKey, unknown>();

  provide<T>(bindingKey: BindingKey, createFn: () => T): T {
    if (this.instances.has(bindingKey)) return this.instances.get(bindingKey) as T;
    const instance = createFn();
    this.instances.set(bindingKey, instance);
    return instance;
  }
}

/** A new object every time. */
export class PrototypeScope implements Scope {
  provide<T>(_bindingKey: BindingKey, createFn: () => T): T {
    return createFn();
  }
}

/** A scope id as messages show it; never throws, whatever JavaScript callers passed as an id. */
export function describeScope(id: ScopeId): string {
  if (typeof id === 'symbol') return id.toString();
  return typeof id === 'string' ? JSON.stringify(id) : describeValue(id);
}
