// Running real processes for the tests that need them (builds, bundlers, `node` of another major
// version, the register hook): a command (a node binary, bun, …) with its arguments, in a folder,
// blocking or not, and what it returned. Every child gets this process's environment without the
// variables Jest set for its own worker, which would change how a child Node runs.
import { spawn, spawnSync } from 'node:child_process';

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd: string;
  /** Added to the child's environment; a variable set to `undefined` is left out of it. */
  env?: NodeJS.ProcessEnv;
}

/**
 * The environment of child processes: this one's, without the Jest worker's own variables
 * (`JEST_WORKER_ID`; `NODE_OPTIONS`, which may preload Jest's hooks), then `env`.
 */
export function childEnv(env: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const { JEST_WORKER_ID: _worker, NODE_OPTIONS: _options, ...inherited } = process.env;
  const merged: NodeJS.ProcessEnv = { ...inherited, ...env };
  for (const [name, value] of Object.entries(merged)) if (value === undefined) delete merged[name];
  return merged;
}

/** Runs `command ...args` and waits for it; fails if it could not be started at all. */
export function runProcessSync(command: string, args: string[], options: RunOptions): RunResult {
  const result = spawnSync(command, args, { cwd: options.cwd, encoding: 'utf8', env: childEnv(options.env) });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs `command ...args` without blocking, so that several runs can overlap. */
export function runProcess(command: string, args: string[], options: RunOptions): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: childEnv(options.env) });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Everything a run printed, for failure messages. */
export function describeRun(run: RunResult): string {
  return `exit ${run.status}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`;
}
