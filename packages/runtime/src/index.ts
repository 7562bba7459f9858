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
export { type GetOptions, newObjectGraph, ObjectGraph, type ObjectGraphOptions } from './object-graph.js';
export {
  PROTOTYPE,
  PrototypeScope,
  type Scope,
  type ScopeId,
  SINGLETON,
  SingletonScope,
  UNSCOPED,
} from './scopes/scope.js';
