// `@pinion/transformer/tsc` is a ts-patch plugin: a user lists it in tsconfig
// (`"plugins": [{ "transform": "@pinion/transformer/tsc" }]`) and builds with ts-patch's `tspc`,
// which runs the real tsc, patched in memory. This test does exactly that on a copy of the
// fixture app, from another working directory than the project's, then runs the output with node.
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  APP_METADATA,
  APP_REGISTERED,
  type AppReport,
  BUILD_TIMEOUT,
  copyApp,
  makeTempDir,
  metadataOf,
  OVERLOADS_WARNING,
  REPO_ROOT,
  type RunResult,
  removeDir,
  requireBuiltPackages,
  runApp,
  runNode,
} from './helpers.js';

const TSPC = join(REPO_ROOT, 'node_modules/ts-patch/bin/tspc.js');

let dir: string;
let tsc: RunResult;
let report: AppReport;

beforeAll(() => {
  requireBuiltPackages();
  dir = makeTempDir('tsc');
  copyApp(dir);
  tsc = runNode([TSPC, '-p', join(dir, 'tsconfig.json')], REPO_ROOT);
  report = runApp(join(dir, 'out/main.js'));
}, BUILD_TIMEOUT);

afterAll(() => removeDir(dir));

/** The diagnostics tsc printed, one per line: `file(line,col): category TScode: text`. */
function diagnosticLines(output: string): string[] {
  return output.split('\n').filter((line) => /\): (error|warning|message) TS\d+: /.test(line));
}

describe('@pinion/transformer/tsc under ts-patch (tspc)', () => {
  it('loads the plugin (the default export of the CommonJS build) and writes every output file', () => {
    for (const file of ['main', 'database', 'repository', 'service', 'overloads', 'fuse', 'crash']) {
      expect(existsSync(join(dir, 'out', `${file}.js`))).toBe(true);
    }
    expect(tsc.stdout + tsc.stderr).not.toMatch(/error TS|TsPatchError|Cannot find module/);
  });

  it('gives every class of the emitted app, run by node, its source name, parameters and location', () => {
    // Locations are relative to the plugin's `"root": "."`, which is taken from the tsconfig's
    // folder although tsc ran in the repository's root.
    expect(metadataOf(report)).toEqual(APP_METADATA);
    expect(report.registered).toEqual(APP_REGISTERED);
  });

  it("reports a class with constructor overloads only as a tsc warning, with the class's file and line", () => {
    const file = relative(REPO_ROOT, join(dir, OVERLOADS_WARNING.file));
    expect(diagnosticLines(tsc.stdout)).toEqual([
      `${file}(${OVERLOADS_WARNING.line},${OVERLOADS_WARNING.column}): warning TS990001: PINION_NO_CONSTRUCTOR_BODY: ` +
        'class Overloaded declares constructor overloads without an implementation; Pinion left it unannotated',
    ]);
    expect(report.classes.Overloaded.metadata).toBeNull();
  });

  it('still emits the build when warned: tsc exits with 2, "diagnostics present, outputs generated"', () => {
    // tsc counts every diagnostic, warnings included, in its exit status; 1 would mean that it
    // skipped the outputs. The warning above is the only diagnostic, and the app ran.
    expect(tsc.status).toBe(2);
    expect(existsSync(join(dir, 'out/overloads.js'))).toBe(true);
  });
});
