// `@pinion/transformer/jest` has two shapes, told apart by who loads it:
//
// - ts-jest (TypeScript 5/6) requires it as an AST transformer and reads `name`, `version` and
//   `factory` (`astTransformers: { before: ['@pinion/transformer/jest'] }`);
// - Jest itself loads it as a code transformer (`transform: { '^.+\\.[cm]?[jt]sx?$':
//   '@pinion/transformer/jest' }`), for any TypeScript (7 included) or none: it reads the
//   module's `default` export, because the CommonJS build marks itself `__esModule` and Jest then
//   takes `module.default` (and `import()`'s `default` for ESM). `createTransformer` there gets the
//   options given in Jest's config.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { version as esbuildVersion, type Loader, type TsconfigRaw, transformSync } from 'esbuild';
import type TS from 'typescript';
import { transform } from './core/transform.js';
import { type PinionTransformerOptions, pinionTransformer } from './typescript-transformer.js';

/** ts-jest AST transformer: `astTransformers: { before: ['@pinion/transformer/jest'] }`. */
export const name = 'pinion-transformer';
/** Part of ts-jest's cache key (and of the Jest transformer's): change it whenever the emitted code changes. */
export const version = '0.1.0+3';

/** What ts-jest passes: its compiler instance, whose config set holds the TypeScript module in use. */
interface TsJestCompiler {
  configSet?: { compilerModule?: typeof TS };
}

/** The ts-jest AST transformer's factory; it annotates with the TypeScript that ts-jest compiles with. */
export function factory(
  compiler: TsJestCompiler,
  options: Omit<PinionTransformerOptions, 'typescript'> = {},
): TS.TransformerFactory<TS.SourceFile> {
  return pinionTransformer({ ...options, typescript: compiler?.configSet?.compilerModule });
}

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
  // Pinion's own runtime, linked into a workspace, arrives by its real path outside node_modules:
  // its classes are not for injection, so they never join the class list.
  const annotated = isPinionRuntime(sourcePath)
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

const packageNames = new Map<string, string | undefined>();

function isPinionRuntime(path: string): boolean {
  return packageNameOf(dirname(path)) === '@pinion/runtime';
}

/** The `name` of the nearest `package.json` at or above `directory` that has one. */
function packageNameOf(directory: string): string | undefined {
  if (packageNames.has(directory)) return packageNames.get(directory);
  let found: string | undefined;
  try {
    const manifest = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')) as { name?: unknown };
    if (typeof manifest.name === 'string') found = manifest.name;
  } catch {
    // No (readable) package.json here: look further up.
  }
  const parent = dirname(directory);
  if (found === undefined && parent !== directory) found = packageNameOf(parent);
  packageNames.set(directory, found);
  return found;
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

// --- tsconfig: the few compiler options that change what esbuild emits -------------------------

type EsbuildCompilerOptions = NonNullable<TsconfigRaw['compilerOptions']>;

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

/** The honoured options of `tsconfig` (default: the nearest `tsconfig.json` above `sourcePath`). */
function nearestCompilerOptions(sourcePath: string, tsconfig?: string): EsbuildCompilerOptions {
  const path = tsconfig ?? nearestTsconfig(dirname(sourcePath));
  return path === undefined ? {} : compilerOptionsOf(path, new Set());
}

/** Looked up on every call, like the tsconfig's text: a few `stat`s, and a new tsconfig counts at once. */
function nearestTsconfig(directory: string): string | undefined {
  for (let dir = directory; ; dir = dirname(dir)) {
    const candidate = join(dir, 'tsconfig.json');
    if (isFile(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * A tsconfig's honoured options, its `extends` chain merged in. Read on every call, not kept:
 * Jest's watch mode keeps workers alive, and the cache key holds the result, so an edit that turns
 * on `experimentalDecorators` retransforms every file. Two small JSON files per file are cheap.
 */
function compilerOptionsOf(path: string, seen: Set<string>): EsbuildCompilerOptions {
  seen.add(path);
  let config: { extends?: unknown; compilerOptions?: Record<string, unknown> };
  try {
    config = parseJsonc(readFileSync(path, 'utf8')) as typeof config;
  } catch (error) {
    throw new Error(`@pinion/transformer/jest could not read ${path}: ${(error as Error).message}`);
  }
  const merged: Record<string, unknown> = {};
  for (const base of config.extends === undefined ? [] : [config.extends].flat()) {
    const basePath = typeof base === 'string' ? resolveExtends(base, path) : undefined;
    if (basePath && !seen.has(basePath)) Object.assign(merged, compilerOptionsOf(basePath, seen));
  }
  for (const key of HONOURED_OPTIONS) {
    if (config.compilerOptions?.[key] !== undefined) merged[key] = config.compilerOptions[key];
  }
  return merged as EsbuildCompilerOptions;
}

/** `extends` as TypeScript reads it: a path relative to the tsconfig, or a package's file. */
function resolveExtends(specifier: string, from: string): string | undefined {
  const candidates =
    specifier.startsWith('.') || isAbsolute(specifier)
      ? [resolve(dirname(from), specifier), resolve(dirname(from), `${specifier}.json`)]
      : [specifier, `${specifier}.json`, `${specifier}/tsconfig.json`].flatMap((request) => {
          try {
            return [createRequire(from).resolve(request)];
          } catch {
            return [];
          }
        });
  return candidates.find(isFile);
}

function isFile(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
}

/** JSON with comments and trailing commas, as tsconfig files are written. */
function parseJsonc(text: string): unknown {
  const withoutComments = text.replace(/("(?:\\.|[^"\\])*")|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (_, string) => string ?? '');
  return JSON.parse(withoutComments.replace(/("(?:\\.|[^"\\])*")|,(\s*[}\]])/g, (_, string, end) => string ?? end));
}
