import { type AnyClass, getClassMetadata } from './class-metadata.js';

/** `src/app.ts:12:3`, the form every Pinion message uses for a place in the user's code. */
export type Location = string;

/** Where a class is declared, from the transformer's metadata; `(unknown location)` without it. */
export function classLocation(cls: AnyClass): Location {
  const location = getClassMetadata(cls)?.location;
  return location ? `${location.file}:${location.line}:${location.column}` : '(unknown location)';
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
 * stack, relative to the working directory. Source-mapped when Node runs with source maps.
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
  let file = match[1].replace(/^file:\/\//, '');
  const cwd = typeof process !== 'undefined' ? `${process.cwd()}/` : '';
  if (cwd && file.startsWith(cwd)) file = file.slice(cwd.length);
  return `${file}:${match[2]}:${match[3]}`;
}
