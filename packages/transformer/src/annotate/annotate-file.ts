import { readFileSync, writeFileSync } from 'node:fs';
import type { TransformDiagnostic } from '../core/diagnostics.js';
import { transform } from '../core/transform.js';
import {
  type EncodedSourceMap,
  type LinkedSourceMap,
  readLinkedSourceMap,
  writeChainedSourceMap,
} from './source-map.js';

/** What annotating one emitted file did. */
export interface FileOutcome {
  /** Absolute path of the file. */
  file: string;
  /** Whether the file was rewritten (`false`: no class, or every class already annotated). */
  annotated: boolean;
  /** How many classes received metadata. */
  classes: number;
  /** Pinion's warnings about the file's classes (their messages start with `file:line:column`). */
  diagnostics: TransformDiagnostic[];
  /** Problems with the file's source map (messages without the file's name): it was annotated all the same, its locations naming the `.js`. */
  warnings: string[];
}

/** The transform could not run on a file (as opposed to a warning about its code): the run fails. */
export class AnnotateError extends Error {
  constructor(
    readonly file: string,
    cause: unknown,
  ) {
    super(`cannot annotate ${file}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'AnnotateError';
  }
}

/**
 * Annotates one emitted file in place. Its source map (a `.map` file or inline) is handed to the
 * transform, so that each class's location names its line in the original `.ts` source, and the
 * map is rewritten to lead from the annotated file back to those sources.
 *
 * Already-annotated files are recognised by the transform itself: it leaves annotated classes
 * alone, so a second run returns the text unchanged and nothing is written. No marker comment is
 * needed, and a file that a compiler rewrote since (tsc `--incremental`) is annotated afresh.
 */
export function annotateFile(file: string, root: string): FileOutcome {
  const code = readFileSync(file, 'utf8');
  const warnings: string[] = [];
  let linked: LinkedSourceMap | undefined;
  try {
    linked = readLinkedSourceMap(file, code);
  } catch (error) {
    warnings.push(`${(error as Error).message}; its classes' locations name the JavaScript file instead`);
  }
  let result: ReturnType<typeof transform>;
  try {
    result = transform(code, file, { root, sourceMap: linked !== undefined, inputSourceMap: linked?.map });
  } catch (error) {
    // The transform never throws on user code: this is the transform unable to run at all
    // (its parser failed to load, say), which must fail the build rather than leave it unannotated.
    throw new AnnotateError(file, error);
  }
  const outcome: FileOutcome = { file, annotated: false, classes: 0, diagnostics: result.diagnostics, warnings };
  if (result.code === code) return outcome;
  let output = result.code;
  if (linked && result.map) {
    // The map first: should the process stop in between, the next run re-annotates the old code.
    output = writeChainedSourceMap(file, output, linked, toEncodedMap(result.map));
  }
  writeFileSync(file, output);
  return { ...outcome, annotated: true, classes: countClassBlocks(output) - countClassBlocks(code) };
}

/** The transform's map as plain JSON, whatever object holds it. */
function toEncodedMap(map: unknown): EncodedSourceMap {
  return (typeof map === 'string' ? JSON.parse(map) : JSON.parse(JSON.stringify(map))) as EncodedSourceMap;
}

/**
 * The class elements the transform inserts (`; static { __pinion(this, …`, see core/render.ts),
 * counted before and after: the transform reports no count of its own.
 */
const CLASS_BLOCK = /; static \{ __pinion\d*\(this, /g;

function countClassBlocks(text: string): number {
  return text.match(CLASS_BLOCK)?.length ?? 0;
}
