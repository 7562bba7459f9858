import type TS from 'typescript';
import { pinionTransformer } from './typescript-transformer.js';

/** Options given in tsconfig next to `"transform": "@pinion/transformer/tsc"`. */
export interface PinionTscPluginConfig {
  root?: string;
}

/** What ts-patch passes as the third argument of a program transformer. */
export interface TspExtras {
  ts: typeof TS;
  addDiagnostic?: (diagnostic: TS.Diagnostic) => number;
}

/** Diagnostic code under which the ts-patch plugin reports Pinion's warnings. */
export const PINION_TS_DIAGNOSTIC_CODE = 990001;

/**
 * The ts-patch plugin: `"plugins": [{ "transform": "@pinion/transformer/tsc" }]` in tsconfig.
 * Warnings appear among tsc's own diagnostics, as warnings.
 */
export default function pinionTscPlugin(
  _program: TS.Program,
  config: PinionTscPluginConfig = {},
  extras?: TspExtras,
): TS.TransformerFactory<TS.SourceFile> {
  const ts = extras?.ts;
  return pinionTransformer({
    root: config.root,
    typescript: ts,
    onDiagnostic:
      ts && extras?.addDiagnostic
        ? (d, sourceFile) =>
            extras.addDiagnostic?.({
              category: ts.DiagnosticCategory.Warning,
              code: PINION_TS_DIAGNOSTIC_CODE,
              file: sourceFile,
              start: d.start,
              length: d.length,
              messageText: `${d.code}: ${d.message}`,
            })
        : undefined,
  });
}
