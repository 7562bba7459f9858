// Input the transform cannot or need not act on: it never throws, hands the code back unchanged
// (the same string, no source map) and says why in a warning whose message starts with
// `file:line:column`. Code Pinion cannot read never fails a build because of Pinion.
import { transform } from '../../src/index.js';

const ROOT = '/project';
const at = (path: string) => `${ROOT}/${path}`;

describe('the transform core', () => {
  const run = (code: string, path = 'src/input.ts') => transform(code, at(path), { root: ROOT });

  it('leaves a file with a syntax error unchanged and reports where the error is', () => {
    const input = 'export class Broken {\n  constructor(a: string, {\n}\n\nexport class Fine {}\n';
    const result = run(input, 'src/broken.ts');
    expect(result.code).toBe(input);
    expect(result.map).toBeNull();
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({
      code: 'PINION_SYNTAX_ERROR',
      category: 'warning',
      file: 'src/broken.ts',
    });
    expect(result.diagnostics[0].message).toMatch(
      /^src\/broken\.ts:\d+:\d+: syntax error \(.+\); Pinion left this file unchanged$/,
    );
    const { line, column } = result.diagnostics[0];
    expect(result.diagnostics[0].message.startsWith(`src/broken.ts:${line}:${column}: `)).toBe(true);
  });

  it('reports the first syntax error at its own line and column', () => {
    const input = 'class A {}\nclass B {\n  x = ;\n}\n';
    const [diagnostic] = run(input, 'src/b.ts').diagnostics;
    expect(diagnostic.message).toBe('src/b.ts:3:7: syntax error (Unexpected token); Pinion left this file unchanged');
    expect(diagnostic).toMatchObject({ line: 3, column: 7, start: input.indexOf(';') });
  });

  it('hands an empty file back unchanged without a word', () => {
    expect(run('')).toEqual({ code: '', map: null, diagnostics: [] });
    expect(run('\n\n  // class comment only\n')).toEqual({
      code: '\n\n  // class comment only\n',
      map: null,
      diagnostics: [],
    });
  });

  it('leaves a binary-looking file (NUL characters) unchanged and says so', () => {
    const withClass = '\u0089PNG\r\n\u001a\n\0\0\0\rIHDR class \0\u0001\u00ff';
    const withoutClass = '\0\0\0\u0001\u0002\u00fe\u00ff';
    for (const input of [withClass, withoutClass]) {
      const result = run(input, 'assets/logo.ts');
      expect(result.code).toBe(input);
      expect(result.map).toBeNull();
      expect(result.diagnostics).toEqual([
        expect.objectContaining({ code: 'PINION_BINARY_INPUT', file: 'assets/logo.ts', line: 1, column: 1 }),
      ]);
      expect(result.diagnostics[0].message).toMatch(/^assets\/logo\.ts:1:1: the file looks binary/);
    }
  });

  it('warns about constructor overloads without an implementation and leaves that class alone', () => {
    const input = 'export class Half {\n  constructor(a: string);\n  constructor(a: string, b: number);\n}\n';
    const result = run(input, 'src/half.ts');
    expect(result.code).toBe(input);
    expect(result.map).toBeNull();
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ code: 'PINION_NO_CONSTRUCTOR_BODY', category: 'warning', line: 2, column: 3 }),
    ]);
    expect(result.diagnostics[0].message).toBe(
      'src/half.ts:2:3: class Half declares constructor overloads without an implementation; Pinion left it unannotated',
    );
  });

  it.each([
    ['a lone keyword', 'class', 'PINION_SYNTAX_ERROR'],
    ['an unclosed class body', 'class A {', 'PINION_SYNTAX_ERROR'],
    ['stray closing braces', '}}} class A {}', 'PINION_SYNTAX_ERROR'],
    ['an unclosed parameter list', 'class A { constructor(', 'PINION_SYNTAX_ERROR'],
    ['an unterminated template', '`class A {}', 'PINION_SYNTAX_ERROR'],
    ['an unterminated comment', '/* class */ /* unterminated', 'PINION_SYNTAX_ERROR'],
    ['a lone surrogate as a name', 'class \uD800 {}', 'PINION_SYNTAX_ERROR'],
    ['100,000 characters without a class', 'x'.repeat(100_000), null],
  ])('never throws on %s', (_description, input, code) => {
    const result = run(input);
    expect(result.code).toBe(input);
    expect(result.map).toBeNull();
    expect(result.diagnostics.map((d) => d.code)).toEqual(code ? [code] : []);
    for (const d of result.diagnostics) expect(d.message).toMatch(/^src\/input\.ts:\d+:\d+: /);
  });

  it('annotates code nested as deep as Node compiles (1,500 levels)', () => {
    const depth = 1_500;
    const input = `${'class A { m() { '.repeat(depth)}${'} }'.repeat(depth)}\n`;
    const result = run(input, 'src/deep.ts');
    expect(result.diagnostics).toEqual([]);
    expect(result.code.match(/; static \{ __pinion\(this, \{ name: "A"/g)).toHaveLength(depth);
  });

  it('leaves code nested deeper than the parser can go unchanged with a warning, and keeps working after it', () => {
    const depth = 20_000;
    const input = `${'class A { m() { '.repeat(depth)}${'} }'.repeat(depth)}\n`;
    const result = run(input, 'src/deep.ts');
    expect(result.code).toBe(input);
    expect(result.map).toBeNull();
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ code: 'PINION_NESTING_TOO_DEEP', line: 1, column: 1 }),
    ]);
    expect(result.diagnostics[0].message).toBe(
      'src/deep.ts:1:1: the code nests brackets more than 3000 deep, deeper than Pinion parses; Pinion left this file unchanged',
    );

    expect(run('export class After { constructor(a: A) {} }\n').code).toContain('name: "After"');
  });
});

it('annotates each of 10,000 classes in one file', () => {
  const count = 10_000;
  const lines = Array.from(
    { length: count },
    (_, i) => `export class C${i} extends Base { constructor(a${i}: A, b = ${i}) { super(); } provideX${i}(y: Y) {} }`,
  );
  const input = `class Base {}\n${lines.join('\n')}\n`;
  const result = transform(input, at('src/many.ts'), { root: ROOT });
  expect(result.diagnostics).toEqual([]);
  const annotated = [
    ...result.code.matchAll(
      /name: "C(\d+)", params: \[\{ name: "a(\d+)", kind: "plain", type: "A" \}, \{ name: "b", kind: "default" \}\], location: \{ file: "src\/many\.ts", line: (\d+), column: 14 \}, methods: \{ provideX(\d+): /g,
    ),
  ].map(([, name, param, line, method]) => [name, param, line, method]);
  expect(annotated).toEqual(Array.from({ length: count }, (_, i) => [`${i}`, `${i}`, `${i + 2}`, `${i}`]));
  // One line more, the helper's, after the last: the classes' lines are where they were.
  expect(result.code.split('\n')).toHaveLength(input.split('\n').length + 1);
});
