import { createRequire } from 'node:module';
import { join } from 'node:path';
import type TS from 'typescript';

/** What to use where TypeScript's compiler API is missing: every route that needs no TypeScript. */
const INSTEAD =
  'use a route that needs no TypeScript API: a bundler plugin (@pinion/transformer/esbuild, /vite, /rollup, ' +
  '/rolldown, /webpack, /rspack, /bun), `node --import @pinion/transformer/register`, the Jest transformer ' +
  '@pinion/transformer/jest, or `npx pinion-annotate <outDir>` after tsc';

/**
 * The compiler-API adapters (`pinionTransformer`, the ts-patch plugin, the ts-jest route) need
 * TypeScript 5.x or 6.x. TypeScript 7, the native compiler, has no JavaScript API: its package
 * exports only `version`. Handed one, they fail at once, saying what to use instead, rather than
 * leave every class bare for `MissingMetadataError` to find at run time.
 */
export function compilerApi(given: typeof TS | undefined): typeof TS {
  const ts = given ?? loadTypeScript();
  if (typeof ts?.factory?.createClassStaticBlockDeclaration !== 'function' || typeof ts.visitEachChild !== 'function') {
    const version = typeof ts?.version === 'string' ? ts.version : 'unknown';
    throw new Error(
      `Pinion's TypeScript transformer needs TypeScript's compiler API (TypeScript 5.x or 6.x), but the TypeScript ` +
        `it was given (version ${version}) has none: TypeScript 7 is a native compiler without a JavaScript API. ` +
        `To annotate with TypeScript 7, ${INSTEAD}.`,
    );
  }
  return ts;
}

/** The `typescript` package of the project being built: resolved from the working directory. */
function loadTypeScript(): typeof TS {
  try {
    return createRequire(join(process.cwd(), 'package.json'))('typescript') as typeof TS;
  } catch (error) {
    throw new Error(
      `Pinion's TypeScript transformer needs the typescript package (5.x or 6.x), which could not be loaded from ` +
        `${process.cwd()} (${error instanceof Error ? error.message : String(error)}). Install it, pass the ` +
        `compiler's module as the \`typescript\` option, or ${INSTEAD}.`,
    );
  }
}
