// A bundler's module id may carry a query (Vite's `?v=123`, `?t=…` on a hot reload, webpack's
// resource queries). The runtime tells a module evaluated again by its classes' file and name, so
// the file of a location never holds the query, even when the id reaches the core unstripped.
import { resolve } from 'node:path';
import { transform } from '../../src/index.js';

const ROOT = resolve(__dirname, '../..');
const CODE = 'export class Engine {\n  constructor(fuel: string) {}\n}\n';

function fileOf(fileName: string): string | undefined {
  return /location: \{ file: "([^"]*)"/.exec(transform(CODE, fileName, { root: ROOT }).code)?.[1];
}

describe('the file of a location, for a module id with a query string', () => {
  it('leaves the query out', () => {
    expect(fileOf(resolve(ROOT, 'src/engine.ts?v=123'))).toBe('src/engine.ts');
    expect(fileOf(resolve(ROOT, 'src/engine.ts?t=1700000000000&import'))).toBe('src/engine.ts');
    expect(fileOf('src/engine.ts?raw')).toBe(fileOf('src/engine.ts'));
  });

  it('keeps the ? of a Windows long-path prefix, which is part of the path', () => {
    // On POSIX `\\?\C:\…` is a relative name; what matters is that it is not cut at its `?`.
    expect(fileOf('\\\\?\\C:\\app\\engine.ts?v=1')).toMatch(/engine\.ts$/);
  });
});
