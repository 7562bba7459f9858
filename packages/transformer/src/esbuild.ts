import { readFile } from 'node:fs/promises';
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
      build.onLoad({ filter: options.filter ?? DEFAULT_FILTER }, async (args) => {
        if (!options.includeNodeModules && NODE_MODULES.test(args.path)) return undefined;
        const code = await readFile(args.path, 'utf8');
        const result = transform(code, args.path, { root: options.root, typescript: options.typescript, sourceMap });
        const contents = result.map ? `${result.code}\n//# sourceMappingURL=${result.map.toUrl()}\n` : result.code;
        return { contents, loader: loaderFor(args.path, loaders), warnings: result.diagnostics.map(toMessage) };
      });
    },
  };
}

function loaderFor(path: string, configured: Record<string, Loader>): Loader {
  const extension = /\.[^./\\]+$/.exec(path)?.[0] ?? '';
  if (configured[extension]) return configured[extension];
  if (/^\.[cm]?ts$/.test(extension)) return 'ts';
  if (extension === '.tsx') return 'tsx';
  if (extension === '.jsx') return 'jsx';
  return 'js';
}

function toMessage(d: TransformDiagnostic): Partial<Message> {
  return {
    id: d.code,
    text: d.message,
    location: {
      file: d.file,
      line: d.line,
      column: d.column - 1,
      length: d.length,
      lineText: '',
      namespace: 'file',
      suggestion: '',
    },
  };
}
