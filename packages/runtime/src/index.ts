/**
 * `@pinion/runtime`: the object graph, binding specs, decorators, scopes and errors. Imports no
 * Node module, so it runs in any JavaScript runtime.
 */
export {
  type Bind,
  BindingSpec,
  type BindingTarget,
  type Disposer,
  type Require,
  type ToClassOptions,
  type ToProviderOptions,
} from './bindings/binding-spec.js';
export { BindingKey } from './core/binding-key.js';
export * from './core/errors.js';
export { PROTOTYPE, type ScopeId, SINGLETON, UNSCOPED } from './core/scope-ids.js';
export {
  type GetOptions,
  newObjectGraph,
  ObjectGraph,
  type ObjectGraphOptions,
  type ScopeFrame,
  type ScopeFrameOptions,
} from './graph/object-graph.js';
export { ContextScope } from './lifetime/context-scope.js';
export type { FrameValues } from './lifetime/frames.js';
export { KeyedScope, type KeyedScopeMetrics, type KeyedScopeOptions } from './lifetime/keyed-scope.js';
export { PrototypeScope, type Scope, SingletonScope } from './lifetime/scope.js';
export { scopeOrder } from './lifetime/scope-order.js';
export {
  type AnyClass,
  type ClassMetadata,
  getClassMetadata,
  loadedClasses,
  type ParamKind,
  type ParamMetadata,
  type SourceLocation,
} from './metadata/class-metadata.js';
export {
  annotateArg,
  type InjectOptions,
  inject,
  type PinionDecorator,
  type ProvidesOptions,
  provides,
} from './metadata/decorators.js';
export { defaultGetArgNamesFromClassName, defaultGetArgNamesFromProviderFnName } from './metadata/naming.js';
