// Reading the source map a module arrives with, and writing the chained one back inline.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readIncomingSourceMap, withInlineSourceMap } from '../../src/node/inline-map.js';

const MAP = { version: 3, sources: ['../src/a.ts'], names: [], mappings: 'AAAA' };
const base64 = (text: string) => Buffer.from(text).toString('base64');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pinion-inline-map-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readIncomingSourceMap', () => {
  it('decodes an inline base64 map (tsx, esbuild) and removes its comment, keeping every line', () => {
    const code = `class A {}\n//# sourceMappingURL=data:application/json;base64,${base64(JSON.stringify(MAP))}\n`;
    const incoming = readIncomingSourceMap(code, join(dir, 'a.js'));
    expect(JSON.parse(incoming.map ?? '')).toEqual(MAP);
    expect(incoming.code).toBe('class A {}\n\n');
  });

  it('decodes a charset parameter and a percent-encoded map', () => {
    const charset = `x\n//# sourceMappingURL=data:application/json;charset=utf-8;base64,${base64('{"a":1}')}`;
    expect(readIncomingSourceMap(charset, join(dir, 'a.js')).map).toBe('{"a":1}');
    const encoded = `x\n//# sourceMappingURL=data:application/json,${encodeURIComponent('{"a":2}')}`;
    expect(readIncomingSourceMap(encoded, join(dir, 'a.js')).map).toBe('{"a":2}');
  });

  it('reads a map file next to the module (tsc), resolved against the module', () => {
    writeFileSync(join(dir, 'b.js.map'), JSON.stringify(MAP));
    const incoming = readIncomingSourceMap('class B {}\n//# sourceMappingURL=b.js.map', join(dir, 'b.js'));
    expect(JSON.parse(incoming.map ?? '')).toEqual(MAP);
    expect(incoming.code).toBe('class B {}\n');
  });

  it('says why a map it cannot read is missing, and still removes the stale comment', () => {
    const incoming = readIncomingSourceMap('class C {}\n//# sourceMappingURL=gone.js.map\n', join(dir, 'c.js'));
    expect(incoming.map).toBeUndefined();
    expect(incoming.problem).toMatch(/^its source map gone\.js\.map could not be read \(ENOENT/);
    expect(incoming.code).toBe('class C {}\n\n');
  });

  it('takes the last comment, also in block form, when only blank lines and line comments follow', () => {
    const code = `a\n//# sourceMappingURL=data:,first\n/*# sourceMappingURL=data:,second */\n\n// end\n`;
    const incoming = readIncomingSourceMap(code, join(dir, 'd.js'));
    expect(incoming.map).toBe('second');
    expect(incoming.code).toBe('a\n//# sourceMappingURL=data:,first\n\n\n// end\n');
  });

  it('ignores a comment that code follows (inside a string, say) and code without any', () => {
    const inString = 'const s = "\\n//# sourceMappingURL=data:,x";\nclass E {}\n';
    expect(readIncomingSourceMap(inString, join(dir, 'e.js'))).toEqual({ code: inString, map: undefined });
    expect(readIncomingSourceMap('class F {}', join(dir, 'f.js'))).toEqual({ code: 'class F {}', map: undefined });
  });
});

describe('withInlineSourceMap', () => {
  it('appends the map as a base64 data URL that readIncomingSourceMap reads back', () => {
    for (const map of [MAP, JSON.stringify(MAP)]) {
      const code = withInlineSourceMap('class G {}', map);
      expect(code).toMatch(/^class G \{\}\n\/\/# sourceMappingURL=data:application\/json;charset=utf-8;base64,\S+\n$/);
      expect(JSON.parse(readIncomingSourceMap(code, join(dir, 'g.js')).map ?? '')).toEqual(MAP);
    }
  });
});
