import type { BunPlugin } from 'unplugin';
import { pinionUnplugin } from './bundlers/unplugin.js';
import type { PinionPluginOptions } from './files/selection.js';

export type { PinionPluginOptions } from './files/selection.js';

/**
 * The Bun plugin: annotates every class of the modules Bun loads (not those in
 * `node_modules` unless `includeNodeModules: true`, never `@pinion/runtime`) with its name,
 * constructor parameters and location, for `@pinion/runtime` to wire by argument name.
 *
 * ```ts
 * // build.ts, run with `bun build.ts`
 * import { pinionBun } from '@pinion/transformer/bun';
 *
 * await Bun.build({ entrypoints: ['src/main.ts'], outdir: 'dist', target: 'node', plugins: [pinionBun()] });
 * ```
 *
 * It runs in Bun only (it uses Bun's plugin API). Bun has no warning list for plugins: Pinion's
 * warnings are printed to standard error. Bun does not chain plugins' source maps yet
 * (oven-sh/bun#6173): lines map back exactly, columns past a class's closing brace do not.
 */
export const pinionBun: (options?: PinionPluginOptions) => BunPlugin = pinionUnplugin.bun;

export default pinionBun;
