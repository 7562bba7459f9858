import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Options shared by every bundler plugin (esbuild, Vite, Rollup, Rolldown, webpack, Rspack, Bun). */
export interface PinionPluginOptions {
  /** Folder that locations are relative to. Default: the nearest folder with a `package.json`. */
  root?: string;
  /**
   * Which files to annotate, tested against the file's path without its query string
   * (default: `.ts .tsx .mts .cts .js .jsx .mjs .cjs`).
   */
  filter?: RegExp;
  /** Also annotate files under `node_modules` (default `false`). */
  includeNodeModules?: boolean;
}

/** TypeScript and JavaScript sources, whatever their module flavour. */
export const DEFAULT_FILTER = /\.[cm]?[jt]sx?$/;
export const NODE_MODULES = /[\\/]node_modules[\\/]/;
/** Pinion's own runtime: its classes are not for injection, so they never join the class list. */
const RUNTIME_PACKAGE = '@pinion/runtime';

/**
 * The path of a module id as bundlers hand it over: Vite and webpack append queries
 * (`file.ts?v=123`, `?raw`) that are no part of the file's name.
 */
export function pathOfId(id: string): string {
  const query = id.indexOf('?');
  return query < 0 ? id : id.slice(0, query);
}

/**
 * Decides, once per module, whether a plugin annotates it: the rule every plugin shares. Each call
 * makes its own cache of `package.json` names, so a plugin instance (one build, one watch session)
 * reads each folder's manifest once.
 */
export function createFileSelector(options: PinionPluginOptions = {}): (path: string) => boolean {
  const filter = options.filter ?? DEFAULT_FILTER;
  const packageNames = new Map<string, string | undefined>();
  return (path) => {
    // `\0` marks a virtual module (Rollup's convention): another plugin's code, not a file.
    if (path.startsWith('\0') || !filter.test(path)) return false;
    if (!options.includeNodeModules && NODE_MODULES.test(path)) return false;
    // Linked (workspace, `npm link`) packages arrive by their real path, outside node_modules.
    return packageNameOf(dirname(path), packageNames) !== RUNTIME_PACKAGE;
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
