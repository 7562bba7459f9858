import { readFile } from 'node:fs/promises';
import type { Loader, Message, Plugin } from 'esbuild';
import { annotate } from './bundlers/annotate.js';
import type { TransformDiagnostic } from './core/diagnostics.js';
import { createFileSelector, DEFAULT_FILTER, type PinionPluginOptions } from './files/selection.js';

export type { PinionPluginOptions } from './files/selection.js';
/** @deprecated The options are the same for every bundler plugin: use {@link PinionPluginOptions}. */
export type PinionEsbuildOptions = PinionPluginOptions;

/**
 * The esbuild plugin: `esbuild.build({ plugins: [pinionEsbuild()] })`. Pinion's warnings appear
 * among esbuild's warnings, with file, line and column.
 */
export function pinionEsbuild(options: PinionPluginOptions = {}): Plugin {
  return {
    name: 'pinion',
    setup(build) {
      const sourceMap = Boolean(build.initialOptions.sourcemap);
      const loaders = build.initialOptions.loader ?? {};
      const selects = createFileSelector(options);
      // Its own onLoad rather than unplugin's esbuild adapter: esbuild's filter runs natively in Go,
      // so files outside it never reach JavaScript. Only real files: a path in another plugin's
      // namespace is nothing `readFile` can read.
      build.onLoad({ filter: options.filter ?? DEFAULT_FILTER, namespace: 'file' }, async (args) => {
        if (!selects(args.path)) return undefined;
        const code = await readFile(args.path, 'utf8');
        const result = annotate(code, args.path, options.root, sourceMap);
        const contents = result.map ? `${result.code}\n//# sourceMappingURL=${result.map.toUrl()}\n` : result.code;
        const warnings = result.diagnostics.map((d) => toMessage(d, args.path, code));
        return { contents, loader: loaderFor(args.path, loaders), warnings };
      });
    },
  };
}

export default pinionEsbuild;

function loaderFor(path: string, configured: Record<string, Loader>): Loader {
  const extension = /\.[^./\\]+$/.exec(path)?.[0] ?? '';
  if (configured[extension]) return configured[extension];
  if (/^\.[cm]?ts$/.test(extension)) return 'ts';
  if (extension === '.tsx') return 'tsx';
  if (extension === '.jsx') return 'jsx';
  return 'js';
}

/**
 * esbuild prints the location itself (relative to its working directory when given the absolute
 * path) with the line's text, so the message drops its own `file:line:column: ` prefix. esbuild
 * keeps no custom message id: the code leads the text, and `detail` holds the whole diagnostic.
 */
function toMessage(d: TransformDiagnostic, path: string, code: string): Partial<Message> {
  const prefix = `${d.file}:${d.line}:${d.column}: `;
  const lineStart = d.start - (d.column - 1);
  const lineEnd = code.slice(lineStart).search(/\r?\n|\r|\u2028|\u2029/);
  const lineText = code.slice(lineStart, lineEnd < 0 ? undefined : lineStart + lineEnd);
  // esbuild counts columns and lengths in UTF-8 bytes; TypeScript in UTF-16 code units.
  const before = lineText.slice(0, d.column - 1);
  const span = lineText.slice(d.column - 1, d.column - 1 + d.length);
  return {
    text: `${d.code}: ${d.message.startsWith(prefix) ? d.message.slice(prefix.length) : d.message}`,
    detail: d,
    location: {
      file: path,
      line: d.line,
      column: Buffer.byteLength(before),
      length: Buffer.byteLength(span),
      lineText,
      namespace: 'file',
      suggestion: '',
    },
  };
}
