import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

const rootOfDirectory = new Map<string, string>();

/** The nearest folder at or above `directory` that holds a `package.json`, else `directory` itself. */
export function findProjectRoot(directory: string): string {
  const cached = rootOfDirectory.get(directory);
  if (cached !== undefined) return cached;
  let current = directory;
  let found = directory;
  for (;;) {
    if (existsSync(join(current, 'package.json'))) {
      found = current;
      break;
    }
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  rootOfDirectory.set(directory, found);
  return found;
}

/** `fileName` relative to `root` (default: its project root), with `/` separators. */
export function projectRelativePath(fileName: string, root?: string): string {
  const absolute = isAbsolute(fileName) ? fileName : resolve(fileName);
  const base = root === undefined ? findProjectRoot(dirname(absolute)) : resolve(root);
  const rel = relative(base, absolute);
  return sep === '/' ? rel : rel.split(sep).join('/');
}
