export type { DiagnosticCode, TransformDiagnostic } from './core/diagnostics.js';
export type { ClassMetadata, ParamKind, ParamMetadata, SourceLocation } from './core/metadata.js';
export { type TransformOptions, type TransformResult, transform } from './core/transform.js';
export { type PinionTransformerOptions, pinionTransformer } from './typescript-transformer.js';
