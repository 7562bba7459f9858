import type { VitePlugin } from 'unplugin';
import { pinionUnplugin } from './bundlers/unplugin.js';
import type { PinionPluginOptions } from './files/selection.js';

export type { PinionPluginOptions } from './files/selection.js';

/**
 * The Vite and Vitest plugin: annotates every class of the modules Vite loads (not those in
 * `node_modules` unless `includeNodeModules: true`, never `@pinion/runtime`) with its name,
 * constructor parameters and location, for `@pinion/runtime` to wire by argument name.
 *
 * ```ts
 * // vite.config.ts (Vitest reads it too)
 * import { pinionVite } from '@pinion/transformer/vite';
 * import { defineConfig } from 'vite';
 *
 * export default defineConfig({
 *   plugins: [pinionVite()],
 *   oxc: { decorator: { legacy: true } }, // only with decorators: oxc cannot lower standard ones yet
 * });
 * ```
 *
 * The plugin is `enforce: 'pre'`: it sees each TypeScript file before Vite strips its types, so
 * locations name the `.ts` source. Warnings appear among Vite's (Rollup-style) warnings.
 */
export const pinionVite: (options?: PinionPluginOptions) => VitePlugin = pinionUnplugin.vite;

export default pinionVite;
