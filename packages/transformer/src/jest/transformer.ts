import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { version as esbuildVersion, type Loader, transformSync } from 'esbuild';
import { transform } from '../core/transform.js';
import { createFileSelector } from '../files/selection.js';
import { version } from './ts-jest.js';
import { type EsbuildCompilerOptions, nearestCompilerOptions } from './tsconfig.js';

/** Options of the Jest transformer: `['@pinion/transformer/jest', { root: '.' }]` in Jest's `transform`. */
export interface PinionJestOptions {
  /** Folder that locations are relative to (relative to Jest's `rootDir`). Default: the nearest folder with a `package.json`. */
  root?: string;
  /**
   * The tsconfig whose `experimentalDecorators`, `useDefineForClassFields`, `jsx*` and
   * `verbatimModuleSyntax` the type stripping honours (relative to Jest's `rootDir`). Default: the
   * nearest `tsconfig.json` above each file; `false` reads none.
   */
  tsconfig?: string | false;
}

/** The part of Jest's `TransformOptions` this transformer reads (from `@jest/transform`). */
export interface JestTransformOptions {
  supportsStaticESM?: boolean;
  instrument?: boolean;
  configString?: string;
  config?: { rootDir?: string };
  transformerConfig?: unknown;
}

/** What `process` returns: CommonJS (or ESM when Jest asks for it) and a source map to the original file. */
export interface JestTransformedSource {
  code: string;
  map: string;
}

/** Jest's `SyncTransformer` and `AsyncTransformer` in one: Jest picks the call it needs. */
export interface PinionJestTransformer {
  canInstrument: false;
  getCacheKey(sourceText: string, sourcePath: string, options: JestTransformOptions): string;
  getCacheKeyAsync(sourceText: string, sourcePath: string, options: JestTransformOptions): Promise<string>;
  process(sourceText: string, sourcePath: string, options: JestTransformOptions): JestTransformedSource;
  processAsync(sourceText: string, sourcePath: string, options: JestTransformOptions): Promise<JestTransformedSource>;
}

/**
 * The Jest transformer, with the options given in Jest's config (Jest calls this itself). Each
 * file is annotated by Pinion's core first, on its own text, so locations are exact; then esbuild
 * strips types and converts to CommonJS (ESM when Jest runs with ESM support); the source map is
 * chained back to the original file, so stack traces name its lines.
 */
export function createTransformer(config?: PinionJestOptions): PinionJestTransformer {
  const optionsOf = (options: JestTransformOptions): PinionJestOptions =>
    config ?? ((options.transformerConfig ?? {}) as PinionJestOptions);
  const getCacheKey = (sourceText: string, sourcePath: string, options: JestTransformOptions) =>
    cacheKey(sourceText, sourcePath, options, optionsOf(options));
  const process = (sourceText: string, sourcePath: string, options: JestTransformOptions) =>
    processFile(sourceText, sourcePath, options, optionsOf(options));
  return {
    canInstrument: false,
    getCacheKey,
    getCacheKeyAsync: async (...args) => getCacheKey(...args),
    process,
    processAsync: async (...args) => process(...args),
  };
}

/** The transformer Jest loads: the default export (see the top of this file). */
const jestTransformer: PinionJestTransformer & { createTransformer: typeof createTransformer } = {
  ...createTransformer(),
  createTransformer,
};
export default jestTransformer;

const { process: processSource, getCacheKey } = jestTransformer;

/** Jest's transformer API as named exports too, for tools that read them so. */
export { getCacheKey, processSource as process };

/** Everything the output depends on besides this module's code. */
function cacheKey(
  sourceText: string,
  sourcePath: string,
  options: JestTransformOptions,
  config: PinionJestOptions,
): string {
  const parts = [
    sourceText,
    sourcePath,
    options.configString ?? '',
    JSON.stringify(config),
    JSON.stringify(compilerOptionsFor(sourcePath, options, config)),
    options.supportsStaticESM ? 'esm' : 'cjs',
    options.instrument ? 'instrument' : '',
    packageVersion(),
    esbuildVersion,
  ];
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex');
}

function processFile(
  sourceText: string,
  sourcePath: string,
  options: JestTransformOptions,
  config: PinionJestOptions,
): JestTransformedSource {
  const rootDir = options.config?.rootDir ?? globalThis.process.cwd();
  // Jest's own patterns decide which files come here; Pinion's runtime, even linked into a
  // workspace outside node_modules, is never annotated.
  const annotated = !annotates(sourcePath)
    ? undefined
    : transform(sourceText, sourcePath, {
        root: config.root === undefined ? undefined : resolve(rootDir, config.root),
        sourceMap: true,
      });
  for (const d of annotated?.diagnostics ?? []) globalThis.process.stderr.write(`warning ${d.code}: ${d.message}\n`);
  // esbuild chains an inline input map itself: its map then leads from its output through
  // Pinion's edit (which shifts columns on the lines of closing braces) to the file as written.
  const input = annotated?.map ? withInlineMap(annotated.code, annotated.map, sourcePath, sourceText) : sourceText;
  const output = transformSync(input, {
    loader: loaderOf(sourcePath),
    format: options.supportsStaticESM ? 'esm' : 'cjs',
    // Every Node that Jest 30 supports runs ES2022; decorators and newer syntax are lowered.
    target: 'es2022',
    sourcemap: 'external',
    sourcefile: sourcePath,
    tsconfigRaw: { compilerOptions: compilerOptionsFor(sourcePath, options, config) },
  });
  return { code: output.code, map: output.map };
}

/** `code` with its map to `sourcePath` appended as a `data:` URL, naming the file by its absolute path. */
function withInlineMap(code: string, map: object, sourcePath: string, sourceText: string): string {
  const json = JSON.stringify({
    ...JSON.parse(JSON.stringify(map)),
    sources: [sourcePath],
    sourcesContent: [sourceText],
  });
  return `${code}\n//# sourceMappingURL=data:application/json;base64,${Buffer.from(json).toString('base64')}\n`;
}

const annotates = createFileSelector({ includeNodeModules: true });

function compilerOptionsFor(
  sourcePath: string,
  options: JestTransformOptions,
  config: PinionJestOptions,
): EsbuildCompilerOptions {
  if (config.tsconfig === false) return {};
  const rootDir = options.config?.rootDir ?? globalThis.process.cwd();
  return nearestCompilerOptions(sourcePath, config.tsconfig && resolve(rootDir, config.tsconfig));
}

function loaderOf(path: string): Loader {
  if (/\.[cm]?ts$/.test(path)) return 'ts';
  if (path.endsWith('.tsx')) return 'tsx';
  if (path.endsWith('.jsx')) return 'jsx';
  return 'js';
}

let ownVersion: string | undefined;

/**
 * This package's version, for the cache key: a new release must not reuse old outputs. Jest loads
 * the CommonJS build, from whose `__dirname` the package.json is found; the ESM build has no
 * `__dirname` and falls back on `version`.
 */
function packageVersion(): string {
  if (ownVersion !== undefined) return ownVersion;
  ownVersion = version;
  if (typeof __dirname !== 'string') return ownVersion;
  for (let dir = __dirname; dirname(dir) !== dir; dir = dirname(dir)) {
    const manifest = readJson(join(dir, 'package.json')) as { name?: unknown; version?: unknown } | undefined;
    if (manifest?.name === '@pinion/transformer' && typeof manifest.version === 'string') {
      ownVersion = `${manifest.version}+${version}`;
      break;
    }
  }
  return ownVersion;
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}
