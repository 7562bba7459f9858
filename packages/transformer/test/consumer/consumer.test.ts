// The packages as a user gets them: `pnpm pack` of @pinion/runtime and @pinion/transformer, a
// fresh project outside the repository (so the workspace's node_modules are out of reach) whose
// only TypeScript is 7.0.2 from the registry, a plain `npm install`, and the shared pipeline app
// built two ways: tsc 7 + `npx pinion-annotate out`, and esbuild + `pinionEsbuild()`. Needs the
// npm registry; one install of about 20 packages.
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, requireBuiltPackages } from '../adapters/helpers.js';
import { EXPECTED_IDENTITIES, identitiesOf } from '../pipelines/expected.js';

/** `npm install` from the registry, on a loaded 2-core machine. */
const INSTALL_TIMEOUT = 300_000;
const APP = join(REPO_ROOT, 'packages/transformer/test/pipelines/app');

/** The esbuild pipeline: target Node 20, which has no decorators, so esbuild lowers them. */
const BUILD_SCRIPT = `import { build } from 'esbuild';
import { pinionEsbuild } from '@pinion/transformer/esbuild';

await build({
  entryPoints: ['src/main.ts'],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  outfile: 'dist/main.js',
  sourcemap: true,
  plugins: [pinionEsbuild()],
});
`;

interface Run {
  status: number | null;
  output: string;
  stdout: string;
  stderr: string;
}

let packs: string;
let project: string;
let install: Run;

/** Runs `command` (npm, npx, node, pnpm from PATH) in `cwd`; never throws on a failed command. */
function run(command: string, args: string[], cwd: string, timeout = INSTALL_TIMEOUT): Run {
  // The test's own npm/pnpm settings (workspace, NODE_OPTIONS) must not leak into the user's project.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(npm_|NODE_OPTIONS$|JEST_WORKER_ID$|PNPM_)/i.test(key)),
  );
  const result: SpawnSyncReturns<string> = spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout });
  if (result.error) throw result.error;
  return {
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    output: `$ ${command} ${args.join(' ')}\n${result.stdout}${result.stderr}`,
  };
}

/** `pnpm pack` of one workspace package into `packs`; the tarball's path. */
function pack(packageDir: string): string {
  let result = run('pnpm', ['pack', '--pack-destination', packs], join(REPO_ROOT, packageDir));
  // A build running meanwhile (another terminal) swaps dist/ under pnpm's feet: try again.
  for (let attempt = 1; attempt < 3 && /ENOENT/.test(result.output); attempt++) {
    result = run('pnpm', ['pack', '--pack-destination', packs], join(REPO_ROOT, packageDir));
  }
  if (result.status !== 0) throw new Error(result.output);
  const tarball = result.stdout.trim().split('\n').pop() ?? '';
  if (!tarball.endsWith('.tgz')) throw new Error(`pnpm pack printed no tarball:\n${result.output}`);
  return tarball;
}

beforeAll(() => {
  requireBuiltPackages();
  packs = mkdtempSync(join(tmpdir(), 'pinion-packs-'));
  project = mkdtempSync(join(tmpdir(), 'pinion-consumer-'));
  const runtime = pack('packages/runtime');
  const transformer = pack('packages/transformer');
  const manifest = {
    name: 'pinion-consumer',
    private: true,
    type: 'module',
    dependencies: { '@pinion/runtime': `file:${runtime}` },
    devDependencies: { '@pinion/transformer': `file:${transformer}`, esbuild: '0.28.2', typescript: '7.0.2' },
  };
  writeFileSync(join(project, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  cpSync(join(APP, 'src'), join(project, 'src'), { recursive: true });
  // The app's tsconfig, as a user of TypeScript 7 writes it: `rootDir` (TS5011 without it when
  // `outDir` is set) and no @types/node, which this project does not install (the app needs none).
  const tsconfig = JSON.parse(readFileSync(join(APP, 'tsconfig.json'), 'utf8'));
  tsconfig.compilerOptions = { ...tsconfig.compilerOptions, rootDir: 'src', types: [] };
  writeFileSync(join(project, 'tsconfig.json'), `${JSON.stringify(tsconfig, null, 2)}\n`);
  writeFileSync(join(project, 'build.mjs'), BUILD_SCRIPT);
  install = run('npm', ['install'], project);
}, INSTALL_TIMEOUT + 60_000);

afterAll(() => {
  for (const dir of [packs, project]) if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the packed packages in a fresh project with TypeScript 7 only', () => {
  it('install with plain `npm install`: no ERESOLVE, no peer-dependency warning about pinion', () => {
    expect(install.output).not.toMatch(/ERESOLVE/);
    const peerWarnings = install.output.split('\n').filter((line) => /peer/i.test(line) && /pinion/i.test(line));
    expect(peerWarnings).toEqual([]);
    expect(install.status).toBe(0);
  });

  it('tsc 7 + `npx pinion-annotate out`: the app prints the identities of every pipeline', () => {
    const tsc = run('npx', ['--no', '--', 'tsc', '-p', 'tsconfig.json'], project);
    expect(tsc.output).not.toMatch(/error/i);
    expect(tsc.status).toBe(0);
    const annotate = run('npx', ['--no', '--', 'pinion-annotate', 'out'], project);
    expect(annotate.stdout).toMatch(/^pinion-annotate: annotated 5 classes in 3 files /);
    expect(annotate.status).toBe(0);
    const app = run(process.execPath, ['out/main.js'], project);
    expect(identitiesOf(app.stdout, app.stderr)).toEqual(EXPECTED_IDENTITIES);
  });

  it('esbuild + pinionEsbuild(): the app prints the identities of every pipeline', () => {
    const build = run(process.execPath, ['build.mjs'], project);
    expect(build.status).toBe(0);
    const app = run(process.execPath, ['dist/main.js'], project);
    expect(identitiesOf(app.stdout, app.stderr)).toEqual(EXPECTED_IDENTITIES);
  });
});
