import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Loader, Message, Plugin } from 'esbuild';
import type TS from 'typescript';
import type { TransformDiagnostic } from './core/diagnostics.js';
import { transform } from './core/transform.js';

export interface PinionEsbuildOptions {
  /** Folder that locations are relative to. Default: the nearest folder with a `package.json`. */
  root?: string;
  /** Which files to annotate (default: `.ts .tsx .mts .cts .js .jsx .mjs .cjs`). */
  filter?: RegExp;
  /** Also annotate files under `node_modules` (default `false`). */
  includeNodeModules?: boolean;
  /** The TypeScript module to parse with. */
  typescript?: typeof TS;
}

const DEFAULT_FILTER = /\.[cm]?[jt]sx?$/;
const NODE_MODULES = /[\\/]node_modules[\\/]/;
/** Pinion's own runtime: its classes are not for injection, so they never join the class list. */
const RUNTIME_PACKAGE = '@pinion/runtime';

/**
 * The esbuild plugin: `esbuild.build({ plugins: [pinionEsbuild()] })`. Pinion's warnings appear
 * among esbuild's warnings, with file, line and column.
 */
export function pinionEsbuild(options: PinionEsbuildOptions = {}): Plugin {
  return {
    name: 'pinion',
    setup(build) {
      const sourceMap = Boolean(build.initialOptions.sourcemap);
      const loaders = build.initialOptions.loader ?? {};
      const packageNames = new Map<string, string | undefined>();
      // Only real files: a path in another plugin's namespace is nothing `readFile` can read.
      build.onLoad({ filter: options.filter ?? DEFAULT_FILTER, namespace: 'file' }, async (args) => {
        if (!options.includeNodeModules && NODE_MODULES.test(args.path)) return undefined;
        // Linked (workspace, `npm link`) packages arrive by their real path, outside node_modules.
        if (packageNameOf(dirname(args.path), packageNames) === RUNTIME_PACKAGE) return undefined;
        const code = await readFile(args.path, 'utf8');
        const result = transform(code, args.path, { root: options.root, typescript: options.typescript, sourceMap });
        const contents = result.map ? `${result.code}\n//# sourceMappingURL=${result.map.toUrl()}\n` : result.code;
        const warnings = result.diagnostics.map((d) => toMessage(d, args.path, code));
        return { contents, loader: loaderFor(args.path, loaders), warnings };
      });
    },
  };
}

/** The `name` of the nearest `package.json` at or above `directory` that has one. */
function packageNameOf(directory: string, cache: Map<string, string | undefined>): string | undefined {
  if (cache.has(directory)) return cache.get(directory);
  let name: string | undefined;
  try {
    const manifest = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')) as { name?: unknown };
    if (typeof manifest.name === 'string') name = manifest.name;
  } catch {
    // No (readable) package.json here: look further up.
  }
  const parent = dirname(directory);
  if (name === undefined && parent !== directory) name = packageNameOf(parent, cache);
  cache.set(directory, name);
  return name;
}

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
