/**
 * The `Scope` interface any scope object implements, and the built-in `SingletonScope` and
 * `PrototypeScope`.
 */
import type { BindingKey } from '../core/binding-key.js';

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
