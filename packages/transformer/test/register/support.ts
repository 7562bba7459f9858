// Shared by the register tests: real `node` processes of each major version, run with
// `@pinion/transformer/register` (resolved through the workspace's node_modules, as a user's
// project resolves it), and the fixture apps they run.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { NODE_INSTALL_TIMEOUT, type NodeMajor, nodeBinary } from '../support/node-binaries.js';

export const REPO_ROOT = resolve(__dirname, '../../../..');
export const PACKAGE_DIR = resolve(__dirname, '../..');
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

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node ...args` of that major version in `cwd`, with `env` added to this process's
 * environment. Several runs may overlap, so each suite starts all of its runs at once in
 * `beforeAll` and its tests read the results.
 */
export function runNode(
  major: NodeMajor,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): Promise<RunResult> {
  const binary = nodeBinary(major);
  return new Promise((resolvePromise, reject) => {
    const child = spawn(binary, args, { cwd, env: { ...childEnv(), ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (status) => resolvePromise({ status, stdout, stderr }));
  });
}

/** The environment of child processes: this Jest worker's own variables left out. */
function childEnv(): NodeJS.ProcessEnv {
  const { JEST_WORKER_ID: _worker, NODE_OPTIONS: _options, NODE_V8_COVERAGE: _coverage, ...env } = process.env;
  return env;
}

/** Everything a run printed, for failure messages. */
export function describeRun(run: RunResult): string {
  return `exit ${run.status}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`;
}

/** The loader is used through the package's exports map, as users do: the build must exist. */
export function requireBuiltPackages(): void {
  const missing = [
    'packages/transformer/dist/esm/register.js',
    'packages/transformer/dist/cjs/register.js',
    'packages/runtime/dist/esm/index.js',
    'packages/runtime/dist/cjs/index.js',
  ].filter((file) => !existsSync(join(REPO_ROOT, file)));
  if (missing.length > 0) throw new Error(`build the packages first (pnpm build); missing: ${missing.join(', ')}`);
}

/**
 * A fresh folder under `packages/transformer/.tmp` (git-ignored): inside the repository, so that
 * Node's resolution from it reaches the workspace's `node_modules` (`@pinion/runtime`, the
 * transformer, tsx) as it does from a user's project.
 */
export function makeTempDir(label: string): string {
  const base = join(PACKAGE_DIR, '.tmp');
  mkdirSync(base, { recursive: true });
  return mkdtempSync(join(base, `register-${label}-`));
}

export function removeDir(dir: string | undefined): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
}

/** Copies a fixture app's sources and package.json into `dir`. */
export function copyApp(app: string, dir: string): void {
  cpSync(app, dir, { recursive: true, filter: (source) => !/[\\/](out|node_modules)$/.test(source) });
}
