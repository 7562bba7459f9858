// The inputs the core's throughput is measured on: the generated project's sources and a real-world
// corpus, the TypeScript sources shipped in a few large npm packages (the same packages and filters as
// packages/transformer/test/corpus/corpus.test.ts; about 1,300 files, 30 MB).
import { readdirSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CORPUS_PACKAGES = ['rxjs', 'effect', 'zod', '@effect/platform'];
const SOURCE_FILE = /\.[cm]?tsx?$/;
const DECLARATION_FILE = /\.d\.[cm]?tsx?$/;

/** Every TypeScript source (not declaration) file under `directory`, skipping nested node_modules. */
export function typeScriptFilesUnder(directory, found = new Set()) {
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') typeScriptFilesUnder(path, found);
    } else if (entry.isFile() && SOURCE_FILE.test(entry.name) && !DECLARATION_FILE.test(entry.name)) {
      found.add(realpathSync(path));
    }
  }
  return found;
}

/** The corpus's files, sorted; `stride` > 1 keeps every stride-th file (the quick mode's sample). */
export function corpusFiles(stride = 1) {
  const found = new Set();
  for (const name of CORPUS_PACKAGES) typeScriptFilesUnder(realpathSync(join(REPO_ROOT, 'node_modules', name)), found);
  return [...found].sort().filter((_, i) => i % stride === 0);
}

/** Reads `files` into memory: { files, texts, bytes } with bytes counted in UTF-8, as MB/s is. */
export function loadFiles(files) {
  const texts = files.map((f) => readFileSync(f, 'utf8'));
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
  return { files, texts, bytes };
}
