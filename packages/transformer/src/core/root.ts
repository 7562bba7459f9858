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

/**
 * `fileName` relative to `root` (default: its project root), with `/` separators and without a
 * query string: a bundler's module id (`src/a.ts?v=123`, `?t=…` on a hot reload) names the same
 * file whatever its query, and the runtime tells a module evaluated again by its file and class names.
 */
export function projectRelativePath(fileName: string, root?: string): string {
  const path = withoutQuery(fileName);
  const absolute = isAbsolute(path) ? path : resolve(path);
  const base = root === undefined ? findProjectRoot(dirname(absolute)) : resolve(root);
  const rel = relative(base, absolute);
  return sep === '/' ? rel : rel.split(sep).join('/');
}

/** Windows' long-path prefix `\\?\` holds a `?` that is part of the path. */
function withoutQuery(fileName: string): string {
  const query = fileName.indexOf('?', fileName.startsWith('\\\\?\\') ? 4 : 0);
  return query < 0 ? fileName : fileName.slice(0, query);
}
