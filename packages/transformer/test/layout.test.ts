// The transformer's folders and the one way their imports point:
//
//   entry points (src/*.ts: index, esbuild, vite, …, register, jest, tsc, annotate-cli)
//        │
//        ├──▶ bundlers/ ──┐
//        ├──▶ node/ ──────┤──▶ files/ (which files adapters annotate)
//        ├──▶ jest/ ──────┘        │
//        ├──▶ annotate/            │
//        └──▶ typescript/          ▼
//                 └────────────▶ core/ (the transform: parse, analyze, render; knows no adapter)
//
// A folder may import its own files and the folders it points to, never one that points to it.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const SRC = resolve(__dirname, '../src');

/** What each folder may import from src/, besides itself. */
const ALLOWED: Record<string, readonly string[]> = {
  core: [],
  files: [],
  typescript: ['core'],
  bundlers: ['core', 'files'],
  node: ['core', 'files'],
  annotate: ['core'],
  jest: ['core', 'files', 'typescript'],
};

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(directory, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(directory, entry.name)]
        : [],
  );
}

/** The src/ folder a file is in (`.` for the entry points). */
const folderOf = (file: string) => relative(SRC, dirname(file)).split('/')[0] || '.';

/** Every relative import and re-export of a file, resolved to the file it names. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'";]*?from\s+'(\.[^']+)'/g)].map((m) => m[1]);
  return specifiers.map((specifier) => resolve(dirname(file), specifier.replace(/\.js$/, '.ts')));
}

describe('the transformer’s layout', () => {
  const files = sourceFiles(SRC);

  it('has a rule for every folder', () => {
    const folders = new Set(files.map(folderOf).filter((folder) => folder !== '.'));
    expect([...folders].sort()).toEqual(Object.keys(ALLOWED).sort());
  });

  it('points every import of a folder at itself or a folder below it', () => {
    const backwards: string[] = [];
    for (const file of files) {
      const from = folderOf(file);
      if (from === '.') continue;
      for (const target of importsOf(file)) {
        const to = folderOf(target);
        if (to !== from && !ALLOWED[from].includes(to)) {
          backwards.push(
            `${relative(SRC, file)} imports ${relative(SRC, target)} (${from}/ → ${to === '.' ? 'an entry point' : `${to}/`})`,
          );
        }
      }
    }
    expect(backwards).toEqual([]);
  });

  it('finds the imports it checks', () => {
    expect(importsOf(join(SRC, 'bundlers/unplugin.ts')).map((f) => relative(SRC, f))).toContain('files/selection.ts');
  });
});
