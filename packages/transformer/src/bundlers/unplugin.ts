import {
  createUnplugin,
  type UnpluginBuildContext,
  type UnpluginContext,
  type UnpluginFactory,
  type UnpluginMessage,
  type UnpluginOptions,
} from 'unplugin';
import type { TransformDiagnostic } from '../core/diagnostics.js';
import { createFileSelector, NODE_MODULES, type PinionPluginOptions, pathOfId } from '../files/selection.js';
import { annotate } from './annotate.js';

/**
 * The one plugin behind `pinionVite`, `pinionRollup`, `pinionRolldown`, `pinionWebpack`,
 * `pinionRspack` and `pinionBun`: a `transform` hook that annotates each module's classes and
 * returns its source map, which the bundler chains with the map the module arrived with.
 */
export const pinionUnpluginFactory: UnpluginFactory<PinionPluginOptions | undefined, false> = (options = {}) => {
  const selects = createFileSelector(options);
  // A Vite build with `build.sourcemap` off (its default) throws every map away.
  let viteBuildWithoutMaps = false;
  const plugin: UnpluginOptions = {
    name: 'pinion',
    // Vite (and so Vitest) runs its own TypeScript transform before normal plugins; `pre` puts
    // Pinion first, so locations name the .ts source; webpack and Rspack make it a pre-loader.
    enforce: 'pre',
    transform: {
      // A coarse filter the bundler applies before calling into JavaScript (natively in Rolldown
      // and Vite; webpack and Rspack then skip the loader): virtual modules and, unless asked
      // for, node_modules. The handler applies the exact rule on the id without its query.
      filter: { id: { exclude: options.includeNodeModules ? [/^\0/] : [/^\0/, NODE_MODULES] } },
      handler(this: UnpluginBuildContext & UnpluginContext, code: string, id: string) {
        const path = pathOfId(id);
        if (!selects(path)) return undefined;
        const result = annotate(code, path, options.root, !viteBuildWithoutMaps && wantsSourceMap(this));
        for (const diagnostic of result.diagnostics) this.warn(toMessage(diagnostic, path));
        if (result.code === code) return undefined;
        return result.map ? { code: result.code, map: result.map } : { code: result.code };
      },
    },
    vite: {
      configResolved(config: { command: string; build: { sourcemap?: unknown } }) {
        viteBuildWithoutMaps = config.command === 'build' && !config.build.sourcemap;
      },
    },
  };
  return plugin;
};

/** The plugin for each bundler unplugin supports; the entry points hand out one each. */
export const pinionUnplugin = createUnplugin<PinionPluginOptions | undefined, false>(pinionUnpluginFactory);

/**
 * A map costs time; webpack and Rspack say when nobody wants it (`devtool: false`), and unplugin
 * then drops it anyway; a Vite build says so in its resolved config. Rollup, Rolldown and Bun
 * decide at output time, so they always get one.
 */
function wantsSourceMap(context: UnpluginBuildContext): boolean {
  const native = context.getNativeBuildContext?.();
  return !(native && 'loaderContext' in native && native.loaderContext?.sourceMap === false);
}

/**
 * The message leads with `file:line:column` (webpack and Bun keep only the text); Rollup, Vite and
 * Rolldown also read `loc`, whose column is 0-based there, and keep the diagnostic in `meta`.
 */
function toMessage(diagnostic: TransformDiagnostic, path: string): UnpluginMessage {
  return {
    message: `${diagnostic.message} [${diagnostic.code}]`,
    code: diagnostic.code,
    loc: { file: path, line: diagnostic.line, column: diagnostic.column - 1 },
    meta: diagnostic,
  };
}
