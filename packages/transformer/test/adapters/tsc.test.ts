// `@pinion/transformer/tsc` is a ts-patch plugin: a user lists it in tsconfig
// (`"plugins": [{ "transform": "@pinion/transformer/tsc" }]`) and builds with ts-patch's `tspc`,
// which runs the real tsc, patched in memory. This test does exactly that on a copy of the
// fixture app, from another working directory than the project's, then runs the output with node:
// with ts-patch 3 and TypeScript 5.9, and with ts-patch 4 (which supports only TypeScript 6 and
// later) and TypeScript 6.0.
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
  runNodeWith,
} from './helpers.js';

interface Recipe {
  name: string;
  /** What `tspc -v` prints: the TypeScript the recipe compiles with. */
  version: RegExp;
  tspc: string;
  env?: NodeJS.ProcessEnv;
  args?: string[];
}

const RECIPES: Recipe[] = [
  {
    name: 'ts-patch 3 with TypeScript 5.9',
    version: /^Version 5\.9\./,
    tspc: join(REPO_ROOT, 'node_modules/ts-patch/bin/tspc.js'),
  },
  {
    name: 'ts-patch 4 with TypeScript 6.0',
    version: /^Version 6\.0\./,
    tspc: join(REPO_ROOT, 'node_modules/ts-patch-4/bin/tspc.js'),
    // A TypeScript 6 project has `typescript` 6 installed; here that is the `typescript-6.0` alias,
    // which ts-patch's live compiler is pointed at. TypeScript 6 deprecates the fixture's
    // `moduleResolution: "Node10"` (an error unless silenced), which is no concern of Pinion's.
    env: { TSP_COMPILER_TS_PATH: join(REPO_ROOT, 'node_modules/typescript-6.0') },
    args: ['--ignoreDeprecations', '6.0'],
  },
];

const builds = new Map<string, { dir: string; tsc: RunResult; report: AppReport; version: string }>();

beforeAll(async () => {
  requireBuiltPackages();
  await Promise.all(
    RECIPES.map(async (recipe) => {
      const dir = makeTempDir('tsc');
      copyApp(dir);
      const tsc = await runNodeWith(
        process.execPath,
        [recipe.tspc, '-p', join(dir, 'tsconfig.json'), ...(recipe.args ?? [])],
        {
          env: recipe.env,
        },
      );
      const version = await runNodeWith(process.execPath, [recipe.tspc, '-v'], { env: recipe.env });
      builds.set(recipe.name, { dir, tsc, report: runApp(join(dir, 'out/main.js')), version: version.stdout.trim() });
    }),
  );
}, BUILD_TIMEOUT);

afterAll(() => {
  for (const { dir } of builds.values()) removeDir(dir);
});

/** The diagnostics tsc printed, one per line: `file(line,col): category TScode: text`. */
function diagnosticLines(output: string): string[] {
  return output.split('\n').filter((line) => /\): (error|warning|message) TS\d+: /.test(line));
}

describe.each(RECIPES.map((recipe) => recipe.name))('@pinion/transformer/tsc under %s (tspc)', (name) => {
  const build = () => builds.get(name)!;

  it('compiles with the TypeScript the recipe names', () => {
    expect(build().version).toMatch(RECIPES.find((recipe) => recipe.name === name)!.version);
  });

  it('loads the plugin (the default export of the CommonJS build) and writes every output file', () => {
    const { dir, tsc } = build();
    for (const file of ['main', 'database', 'repository', 'service', 'overloads', 'fuse', 'crash']) {
      expect(existsSync(join(dir, 'out', `${file}.js`))).toBe(true);
    }
    expect(tsc.stdout + tsc.stderr).not.toMatch(/error TS|TsPatchError|Cannot find module/);
  });

  it('gives every class of the emitted app, run by node, its source name, parameters and location', () => {
    // Locations are relative to the plugin's `"root": "."`, which is taken from the tsconfig's
    // folder although tsc ran in the repository's root.
    const { report } = build();
    expect(metadataOf(report)).toEqual(APP_METADATA);
    expect(report.registered).toEqual(APP_REGISTERED);
  });

  it("reports a class with constructor overloads only as a tsc warning, with the class's file and line", () => {
    const { dir, tsc, report } = build();
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
    const { dir, tsc } = build();
    expect(tsc.status).toBe(2);
    expect(existsSync(join(dir, 'out/overloads.js'))).toBe(true);
  });
});
