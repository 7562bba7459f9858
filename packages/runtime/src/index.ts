export {
  type AnyClass,
  type ClassMetadata,
  getClassMetadata,
  loadedClasses,
  type ParamKind,
  type ParamMetadata,
  type SourceLocation,
} from './class-metadata.js';
