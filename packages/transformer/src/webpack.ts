import type { WebpackPluginInstance } from 'unplugin';
import { pinionUnplugin } from './bundlers/unplugin.js';
import type { PinionPluginOptions } from './files/selection.js';

export type { PinionPluginOptions } from './files/selection.js';

/**
 * The webpack plugin: annotates every class of the modules webpack loads (not those in
 * `node_modules` unless `includeNodeModules: true`, never `@pinion/runtime`) with its name,
 * constructor parameters and location, for `@pinion/runtime` to wire by argument name.
 *
 * ```js
 * // webpack.config.cjs
 * const { pinionWebpack } = require('@pinion/transformer/webpack');
 *
 * module.exports = {
 *   entry: './src/main.ts',
 *   resolve: { extensions: ['.ts', '.js'], extensionAlias: { '.js': ['.ts', '.js'] } },
 *   module: { rules: [{ test: /\.ts$/, loader: 'ts-loader', options: { transpileOnly: true } }] },
 *   plugins: [pinionWebpack()],
 * };
 * ```
 *
 * Pinion's loader is added as a pre-loader (`enforce: 'pre'`), so it reads the `.ts` source before
 * ts-loader (or esbuild-loader, swc-loader) compiles it. Warnings appear among the compilation's.
 */
export const pinionWebpack: (options?: PinionPluginOptions) => WebpackPluginInstance = pinionUnplugin.webpack;

export default pinionWebpack;
