// The source map leads every token of the output back to where it stood in the input: tokens after
// an inserted static block on the same line, and tokens on later lines (the inserted text has no
// line break, so those keep their line).
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import { transform } from '../../src/index.js';

const FILE = '/project/src/services.ts';
const INPUT = [
  'export class Clock {} export const tick = new Clock();',
  'export class Db {',
  '  constructor(url: string) {}',
  '}',
  'const Repo = class { m() { return class {}; } }; export const repo = Repo;',
  '\texport const after = new Db("postgres://");',
  '',
].join('\n');

/** 1-based line and 0-based column (the source map convention) of the `occurrence`-th `token`. */
function positionOf(text: string, token: string, occurrence = 1): { line: number; column: number } {
  let offset = -1;
  for (let i = 0; i < occurrence; i++) {
    offset = text.indexOf(token, offset + 1);
    if (offset < 0) throw new Error(`${token} #${occurrence} not found`);
  }
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length };
}

describe('the transform core', () => {
  const result = transform(INPUT, FILE, { root: '/project' });
  if (!result.map) throw new Error('expected a source map');
  const map = new TraceMap(result.map.toString());

  const traced = (token: string, occurrence = 1) => {
    const { source, line, column } = originalPositionFor(map, positionOf(result.code, token, occurrence));
    return { token, source, line, column };
  };
  const original = (token: string, occurrence = 1) => ({
    token,
    source: FILE,
    ...positionOf(INPUT, token, occurrence),
  });

  it('inserted a static block on the first line, before the token under test', () => {
    const firstLine = result.code.split('\n')[0];
    expect(firstLine.indexOf('static {')).toBeGreaterThan(0);
    expect(firstLine.indexOf('static {')).toBeLessThan(firstLine.indexOf('export const tick'));
  });

  it('maps tokens after an inserted block on the same line back to their column', () => {
    expect(traced('export const tick')).toEqual(original('export const tick'));
    expect(traced('new Clock()')).toEqual(original('new Clock()'));
    expect(traced('export const repo')).toEqual(original('export const repo'));
  });

  it('maps the closing brace that follows an inserted block back to itself', () => {
    const closingBraceOfClock = { token: '}', source: FILE, line: 1, column: INPUT.indexOf('}') };
    const output = result.code.split('\n')[0];
    const brace = output.indexOf('} export const tick');
    const { source, line, column } = originalPositionFor(map, { line: 1, column: brace });
    expect({ token: '}', source, line, column }).toEqual(closingBraceOfClock);
  });

  it('maps tokens on later lines back to their line and column', () => {
    expect(traced('constructor')).toEqual(original('constructor'));
    expect(traced('url')).toEqual(original('url'));
    expect(traced('return class')).toEqual(original('return class'));
    expect(traced('export const after')).toEqual(original('export const after'));
    expect(traced('"postgres://"')).toEqual(original('"postgres://"'));
  });

  it('names the input file and carries its text', () => {
    expect(result.map?.sources).toEqual([FILE]);
    expect(result.map?.sourcesContent).toEqual([INPUT]);
  });
});

it('gives no map when asked for none, or when nothing changed', () => {
  expect(transform(INPUT, FILE, { root: '/project', sourceMap: false }).map).toBeNull();
  expect(transform('export const x = 1;\n', FILE, { root: '/project' }).map).toBeNull();
});

it('inserts no line terminator into the code, so every line keeps its number, even for a name holding U+2028', () => {
  const input = "export const registry = { 'a\u2028b': class {} };\nexport class After {}\n";
  const { code } = transform(input, FILE, { root: '/project' });
  const lines = (text: string) => text.split(/\r\n|[\n\r\u2028\u2029]/);
  const inputLines = lines(input);
  // The helper comes after the last line of the input: each input line is still where it was.
  const outputLines = lines(code);
  expect(outputLines).toHaveLength(inputLines.length + 1);
  const withoutBlocks = outputLines.map((line) => line.replace(/; static \{ __pinion\(this, .*?, 1\); \}/g, ''));
  expect(withoutBlocks.slice(0, inputLines.length - 1)).toEqual(inputLines.slice(0, -1));
  expect(outputLines[inputLines.length - 1]).toMatch(/^function __pinion\(c, m, r\) \{/);
  // Like JavaScript, TypeScript counts U+2028 as a line break: the class is on line 2.
  expect(code).toContain('{ name: "a\\u2028b", location: { file: "src/services.ts", line: 2, column: 5 } }');
  expect(code).toContain('{ name: "After", location: { file: "src/services.ts", line: 3, column: 14 } }');
});
