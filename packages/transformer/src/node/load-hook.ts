import { fileURLToPath } from 'node:url';
import { createFileSelector } from '../files/selection.js';
import { annotateModule } from './annotate-module.js';

/** What a `load` hook returns (the fields Pinion reads; others pass through untouched). */
export interface LoadResult {
  format?: string | null;
  source?: string | ArrayBuffer | ArrayBufferView | null;
  shortCircuit?: boolean;
}

/**
 * The formats whose source is JavaScript or TypeScript. Node ≥ 22.18 hands TypeScript over as
 * `module-typescript`/`commonjs-typescript` and strips the types after the hooks ran; stripping
 * replaces types with blanks, so positions found in the TypeScript stay right.
 */
const CODE_FORMATS = new Set(['module', 'commonjs', 'module-typescript', 'commonjs-typescript']);

/**
 * The bundler plugins' rule: TypeScript and JavaScript files outside node_modules that are not
 * `@pinion/runtime`'s (a linked runtime loads from its real path, outside node_modules).
 */
const selects = createFileSelector();

/**
 * The body of Pinion's `load` hook, the same in-thread (`module.registerHooks`) and off-thread
 * (`module.register`): annotates what the rest of the chain loaded. A `commonjs` result without
 * source (Node's off-thread default, kept so `require` keeps its full API) is left to the
 * CommonJS loader, where Pinion's `Module.prototype._compile` hook annotates it.
 */
export function annotateLoadResult<Result extends LoadResult>(url: string, result: Result): Result {
  if (!url.startsWith('file:') || result.source == null || !CODE_FORMATS.has(result.format ?? '')) return result;
  const path = fileURLToPath(url);
  if (!selects(path)) return result;
  const code = sourceText(result.source);
  const annotated = annotateModule(code, path);
  return annotated === code ? result : { ...result, source: annotated };
}

/** Selection by path, shared with the CommonJS hook so both apply the same rule. */
export function selectsPath(path: string): boolean {
  return selects(path);
}

const decoder = new TextDecoder();

function sourceText(source: string | ArrayBuffer | ArrayBufferView): string {
  if (typeof source === 'string') return source;
  const bytes = ArrayBuffer.isView(source)
    ? new Uint8Array(source.buffer, source.byteOffset, source.byteLength)
    : new Uint8Array(source);
  return decoder.decode(bytes);
}
