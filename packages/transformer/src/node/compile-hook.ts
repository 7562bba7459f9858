import Module from 'node:module';
import { annotateModule } from './annotate-module.js';
import { selectsPath } from './load-hook.js';

type Compile = (this: unknown, content: string, filename: string, ...rest: unknown[]) => unknown;
interface CompilingModule {
  prototype: { _compile?: Compile };
}

/**
 * Code the in-thread load hook already annotated, by file: the CommonJS loader compiles exactly
 * that code next, and need not be parsed again. An entry is dropped once compiled.
 */
const annotatedByLoadHook = new Map<string, string>();

/** Called by the in-thread load hook for each CommonJS module it annotated. */
export function rememberAnnotated(path: string, code: string): void {
  annotatedByLoadHook.set(path, code);
}

/**
 * Wraps `Module.prototype._compile`, through which the CommonJS loader compiles every module it
 * loads: `require()`, `createRequire()`, a CommonJS entry point, a CommonJS module that `import`
 * reaches (Node hands it to the CommonJS loader), `require()` of an ES module on Node ≥ 20.19, and
 * the code of require hooks that compile for themselves (tsx's CommonJS side, ts-node). On Node 20
 * none of these pass through `module.register` hooks; on Node ≥ 22.15 the load hook sees most of
 * them first, and this one annotates only what it missed (transforming twice changes nothing).
 */
export function installCompileHook(): void {
  const proto = (Module as unknown as CompilingModule).prototype;
  const original = proto._compile;
  if (typeof original !== 'function') {
    throw new Error(
      `@pinion/transformer/register: this Node.js (${process.version}) has no Module.prototype._compile, ` +
        'so CommonJS modules could not be annotated',
    );
  }
  proto._compile = function pinionCompile(this: unknown, content: string, filename: string, ...rest: unknown[]) {
    let code = content;
    if (typeof content === 'string' && typeof filename === 'string' && selectsPath(filename)) {
      const already = annotatedByLoadHook.get(filename);
      annotatedByLoadHook.delete(filename);
      if (content !== already) code = annotateModule(content, filename);
    }
    return original.call(this, code, filename, ...rest);
  };
}
