// Shared by the adapter tests: the fixture app, what the runtime must read from each of its
// classes whichever adapter built it, and running builds and their output in real processes.
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type RunResult, runProcess, runProcessSync } from '../support/processes.js';

export const REPO_ROOT = resolve(__dirname, '../../../..');
export const PACKAGE_DIR = resolve(__dirname, '../..');
export const FIXTURES = join(PACKAGE_DIR, 'test/fixtures');
/** For hooks that run real builds: generous, as a loaded machine may run them slowly. */
export const BUILD_TIMEOUT = 60_000;
/** The fixture app: several files, classes with dependencies, one class Pinion must warn about. */
export const APP = join(FIXTURES, 'app');

/**
 * The adapters are loaded by other tools (tsc, ts-jest, esbuild, Node's `--import`) through the
 * package's exports map, so these tests exercise the built package, as users do: `entry` is the
 * transformer's entry point they load, whose CommonJS and ESM builds must exist.
 */
export function requireBuiltPackages(entry = 'index'): void {
  const missing = [
    `packages/transformer/dist/cjs/${entry}.js`,
    `packages/transformer/dist/esm/${entry}.js`,
    'packages/runtime/dist/cjs/index.js',
    'packages/runtime/dist/esm/index.js',
  ].filter((file) => !existsSync(join(REPO_ROOT, file)));
  if (missing.length > 0) {
    throw new Error(`build the packages first (pnpm build); missing: ${missing.join(', ')}`);
  }
}

/**
 * A fresh folder under `packages/transformer/.tmp` (git-ignored): inside the repository, so that
 * Node's resolution from it reaches the workspace's `node_modules` (`@pinion/runtime`, the
 * transformer, ts-patch, tsx) as it does from a user's project.
 */
export function makeTempDir(label: string): string {
  const base = join(PACKAGE_DIR, '.tmp');
  mkdirSync(base, { recursive: true });
  return mkdtempSync(join(base, `${label}-`));
}

export function removeDir(dir: string | undefined): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
}

/** Copies a fixture app (sources, package.json, tsconfig.json; by default the adapters' app) into `dir`. */
export function copyApp(dir: string, app: string = APP): void {
  cpSync(app, dir, { recursive: true, filter: (source) => !/[\\/](out|node_modules)$/.test(source) });
}

export type { RunResult };

/** Runs `node ...args` in `cwd` and waits for it. */
export function runNode(args: string[], cwd: string = REPO_ROOT): RunResult {
  return runProcessSync(process.execPath, args, { cwd });
}

/** Runs `node ...args` in `cwd` without blocking, so that several runs can overlap. */
export function runNodeAsync(args: string[], cwd: string = REPO_ROOT): Promise<RunResult> {
  return runNodeWith(process.execPath, args, { cwd });
}

/**
 * Runs `args` with the `node` executable `node` (another major version, say) without blocking;
 * `env` is added to the child's environment.
 */
export function runNodeWith(
  node: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<RunResult> {
  return runProcess(node, args, { cwd: options.cwd ?? REPO_ROOT, env: options.env });
}

/** What the fixture app's `main` prints: per class, its runtime `.name` and its metadata. */
export interface AppReport {
  classes: Record<string, { runtimeName: string; metadata: unknown }>;
  /** Names of the classes in the runtime's registry (`loadedClasses()`), sorted. */
  registered: string[];
}

/** Runs a built `main` of the fixture app with node and parses its report. */
export function runApp(mainFile: string, cwd?: string): AppReport {
  const result = runNode([mainFile], cwd);
  if (result.status !== 0) {
    throw new Error(`node ${mainFile} exited with ${result.status}:\n${result.stderr}${result.stdout}`);
  }
  return JSON.parse(result.stdout.trim()) as AppReport;
}

export function metadataOf(report: AppReport): Record<string, unknown> {
  return Object.fromEntries(Object.entries(report.classes).map(([key, { metadata }]) => [key, metadata]));
}

const plain = (name: string, type?: string) =>
  type === undefined ? { name, kind: 'plain' } : { name, kind: 'plain', type };

/**
 * SPEC §2, for the fixture app: source names, constructor parameters in order with their kinds,
 * provider-method parameters, the declared type of each parameter annotated with a class (`DatabaseConnection`,
 * imported as a type) and of no other, and locations relative to the app's root pointing at the class's
 * name (at `class` when it has none). `Overloaded` has only constructor overloads, so Pinion
 * leaves it alone (`null`: no metadata).
 */
export const APP_METADATA: Record<string, unknown> = {
  DatabaseConnection: {
    name: 'DatabaseConnection',
    params: [plain('databaseUrl'), { name: 'poolSize', kind: 'default' }],
    location: { file: 'src/database.ts', line: 1, column: 14 },
  },
  UserRepository: {
    name: 'UserRepository',
    params: [plain('databaseConnection', 'DatabaseConnection'), { name: 'tableName', kind: 'optional' }],
    location: { file: 'src/repository.ts', line: 3, column: 14 },
  },
  AuditLog: {
    name: 'AuditLog',
    params: [plain('userRepository', 'UserRepository'), { name: 'sinks', kind: 'rest' }],
    location: { file: 'src/repository.ts', line: 14, column: 25 },
  },
  UserService: {
    name: 'UserService',
    params: [{ kind: 'destructured' }, plain('userRepository', 'UserRepository')],
    location: { file: 'src/service.ts', line: 3, column: 14 },
  },
  AppSpec: {
    name: 'AppSpec',
    location: { file: 'src/service.ts', line: 10, column: 14 },
    methods: { provideClock: [plain('timeZone'), { name: 'offset', kind: 'default' }] },
  },
  Greeter: {
    name: 'default',
    params: [plain('greeting')],
    location: { file: 'src/service.ts', line: 16, column: 16 },
  },
  Overloaded: null,
};

/** Every annotated class of the app is defined at module level, so all of them register. */
export const APP_REGISTERED = ['AppSpec', 'AuditLog', 'DatabaseConnection', 'UserRepository', 'UserService', 'default'];

/** Where Pinion's warning about `Overloaded` points: its first constructor overload. */
export const OVERLOADS_WARNING = { file: 'src/overloads.ts', line: 5, column: 3 };
