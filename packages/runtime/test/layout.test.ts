// The runtime's folders, each a layer that imports only the layers below it:
//
//   entry points (src/index.ts, src/http.ts)
//        │
//        ▼
//   http/        one frame per request for node:http, Express, Fastify, Hono, Koa
//        ▼
//   graph/       ObjectGraph: options, call sites, the public methods
//        ▼
//   resolution/  plans: lookup → walk → edges → compile → resolve (sync, async, deep, generated)
//        ▼
//   bindings/    the public BindingSpec API, bindings, the binding table and class index
//        ▼
//   lifetime/    scopes, frames, keyed scopes, disposal
//        ▼
//   metadata/    class metadata, naming, locations, decorators and their records
//        ▼
//   core/        binding keys, scope ids, errors, describing values (imports nothing of Pinion)
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const SRC = resolve(__dirname, '../src');

/** Lowest first: a folder may import its own files and those of the folders before it. */
const LAYERS = ['core', 'metadata', 'lifetime', 'bindings', 'resolution', 'graph', 'http'] as const;

/** The one file allowed over 400 lines: the catalogue of every error's message. */
const LONG_FILES = ['core/errors.ts'];

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(directory, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(directory, entry.name)]
        : [],
  );
}

/** The layer a file is in: its folder's place in LAYERS; the entry points sit above them all. */
function layerOf(file: string): number {
  const folder = relative(SRC, dirname(file)).split('/')[0];
  return folder === '' ? LAYERS.length : LAYERS.indexOf(folder as (typeof LAYERS)[number]);
}

/** Every import and re-export of a file: relative ones resolved to the file they name, others as written. */
function importsOf(file: string): { relative: string[]; packages: string[] } {
  const text = readFileSync(file, 'utf8');
  const specifiers = [
    ...text.matchAll(/(?:^|\n)\s*(?:import|export)(?:[^'";]*?from)?\s*'([^']+)'/g),
    ...text.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g),
  ].map((m) => m[1]);
  return {
    relative: specifiers.filter((s) => s.startsWith('.')).map((s) => resolve(dirname(file), s.replace(/\.js$/, '.ts'))),
    packages: specifiers.filter((s) => !s.startsWith('.')),
  };
}

/** The backward imports among `files`: from a layer to one above it. */
function backwardImports(files: readonly string[], imports: (file: string) => string[]): string[] {
  const backwards: string[] = [];
  for (const file of files) {
    for (const target of imports(file)) {
      if (layerOf(target) > layerOf(file)) backwards.push(`${relative(SRC, file)} imports ${relative(SRC, target)}`);
    }
  }
  return backwards;
}

describe('the runtime’s layout', () => {
  const files = sourceFiles(SRC);

  it('puts every source file in a layer', () => {
    const outside = files.filter((file) => layerOf(file) < 0).map((file) => relative(SRC, file));
    expect(outside).toEqual([]);
  });

  it('points every import at its own layer or a lower one', () => {
    expect(backwardImports(files, (file) => importsOf(file).relative)).toEqual([]);
  });

  it('would catch a backward import', () => {
    const errors = join(SRC, 'core/errors.ts');
    const graph = join(SRC, 'graph/object-graph.ts');
    expect(backwardImports([errors], () => [graph])).toEqual(['core/errors.ts imports graph/object-graph.ts']);
    expect(importsOf(join(SRC, 'graph/object-graph.ts')).relative.map((f) => relative(SRC, f))).toContain(
      'resolution/resolver.ts',
    );
  });

  it('imports no Node module outside http/: the object graph runs on any JavaScript runtime', () => {
    const nodeImports = files
      .filter((file) => !relative(SRC, file).startsWith('http'))
      .flatMap((file) => importsOf(file).packages.map((name) => `${relative(SRC, file)} imports ${name}`));
    expect(nodeImports).toEqual([]);
  });

  it('keeps every source file under 400 lines, but the error catalogue', () => {
    const long = files
      .map((file) => [relative(SRC, file), readFileSync(file, 'utf8').split('\n').length] as const)
      .filter(([file, lines]) => lines > 400 && !LONG_FILES.includes(file));
    expect(long).toEqual([]);
  });
});
