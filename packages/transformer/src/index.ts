export type { DiagnosticCode, TransformDiagnostic } from './core/diagnostics.js';
export type { ClassMetadata, ParamKind, ParamMetadata, SourceLocation } from './core/metadata.js';
export {
  type InputSourceMap,
  type TransformOptions,
  type TransformResult,
  type TransformSourceMap,
  transform,
} from './core/transform.js';
export { type PinionTransformerOptions, pinionTransformer } from './typescript/transformer.js';
