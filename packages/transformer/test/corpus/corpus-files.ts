// The real-world corpus: every TypeScript source file shipped in a few large npm packages (rxjs,
// effect, zod, @effect/platform: about 1,300 files, 30 MB), shared by the corpus and differential tests.
import { readdirSync, realpathSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '../../../..');
export const PACKAGES = ['rxjs', 'effect', 'zod', '@effect/platform'];
/** Fewer files than this and the corpus has lost a package: the tests fail instead of passing on less. */
export const MIN_FILES = 1000;
const SOURCE_FILE = /\.[cm]?tsx?$/;
const DECLARATION_FILE = /\.d\.[cm]?tsx?$/;

/** Absolute, real paths of the corpus's source files, sorted. */
export function corpusFiles(): string[] {
  const found = new Set<string>();
  const walk = (directory: string): void => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(path);
      } else if (entry.isFile() && SOURCE_FILE.test(entry.name) && !DECLARATION_FILE.test(entry.name)) {
        found.add(realpathSync(path));
      }
    }
  };
  for (const name of PACKAGES) walk(realpathSync(join(REPO_ROOT, 'node_modules', name)));
  return [...found].sort();
}
