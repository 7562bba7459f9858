import { dirname, isAbsolute, resolve } from 'node:path';
import type TS from 'typescript';
import type { TransformDiagnostic } from './core/diagnostics.js';
import { pinionTransformer } from './typescript/transformer.js';

/** Options given in tsconfig next to `"transform": "@pinion/transformer/tsc"`. */
export interface PinionTscPluginConfig {
  /** Folder that locations are relative to; a relative path is taken from the tsconfig's folder. */
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
 * Warnings appear among tsc's own diagnostics, as warnings (`warning TS990001`). Note that tsc
 * counts every diagnostic, warnings included, in its exit status: it still writes every output,
 * and exits with 2 ("diagnostics present, outputs generated").
 */
export default function pinionTscPlugin(
  program: TS.Program,
  config: PinionTscPluginConfig = {},
  extras?: TspExtras,
): TS.TransformerFactory<TS.SourceFile> {
  const ts = extras?.ts;
  return pinionTransformer({
    root: rootOf(program, config.root),
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
              messageText: `${d.code}: ${withoutLocation(d)}`,
            })
        : undefined,
  });
}

/** Paths in tsconfig are relative to the tsconfig, not to the folder tsc runs in. */
function rootOf(program: TS.Program | undefined, root: string | undefined): string | undefined {
  if (root === undefined || isAbsolute(root)) return root;
  const configFile = program?.getCompilerOptions().configFilePath;
  return typeof configFile === 'string' ? resolve(dirname(configFile), root) : root;
}

/** tsc prints the file, line and column itself: drop the message's own `file:line:column: ` prefix. */
function withoutLocation(d: TransformDiagnostic): string {
  const prefix = `${d.file}:${d.line}:${d.column}: `;
  return d.message.startsWith(prefix) ? d.message.slice(prefix.length) : d.message;
}
