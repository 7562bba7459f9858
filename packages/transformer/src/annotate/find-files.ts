import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The files `pinion-annotate` rewrites: what a compiler emits as JavaScript. */
const OUTPUT_FILE = /\.[cm]?js$/;

/**
 * Every `.js`, `.mjs` and `.cjs` file under `outDir`, sorted, so runs and their reports are
 * reproducible. `node_modules` is skipped (dependencies are not the project's classes), and so are
 * symbolic links, which could lead outside `outDir` or round in a cycle.
 */
export function findOutputFiles(outDir: string): string[] {
  const files: string[] = [];
  const visit = (dir: string) => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') visit(path);
      } else if (entry.isFile() && OUTPUT_FILE.test(entry.name)) {
        files.push(path);
      }
    }
  };
  visit(outDir);
  return files;
}
