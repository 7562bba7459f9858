// Shared by the register tests: real `node` processes of each major version, run with
// `@pinion/transformer/register` (resolved through the workspace's node_modules, as a user's
// project resolves it), the fixture apps they run, and what those apps must print.
import { join } from 'node:path';
import {
  copyApp,
  makeTempDir as makeAdapterTempDir,
  PACKAGE_DIR,
  REPO_ROOT,
  removeDir,
  requireBuiltPackages as requireBuilt,
} from '../adapters/helpers.js';
import { identitiesOf } from '../pipelines/expected.js';
import { NODE_INSTALL_TIMEOUT, type NodeMajor, nodeBinary } from '../support/node-binaries.js';
import { describeRun, type RunResult, runProcess } from '../support/processes.js';

export { copyApp, removeDir };

export const REGISTER = '@pinion/transformer/register';
/** tsx's command-line entry, run with the Node under test (it starts that same Node again). */
export const TSX_CLI = join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs');
/** The shared pipeline app: decorators and parameter properties, run with tsx. */
export const PIPELINE_APP = join(PACKAGE_DIR, 'test/pipelines/app');
/** The same app without syntax Node's type stripping refuses (see its app-spec.ts). */
export const STRIP_APP = join(__dirname, 'fixtures/strip-app');
/** A class whose constructor throws, for stack traces. */
export const THROWER_APP = join(__dirname, 'fixtures/thrower');
/** Fetching Node 22 and 24 on first use, then the runs themselves. */
export const SETUP_TIMEOUT = NODE_INSTALL_TIMEOUT + 120_000;

/** Node's type stripping is on by default from 22.18 and 24: every 22 and 24 tested has it. */
export const STRIPPING_MAJORS: NodeMajor[] = [22, 24];

/**
 * Runs `node ...args` of that major version in `cwd`, with `env` added to this process's
 * environment (V8 coverage left out: a Node of another version must not write into this run's).
 */
export function runNode(
  major: NodeMajor,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): Promise<RunResult> {
  return runProcess(nodeBinary(major), args, { cwd, env: { NODE_V8_COVERAGE: undefined, ...env } });
}

/** The loader is used through the package's exports map, as users do: the build must exist. */
export function requireBuiltPackages(): void {
  requireBuilt('register');
}

/** A fresh folder under `packages/transformer/.tmp` (see the adapters' `makeTempDir`). */
export function makeTempDir(label: string): string {
  return makeAdapterTempDir(`register-${label}`);
}

/** One way of running an app: node's arguments, its folder, variables, the majors it runs on. */
export interface Variant {
  args: string[];
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** By default, the majors given to `runVariants`. */
  majors?: readonly NodeMajor[];
}

/** The runs of a suite, read by its tests. */
export interface Runs {
  /** The run of `variant` on `major`, whatever its exit status. */
  run(variant: string, major: NodeMajor): RunResult;
  /** The last line a run printed, as JSON; fails with everything it printed unless it exited with 0. */
  output(variant: string, major: NodeMajor): Record<string, unknown>;
}

/**
 * Several runs may overlap, so each suite starts all of its runs at once in `beforeAll`, on every
 * major of `majors` (or of the variant's own), and its tests read the results. `setup` runs in
 * that `beforeAll`, once the build is found: it prepares the apps and returns the variants.
 */
export function runVariants(majors: readonly NodeMajor[], setup: () => Record<string, Variant>): Runs {
  const runs = new Map<string, RunResult>();
  const key = (variant: string, major: NodeMajor) => `${variant} on Node ${major}`;

  beforeAll(async () => {
    requireBuiltPackages();
    const variants = Object.entries(setup());
    await Promise.all(
      variants.flatMap(([variant, { args, cwd, env, majors: only = majors }]) =>
        only.map(async (major) => {
          runs.set(key(variant, major), await runNode(major, args, cwd, env));
        }),
      ),
    );
  }, SETUP_TIMEOUT);

  const run = (variant: string, major: NodeMajor): RunResult => {
    const result = runs.get(key(variant, major));
    if (!result) throw new Error(`no run ${key(variant, major)}`);
    return result;
  };
  const output = (variant: string, major: NodeMajor): Record<string, unknown> => {
    const result = run(variant, major);
    if (result.status !== 0) throw new Error(`${key(variant, major)} failed: ${describeRun(result)}`);
    return identitiesOf(result.stdout, result.stderr) as Record<string, unknown>;
  };
  return { run, output };
}

/**
 * What the thrower app prints when its locations and stack frames name the .ts source's lines and
 * columns: the app's copy in `dir` (the fixture itself by default) is the one whose frames name it.
 */
export function throwerOnTsLines(dir: string = THROWER_APP): Record<string, string> {
  const source = join(dir, 'src/thrower.ts');
  return {
    location: 'src/thrower.ts:4:14',
    constructorFrame: `at new Thrower (${source}:8:11)`,
    // After the class's closing brace, on the line where Pinion inserted its static block.
    afterClassFrame: `at failAfterClass (${source}:10:51)`,
  };
}
