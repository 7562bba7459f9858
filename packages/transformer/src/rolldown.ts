import type { RolldownPlugin } from 'unplugin';
import { pinionUnplugin } from './bundlers/unplugin.js';
import type { PinionPluginOptions } from './files/selection.js';

export type { PinionPluginOptions } from './files/selection.js';

/**
 * The Rolldown plugin: annotates every class of the modules Rolldown loads (not those in
 * `node_modules` unless `includeNodeModules: true`, never `@pinion/runtime`) with its name,
 * constructor parameters and location, for `@pinion/runtime` to wire by argument name.
 *
 * ```js
 * // rolldown.config.mjs
 * import { pinionRolldown } from '@pinion/transformer/rolldown';
 * import { defineConfig } from 'rolldown';
 *
 * export default defineConfig({
 *   input: 'src/main.ts',
 *   transform: { decorator: { legacy: true } }, // only with decorators: oxc cannot lower standard ones yet
 *   plugins: [pinionRolldown()],
 * });
 * ```
 *
 * Rolldown strips TypeScript itself after the plugins' transforms, so Pinion reads the `.ts` source.
 * Warnings go to Rolldown's `onwarn`/`onLog`.
 */
export const pinionRolldown: (options?: PinionPluginOptions) => RolldownPlugin = pinionUnplugin.rolldown;

export default pinionRolldown;
