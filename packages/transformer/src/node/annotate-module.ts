import { type TransformResult, transform } from '../core/transform.js';
import { readIncomingSourceMap, withInlineSourceMap } from './inline-map.js';
import { messageOf, printDiagnostics, printWarning } from './report.js';

/**
 * Annotates one module's code as Node is about to run it, whatever produced it: the file itself,
 * tsx's esbuild output (with its inline source map), or TypeScript that Node will strip. Each
 * class's location is traced back through the map the code arrived with, so it names the
 * original source; the returned code carries the chained map inline, so stack traces do too.
 * Returns `code` itself when nothing changed.
 *
 * Throws when the transform itself cannot run: loading the module unannotated would fail later,
 * far from the cause, with `MissingMetadataError`.
 */
export function annotateModule(code: string, path: string): string {
  const incoming = readIncomingSourceMap(code, path);
  if (incoming.problem) printWarning(`${path}:1:1: ${incoming.problem}; Pinion's locations name this file instead`);
  let result: TransformResult;
  try {
    result = transform(incoming.code, path, { sourceMap: true, inputSourceMap: incoming.map });
  } catch (cause) {
    throw new Error(
      `@pinion/transformer/register could not annotate ${path}: ${messageOf(cause)}. The transform itself failed ` +
        '(this is not a problem in your code); the module is not loaded, because without its metadata ' +
        '@pinion/runtime could not inject its classes.',
      { cause },
    );
  }
  printDiagnostics(result.diagnostics);
  return result.map ? withInlineSourceMap(result.code, result.map) : code;
}
