// Where a class is said to be: its file relative to `options.root` (default: the nearest folder
// with a package.json), with `/` separators, and the 1-based line and column of its name (of
// `class` when it has none).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { type TransformOptions, transform } from '../../src/index.js';
import { CASES_DIR, readCase } from './support.js';

const PACKAGE_DIR = resolve(__dirname, '../..');
const REPO_DIR = resolve(PACKAGE_DIR, '../..');

/** The locations of every annotated class, in the order they appear in the output. */
function locations(code: string, fileName: string, options: TransformOptions = {}) {
  const result = transform(code, fileName, options);
  expect(result.diagnostics).toEqual([]);
  return [
    ...result.code.matchAll(/name: "([^"]*)",.*?location: \{ file: "([^"]*)", line: (\d+), column: (\d+) \}/g),
  ].map(([, name, file, line, column]) => ({ name, file, line: Number(line), column: Number(column) }));
}

describe('the file of a location', () => {
  const caseFile = join(CASES_DIR, 'class-declaration.ts');
  const code = readCase('class-declaration.ts');

  it('is relative to the nearest folder with a package.json by default', () => {
    expect(locations(code, caseFile)[0].file).toBe('test/transform/cases/class-declaration.ts');
  });

  it('is relative to options.root when given, absolute or relative to the working directory', () => {
    expect(locations(code, caseFile, { root: REPO_DIR })[0].file).toBe(
      'packages/transformer/test/transform/cases/class-declaration.ts',
    );
    expect(locations(code, caseFile, { root: CASES_DIR })[0].file).toBe('class-declaration.ts');
    expect(locations(code, caseFile, { root: relative(process.cwd(), REPO_DIR) || '.' })[0].file).toBe(
      'packages/transformer/test/transform/cases/class-declaration.ts',
    );
  });

  it('climbs out of options.root with ../ for a file outside it', () => {
    expect(locations(code, caseFile, { root: join(PACKAGE_DIR, 'src') })[0].file).toBe(
      '../test/transform/cases/class-declaration.ts',
    );
  });

  it('is the same in the diagnostics as in the metadata', () => {
    const result = transform('class A {\n', caseFile, { root: REPO_DIR });
    expect(result.diagnostics[0].file).toBe('packages/transformer/test/transform/cases/class-declaration.ts');
    expect(result.diagnostics[0].message).toMatch(
      /^packages\/transformer\/test\/transform\/cases\/class-declaration\.ts:2:1: /,
    );
  });

  describe('in a project of its own', () => {
    let project: string;
    beforeAll(() => {
      project = mkdtempSync(join(tmpdir(), 'pinion-location-'));
      mkdirSync(join(project, 'src/deep'), { recursive: true });
      mkdirSync(join(project, 'packages/inner/lib'), { recursive: true });
      writeFileSync(join(project, 'package.json'), '{}');
      writeFileSync(join(project, 'packages/inner/package.json'), '{}');
    });
    afterAll(() => rmSync(project, { recursive: true, force: true }));

    it('finds the package.json above a nested folder', () => {
      expect(locations('class A {}', join(project, 'src/deep/a.ts'))[0].file).toBe('src/deep/a.ts');
    });

    it('stops at the nearest package.json, a nested package included', () => {
      expect(locations('class A {}', join(project, 'packages/inner/lib/a.ts'))[0].file).toBe('lib/a.ts');
      expect(locations('class A {}', join(project, 'packages/inner/lib/a.ts'), { root: project })[0].file).toBe(
        'packages/inner/lib/a.ts',
      );
    });
  });
});

describe('the line and column of a location', () => {
  const options = { root: '/project' };
  const file = '/project/src/a.ts';

  it('point at the name, 1-based, counting a tab as one column', () => {
    expect(locations('\n\n\texport class Engine {}\n', file, options)).toEqual([
      { name: 'Engine', file: 'src/a.ts', line: 3, column: 15 },
    ]);
  });

  it('point at `class` when the class has no name of its own, past decorators and comments', () => {
    const code = [
      'export default @sealed /* c */ class {}',
      'const Named = class {};',
      'use(',
      '  // comment',
      '  class {},',
      ');',
    ].join('\n');
    expect(locations(code, file, options)).toEqual([
      { name: 'default', file: 'src/a.ts', line: 1, column: 32 },
      { name: 'Named', file: 'src/a.ts', line: 2, column: 15 },
      { name: '', file: 'src/a.ts', line: 5, column: 3 },
    ]);
  });

  it('count lines the same with \\r\\n line endings', () => {
    const code = 'class A {}\r\n\r\nclass B {\r\n  constructor(a) {}\r\n}\r\n';
    expect(locations(code, file, options)).toEqual([
      { name: 'A', file: 'src/a.ts', line: 1, column: 7 },
      { name: 'B', file: 'src/a.ts', line: 3, column: 7 },
    ]);
  });

  it('do not depend on the root', () => {
    const code = readCase('class-declaration.ts');
    const positions = (root: string) =>
      locations(code, join(CASES_DIR, 'class-declaration.ts'), { root }).map(({ line, column }) => ({ line, column }));
    expect(positions(REPO_DIR)).toEqual(positions(CASES_DIR));
    expect(positions(REPO_DIR)).toEqual([
      { line: 2, column: 14 },
      { line: 6, column: 7 },
    ]);
  });
});
