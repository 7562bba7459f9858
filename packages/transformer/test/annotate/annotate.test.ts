// `pinion-annotate` after TypeScript 7's tsc (SPEC §2, "after tsc"): TypeScript 7 has no
// transformer API, so Pinion rewrites tsc's output. A copy of the shared pipeline app is compiled
// by TypeScript 7.0's tsc (`sourceMap`, `outDir: out`, target es2022: tsc lowers the standard
// decorators), annotated by the built bin, and run by Node 20, 22 and 24.
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodedMappings, originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import {
  BUILD_TIMEOUT,
  makeTempDir,
  PACKAGE_DIR,
  REPO_ROOT,
  type RunResult,
  removeDir,
  requireBuiltPackages,
  runNode,
  runNodeWith,
} from '../adapters/helpers.js';
import { EXPECTED_IDENTITIES, identitiesOf } from '../pipelines/expected.js';
import { NODE_INSTALL_TIMEOUT, NODE_MAJORS, nodeBinary } from '../support/node-binaries.js';

const TSC_7 = join(REPO_ROOT, 'node_modules/typescript-7/bin/tsc');
const CLI = join(PACKAGE_DIR, 'dist/esm/annotate-cli.js');
const APP = join(PACKAGE_DIR, 'test/pipelines/app');

/**
 * Added to the copy (the shared app stays as it is): a call that throws after a class's closing
 * brace, on the line where Pinion inserts that class's metadata, so that the stack trace through
 * `node --enable-source-maps` shows whether the map was chained through Pinion's edit.
 */
const FUSE = `import { Clock } from './clock.js';

/** Fails after a class's closing brace, on the line where Pinion inserts that class's metadata. */
export const fuse = (clock: Clock) => new (class Fuse { constructor(readonly clock: Clock) {} })(clock).clock.id.length.toFixed(200);

fuse(new Clock());
`;

let dir: string;
let tsc: RunResult;
let emitted: Record<string, string>;
let first: RunResult;
let second: RunResult;
let afterFirst: Record<string, string>;
let afterSecond: Record<string, string>;

const outFiles = () =>
  Object.fromEntries(readdirSync(join(dir, 'out')).map((f) => [f, readFileSync(join(dir, 'out', f), 'utf8')]));

beforeAll(() => {
  requireBuiltPackages();
  dir = makeTempDir('annotate');
  cpSync(APP, dir, { recursive: true });
  writeFileSync(join(dir, 'src/fuse.ts'), FUSE);
  // TypeScript 7 wants `rootDir` when `outDir` is set (TS5011 otherwise); the app's tsconfig
  // leaves it to the command line, so that out/main.js is where every pipeline expects it.
  tsc = runNode([TSC_7, '-p', join(dir, 'tsconfig.json'), '--rootDir', join(dir, 'src')]);
  emitted = outFiles();
  first = runNode([CLI, 'out'], dir);
  afterFirst = outFiles();
  second = runNode([CLI, 'out'], dir);
  afterSecond = outFiles();
}, BUILD_TIMEOUT);

afterAll(() => removeDir(dir));

describe('pinion-annotate after TypeScript 7.0 tsc', () => {
  it('gets an es2022 build with source maps from tsc 7, decorators lowered', () => {
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
    expect(afterFirst['app-spec.js']).toContain('__esDecorate(');
    expect(afterFirst['app-spec.js.map']).toBeDefined();
  });

  it('annotates every class of the emitted files and says how many', () => {
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    // AppSpec, Clock, Fuse and the three services, in app-spec.js, clock.js, fuse.js, services.js;
    // ids.js and main.js hold no class.
    expect(first.stdout).toBe(
      'pinion-annotate: annotated 6 classes in 4 files (6 files read, locations relative to .)\n',
    );
  });

  it.each(NODE_MAJORS)(
    'gives the app, run by Node %i, the identities of every pipeline and locations in src/*.ts',
    async (major) => {
      const run = await runNodeWith(nodeBinary(major), ['out/main.js'], { cwd: dir });
      expect(identitiesOf(run.stdout, run.stderr)).toEqual(EXPECTED_IDENTITIES);
      expect(run.status).toBe(0);
    },
    NODE_INSTALL_TIMEOUT,
  );

  it('chains the source maps: every position tsc mapped still leads to the same .ts line and column', () => {
    const map = JSON.parse(afterFirst['services.js.map']);
    expect(map).toMatchObject({ version: 3, file: 'services.js', sourceRoot: '', sources: ['../src/services.ts'] });
    expect(afterFirst['services.js'].trimEnd().split('\n')).toContain('//# sourceMappingURL=services.js.map');
    let movedChecked = 0;
    for (const file of ['app-spec.js', 'clock.js', 'fuse.js', 'services.js']) {
      const before = emitted[file].split('\n');
      const after = afterFirst[file].split('\n');
      const chained = new TraceMap(afterFirst[`${file}.map`]);
      let checked = 0;
      for (const [index, segments] of decodedMappings(new TraceMap(emitted[`${file}.map`])).entries()) {
        // Where Pinion inserted text on this line, and how much: positions from there on moved right.
        const insertedAt = after[index].indexOf('; static { __pinion');
        const shift = after[index].length - before[index].length;
        for (const [column, , line, originalColumn] of segments) {
          // A position past the line's last character points at no code (tsc maps some line ends).
          if (column >= before[index].length || line === undefined) continue;
          const moved = insertedAt >= 0 && column >= insertedAt ? column + shift : column;
          const traced = originalPositionFor(chained, { line: index + 1, column: moved });
          expect({ file, index, column, traced: [traced.line, traced.column] }).toEqual({
            file,
            index,
            column,
            traced: [line + 1, originalColumn],
          });
          checked++;
          if (moved !== column) movedChecked++;
        }
      }
      expect(checked).toBeGreaterThan(10);
    }
    // Some of them sit after the inserted metadata on its line (fuse.ts: `})(clock).clock…`).
    expect(movedChecked).toBeGreaterThan(0);
  });

  it('leads a stack trace through node --enable-source-maps to the .ts line and column', () => {
    const run = runNode(['--enable-source-maps', 'out/fuse.js'], dir);
    const lines = FUSE.split('\n');
    const line = lines.findIndex((l) => l.includes('toFixed')) + 1;
    const column = lines[line - 1].indexOf('toFixed') + 1;
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('RangeError: toFixed() digits argument must be between 0 and 100');
    expect(run.stderr).toContain(`at fuse (${join(dir, 'src/fuse.ts')}:${line}:${column})`);
  });

  it('takes the declared types of parameters from the .ts source, as tsc leaves none in its output', () => {
    expect(emitted['fuse.js']).not.toContain(': Clock');
    expect(afterFirst['fuse.js']).toContain('params: [{ name: "clock", kind: "plain", type: "Clock" }]');
  });

  it('annotates nothing the second time and leaves every file as it was', () => {
    expect(second.status).toBe(0);
    expect(second.stdout).toBe(
      'pinion-annotate: annotated 0 classes in 0 files (6 files read, locations relative to .)\n',
    );
    expect(afterSecond).toEqual(afterFirst);
  });
});
