/**
 * What a binding is once collected: its key, scope, where its values come from and how they end.
 * Every layer above reads bindings through this shape.
 */
import type { BindingKey } from '../core/binding-key.js';
import type { ScopeId } from '../core/scope-ids.js';
import type { Disposer } from '../lifetime/disposal.js';
import type { AnyClass } from '../metadata/class-metadata.js';
import type { BindingSpec } from './binding-spec.js';

/** Where a binding's values come from. */
export type BindingSource =
  | { kind: 'class'; cls: AnyClass }
  | { kind: 'instance'; value: unknown }
  | { kind: 'provider'; fn: () => unknown }
  | { kind: 'method'; spec: BindingSpec; methodName: string; owner: AnyClass }
  | { kind: 'scopeValue'; scopeId: ScopeId };

export interface Binding {
  key: BindingKey;
  explicit: boolean;
  scopeId: ScopeId;
  target: BindingSource;
  /** The key the scope memoizes under: per class and scope for `toClass`, else the binding key. */
  memoKey: BindingKey;
  /** `class Foo (src/foo.ts:3:14)`, `bind("port") at src/spec.ts:5:5`, …: for messages. */
  description: string;
  dispose?: Disposer;
}

/** The outcome of looking a key up. */
export type Lookup = { binding: Binding } | { ambiguous: readonly Binding[] } | undefined;
