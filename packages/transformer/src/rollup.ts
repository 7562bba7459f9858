import type { RollupPlugin } from 'unplugin';
import { pinionUnplugin } from './bundlers/unplugin.js';
import type { PinionPluginOptions } from './files/selection.js';

export type { PinionPluginOptions } from './files/selection.js';

/**
 * The Rollup plugin: annotates every class of the modules Rollup loads (not those in
 * `node_modules` unless `includeNodeModules: true`, never `@pinion/runtime`) with its name,
 * constructor parameters and location, for `@pinion/runtime` to wire by argument name.
 *
 * ```js
 * // rollup.config.mjs
 * import { nodeResolve } from '@rollup/plugin-node-resolve';
 * import { pinionRollup } from '@pinion/transformer/rollup';
 * import esbuild from 'rollup-plugin-esbuild';
 *
 * export default { input: 'src/main.ts', output: { dir: 'dist' }, plugins: [pinionRollup(), nodeResolve(), esbuild()] };
 * ```
 *
 * Rollup runs plugins in the order listed and knows no `enforce`: list Pinion before the plugin
 * that compiles TypeScript, so that it reads the `.ts` source. Warnings go to Rollup's `onwarn`.
 */
export const pinionRollup: (options?: PinionPluginOptions) => RollupPlugin = pinionUnplugin.rollup;

export default pinionRollup;
