// `transform(code, file, { inputSourceMap })` on compiled code: every class gets the metadata of
// the original class it was compiled from — its name, parameters, provider methods, and its
// location in the original file — even where the compiler renamed the class, lowered its
// decorators into helper calls or its parameter properties into assignments. The returned map
// leads back to the original source.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import { transformSync } from 'esbuild';
import ts from 'typescript';
import { transform } from '../../src/index.js';

const SOURCE = [
  "import { provides } from '@pinion/runtime';",
  '',
  'export class AppSpec {',
  '  constructor(private readonly clock: Clock) {}',
  '',
  "  @provides('banner')",
  '  makeBanner(greeting: string) {',
  '    return greeting;',
  '  }',
  '}',
  '',
].join('\n');

const EXPECTED = {
  name: 'AppSpec',
  params: [{ name: 'clock', kind: 'plain', type: 'Clock' }],
  location: { file: 'src/app-spec.ts', line: 3, column: 14 },
  methods: { makeBanner: [{ name: 'greeting', kind: 'plain' }] },
};

/** The metadata literal of each static block the transform inserted. */
function metadataIn(code: string): unknown[] {
  return [...code.matchAll(/static \{ __pinion\d*\(this, (\{.*?\})(, 1)?\); \}/g)].map(([, literal]) =>
    new Function(`return (${literal});`)(),
  );
}

let root: string;
let sourcePath: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'pinion-input-map-'));
  mkdirSync(join(root, 'src'));
  writeFileSync(join(root, 'package.json'), '{}\n');
  sourcePath = join(root, 'src/app-spec.ts');
  writeFileSync(sourcePath, SOURCE);
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('transform over compiled code with its input source map', () => {
  it("reads esbuild's output (decorators lowered, class renamed, one line) as the original class", () => {
    const compiled = transformSync(SOURCE, {
      loader: 'ts',
      format: 'esm',
      target: 'es2022',
      sourcemap: 'external',
      sourcefile: sourcePath,
      minifyWhitespace: true,
    });
    expect(compiled.code).toContain('__decorateElement');
    const result = transform(compiled.code, join(root, 'dist/app-spec.js'), { root, inputSourceMap: compiled.map });
    expect(result.diagnostics).toEqual([]);
    expect(metadataIn(result.code)).toEqual([EXPECTED]);
  });

  it("reads tsc's output (legacy decorators, parameter properties), whose map carries no sources, from the .ts file", () => {
    const compiled = ts.transpileModule(SOURCE, {
      fileName: sourcePath,
      compilerOptions: {
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.ESNext,
        experimentalDecorators: true,
        sourceMap: true,
        outDir: join(root, 'out'),
      },
    });
    const map = JSON.parse(compiled.sourceMapText as string);
    expect(map.sourcesContent).toBeUndefined();
    const outFile = join(root, 'out/app-spec.js');
    const result = transform(compiled.outputText, outFile, {
      root,
      inputSourceMap: { ...map, sources: ['../src/app-spec.ts'] },
    });
    expect(metadataIn(result.code)).toEqual([EXPECTED]);
  });

  it('returns a map that leads from the annotated code back to the original source', () => {
    const compiled = transformSync(SOURCE, { loader: 'ts', sourcemap: 'external', sourcefile: sourcePath });
    const result = transform(compiled.code, join(root, 'dist/app-spec.js'), { root, inputSourceMap: compiled.map });
    const map = new TraceMap(JSON.parse(result.map?.toString() ?? '{}'));
    const lines = result.code.split('\n');
    const line = lines.findIndex((l) => l.includes('return greeting')) + 1;
    const original = originalPositionFor(map, { line, column: lines[line - 1].indexOf('return') });
    expect(original).toMatchObject({ line: 8, column: 4 });
    expect(original.source).toMatch(/app-spec\.ts$/);
  });

  it('keeps the compiled class’s own metadata where no original class stands at the traced position', () => {
    const compiled = 'export class Generated { constructor(a) {} }\n';
    const map = { version: 3 as const, sources: ['../src/app-spec.ts'], names: [], mappings: 'AAAA' };
    const result = transform(compiled, join(root, 'out/generated.js'), { root, inputSourceMap: map });
    expect(metadataIn(result.code)).toEqual([
      {
        name: 'Generated',
        params: [{ name: 'a', kind: 'plain' }],
        location: { file: 'src/app-spec.ts', line: 1, column: 1 },
      },
    ]);
  });
});
