export { BindingKey } from './binding-key.js';
export {
  type Bind,
  BindingSpec,
  type BindingTarget,
  type Disposer,
  type Require,
  type ToClassOptions,
  type ToProviderOptions,
} from './binding-spec.js';
export {
  type AnyClass,
  type ClassMetadata,
  getClassMetadata,
  loadedClasses,
  type ParamKind,
  type ParamMetadata,
  type SourceLocation,
} from './class-metadata.js';
export {
  annotateArg,
  type InjectOptions,
  inject,
  type PinionDecorator,
  type ProvidesOptions,
  provides,
} from './decorators.js';
export * from './errors.js';
export { defaultGetArgNamesFromClassName, defaultGetArgNamesFromProviderFnName } from './naming.js';
export {
  type GetOptions,
  newObjectGraph,
  ObjectGraph,
  type ObjectGraphOptions,
  type ScopeFrame,
  type ScopeFrameOptions,
} from './object-graph.js';
export { ContextScope } from './scopes/context-scope.js';
export type { FrameValues } from './scopes/frames.js';
export { KeyedScope, type KeyedScopeMetrics, type KeyedScopeOptions } from './scopes/keyed-scope.js';
export {
  PROTOTYPE,
  PrototypeScope,
  type Scope,
  type ScopeId,
  SINGLETON,
  SingletonScope,
  UNSCOPED,
} from './scopes/scope.js';
export { scopeOrder } from './scopes/scope-order.js';
