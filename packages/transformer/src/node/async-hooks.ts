/**
 * Pinion's off-thread module hooks, for Node versions without `module.registerHooks` (Node 20):
 * `module.register()` loads this module in Node's hooks thread. It annotates what `import` loads;
 * `require` does not pass through these hooks, so the CommonJS side is the in-thread
 * `Module.prototype._compile` hook (see ./compile-hook.ts).
 * @module
 */
import { annotateLoadResult, type LoadResult } from './load-hook.js';

type NextLoad = (url: string, context?: unknown) => Promise<LoadResult>;

/** The `load` hook: it annotates the output of the hooks registered before it (tsx's, say). */
export async function load(url: string, context: unknown, nextLoad: NextLoad): Promise<LoadResult> {
  return annotateLoadResult(url, await nextLoad(url, context));
}
