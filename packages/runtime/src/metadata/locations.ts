/**
 * How messages name places: a class's source location and name from its metadata, and the user's
 * call site read from the stack, both relative to the project root.
 */
import { type AnyClass, getClassMetadata } from './class-metadata.js';

/** `src/app.ts:12:3`, the form every Pinion message uses for a place in the user's code. */
export type Location = string;

/** Where a class is declared, from the transformer's metadata; `unknown location` without it. */
export function classLocation(cls: AnyClass): Location {
  const location = getClassMetadata(cls)?.location;
  return location ? `${location.file}:${location.line}:${location.column}` : 'unknown location';
}

/** The class's source name: the transformer's record of it, else `cls.name`. */
export function className(cls: AnyClass): string {
  return getClassMetadata(cls)?.name || cls.name || '(anonymous class)';
}

/** `class DatabaseConnection (src/db.ts:3:14)`. */
export function describeClass(cls: AnyClass): string {
  return `class ${className(cls)} (${classLocation(cls)})`;
}

/**
 * The place in the user's code that called the function `below` (e.g. `bind`), read from the
 * stack, relative to its project root like class locations. Source-mapped when Node runs with
 * source maps.
 */
export function callSite(below: AnyClass): Location {
  const holder: { stack?: string } = {};
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 1;
  Error.captureStackTrace(holder, below);
  Error.stackTraceLimit = limit;
  const line = holder.stack?.split('\n')[1] ?? '';
  const match = /\(?((?:file:\/\/)?[^()\s]+?):(\d+):(\d+)\)?\s*$/.exec(line);
  if (!match) return '(unknown location)';
  return `${projectRelative(match[1].replace(/^file:\/\//, ''))}:${match[2]}:${match[3]}`;
}

/**
 * `file` relative to its project root, the base of class locations too: the nearest folder with
 * a `package.json`, as the transformer's default `root`. Without a file system (browsers), or
 * outside any package, relative to the working directory.
 */
function projectRelative(file: string): string {
  const dir = file.slice(0, file.lastIndexOf('/'));
  let root = rootOfDir.get(dir);
  if (root === undefined) {
    root = findRoot(dir) ?? workingDirectory();
    rootOfDir.set(dir, root);
  }
  return root !== '' && file.startsWith(`${root}/`) ? file.slice(root.length + 1) : file;
}

const rootOfDir = new Map<string, string>();

function findRoot(dir: string): string | undefined {
  const fs = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.(
    'node:fs',
  ) as { existsSync(path: string): boolean } | undefined;
  if (fs === undefined || !dir.startsWith('/')) return undefined;
  for (let at = dir; at !== ''; at = at.slice(0, at.lastIndexOf('/'))) {
    if (fs.existsSync(`${at}/package.json`)) return at;
  }
  return undefined;
}

function workingDirectory(): string {
  const process = (globalThis as { process?: { cwd?: () => string } }).process;
  return typeof process?.cwd === 'function' ? process.cwd() : '';
}
