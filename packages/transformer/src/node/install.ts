import * as nodeModule from 'node:module';
import { fileURLToPath } from 'node:url';
import { installCompileHook, rememberAnnotated } from './compile-hook.js';
import { annotateLoadResult, type LoadResult } from './load-hook.js';
import { ownModuleUrl } from './own-url.js';

type SyncLoad = (
  url: string,
  context: LoadContext,
  nextLoad: (url: string, context?: LoadContext) => LoadResult,
) => LoadResult;
interface LoadContext {
  format?: string | null;
}
/** `node:module` as Node ≥ 22.15 has it (the installed typings are Node 20's). */
interface ModuleWithHooks {
  registerHooks?: (hooks: { load: SyncLoad }) => unknown;
  register?: (specifier: string | URL, parentURL?: string | URL) => void;
}

/** Set once Pinion's hooks are installed in this thread: `--import` and `--require` both given, say. */
const INSTALLED = Symbol.for('pinion.register.installed');

/**
 * Installs Pinion's module hooks in this thread (once): `module.registerHooks` where Node has it
 * (≥ 22.15: synchronous, in this thread, for `import` and `require` alike), else
 * `module.register` (Node 20: a hooks module run off-thread, for `import`), and in both cases
 * the CommonJS `_compile` hook for what the load hook cannot see.
 *
 * Throws on a Node.js with neither API: running unannotated would fail later with
 * `MissingMetadataError`, far from the cause.
 */
export function installPinionHooks(): void {
  const registry = globalThis as { [INSTALLED]?: boolean };
  if (registry[INSTALLED]) return;
  const api = nodeModule as ModuleWithHooks;
  if (typeof api.registerHooks === 'function') {
    api.registerHooks({ load: syncLoad });
  } else if (typeof api.register === 'function') {
    // Off-thread: Node loads the hooks module by URL, from the same build (ESM or CommonJS) as this one.
    api.register(new URL('./async-hooks.js', ownModuleUrl()));
  } else {
    throw new Error(
      `@pinion/transformer/register needs module.register (Node.js ≥ 20.6) or module.registerHooks; ` +
        `this is Node.js ${process.version}. Use a bundler plugin or pinion-annotate instead.`,
    );
  }
  installCompileHook();
  registry[INSTALLED] = true;
}

const syncLoad: SyncLoad = (url, context, nextLoad) => {
  const loaded = nextLoad(url, context);
  const result = annotateLoadResult(url, loaded);
  // The CommonJS loader compiles this source next, through the _compile hook: tell it so.
  if (result !== loaded && result.format === 'commonjs' && typeof result.source === 'string') {
    rememberAnnotated(fileURLToPath(url), result.source);
  }
  return result;
};
