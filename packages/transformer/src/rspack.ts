import type { RspackPluginInstance } from 'unplugin';
import { pinionUnplugin } from './bundlers/unplugin.js';
import type { PinionPluginOptions } from './files/selection.js';

export type { PinionPluginOptions } from './files/selection.js';

/**
 * The Rspack plugin: annotates every class of the modules Rspack loads (not those in
 * `node_modules` unless `includeNodeModules: true`, never `@pinion/runtime`) with its name,
 * constructor parameters and location, for `@pinion/runtime` to wire by argument name.
 *
 * ```js
 * // rspack.config.mjs
 * import { pinionRspack } from '@pinion/transformer/rspack';
 *
 * const swc = { jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { decoratorVersion: '2022-03' } } };
 * export default {
 *   entry: './src/main.ts',
 *   module: { rules: [{ test: /\.ts$/, loader: 'builtin:swc-loader', options: swc }] },
 *   plugins: [pinionRspack()],
 * };
 * ```
 *
 * Pinion's loader is added as a pre-loader (`enforce: 'pre'`), so it reads the `.ts` source before
 * `builtin:swc-loader` compiles it. Warnings appear among the compilation's.
 */
export const pinionRspack: (options?: PinionPluginOptions) => RspackPluginInstance = pinionUnplugin.rspack;

export default pinionRspack;
