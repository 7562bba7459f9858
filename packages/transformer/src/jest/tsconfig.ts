import type { TsconfigRaw } from 'esbuild';
import { getTsconfig, parseTsconfig } from 'get-tsconfig';

export type EsbuildCompilerOptions = NonNullable<TsconfigRaw['compilerOptions']>;

/** Options that change esbuild's output; the rest of a tsconfig (paths, types, checks) does not. */
const HONOURED_OPTIONS = [
  'experimentalDecorators',
  'useDefineForClassFields',
  'target',
  'verbatimModuleSyntax',
  'preserveValueImports',
  'importsNotUsedAsValues',
  'jsx',
  'jsxFactory',
  'jsxFragmentFactory',
  'jsxImportSource',
  'alwaysStrict',
  'strict',
] as const;

/**
 * The honoured options of `tsconfig` (default: the nearest `tsconfig.json` above `sourcePath`),
 * its `extends` chain merged in. Read on every call, not kept: Jest's watch mode keeps workers
 * alive, and the cache key holds the result, so an edit that turns on `experimentalDecorators`
 * retransforms every file.
 */
export function nearestCompilerOptions(sourcePath: string, tsconfig?: string): EsbuildCompilerOptions {
  let compilerOptions: Record<string, unknown> | undefined;
  try {
    compilerOptions = (tsconfig === undefined ? getTsconfig(sourcePath)?.config : parseTsconfig(tsconfig))
      ?.compilerOptions as Record<string, unknown> | undefined;
  } catch (error) {
    throw new Error(
      `@pinion/transformer/jest could not read ${tsconfig ?? `the tsconfig.json above ${sourcePath}`}: ${(error as Error).message}`,
    );
  }
  const honoured: Record<string, unknown> = {};
  for (const key of HONOURED_OPTIONS) {
    if (compilerOptions?.[key] !== undefined) honoured[key] = compilerOptions[key];
  }
  return honoured as EsbuildCompilerOptions;
}
