// `pinion-annotate`'s command line: usage errors (exit 2, saying what was wrong), warnings with
// file:line:column (exit 0), inline and missing source maps, `--root`, `node_modules` skipped, and
// a transform that cannot run at all (exit 1). Small hand-written projects, the built bin.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { transformSync } from 'esbuild';
import {
  makeTempDir,
  PACKAGE_DIR,
  removeDir,
  requireBuiltPackages,
  runNode,
  runNodeWith,
} from '../adapters/helpers.js';

const CLI = join(PACKAGE_DIR, 'dist/esm/annotate-cli.js');

let dir: string;

/** Writes `files` (path → text) under `dir`. */
function write(files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

const annotate = (...args: string[]) => runNode([CLI, ...args], dir);

/** The metadata of `exportName` in the annotated module `file`, read as the runtime reads it. */
function metadataOf(file: string, exportName: string): unknown {
  const script = `import(${JSON.stringify(join(dir, file))}).then((m) => console.log(JSON.stringify(m.${exportName}[Symbol.for('pinion.metadata')])))`;
  const run = runNode(['-e', script], dir);
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout);
}

beforeAll(() => requireBuiltPackages());
beforeEach(() => {
  dir = makeTempDir('annotate-cli');
  write({ 'package.json': '{ "name": "cli-fixture", "type": "module" }\n' });
});
afterEach(() => removeDir(dir));

describe('pinion-annotate usage errors', () => {
  it.each([
    [[], 'missing <outDir>'],
    [['out', 'more'], 'one <outDir> expected, got 2: out more'],
    [['--frobnicate', 'out'], 'unknown option --frobnicate'],
    [['out', '--root'], '--root needs a folder: --root DIR'],
    [['out', '--root', 'x', '--root=y'], '--root is given twice'],
    [['nowhere'], '<outDir> nowhere does not exist'],
    [['package.json'], '<outDir> package.json is not a folder'],
    [['out', '--root', 'nowhere'], '--root nowhere does not exist'],
  ])('pinion-annotate %j: exit 2, naming the problem, then the usage', (args, problem) => {
    mkdirSync(join(dir, 'out'));
    const run = annotate(...args);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      new RegExp(
        `^pinion-annotate: ${problem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[^\n]*\n\nUsage: pinion-annotate <outDir> \\[--root DIR\\]`,
      ),
    );
  });

  it('prints the usage for --help, exit 0', () => {
    const run = annotate('--help');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Usage: pinion-annotate <outDir> \[--root DIR\]\n/);
    expect(run.stdout).toContain('Exit status: 0 done (warnings included), 1 could not annotate, 2 usage error.');
  });
});

describe('pinion-annotate on hand-written output', () => {
  it('prints warnings with file:line:column, annotates the rest, exits 0', () => {
    write({
      'out/broken.js': 'export class Broken {\n  constructor(a) {\n',
      'out/fine.cjs': 'class Fine {\n  constructor(a) {}\n}\nmodule.exports = { Fine };\n',
    });
    const run = annotate('out');
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/^warning PINION_SYNTAX_ERROR: out\/broken\.js:\d+:\d+: /);
    expect(run.stdout).toContain('annotated 1 class in 1 file (2 files read');
  });

  it('reads an inline source map, names the .ts in locations, and writes the chained map inline', () => {
    const ts = 'export const before = 1;\n\nexport class Ledger {\n  constructor(readonly entries: string[]) {}\n}\n';
    const js = transformSync(ts, { loader: 'ts', format: 'esm', sourcemap: 'inline', sourcefile: '../src/ledger.ts' });
    write({ 'src/ledger.ts': ts, 'out/ledger.js': js.code });
    expect(annotate('out').status).toBe(0);
    expect(metadataOf('out/ledger.js', 'Ledger')).toEqual({
      name: 'Ledger',
      params: [{ name: 'entries', kind: 'plain' }],
      location: { file: 'src/ledger.ts', line: 3, column: 14 },
    });
    const code = readFileSync(join(dir, 'out/ledger.js'), 'utf8');
    const urls = [...code.matchAll(/sourceMappingURL=data:application\/json;[^,]*base64,([A-Za-z0-9+/=]+)/g)];
    expect(urls).toHaveLength(1);
    expect(JSON.parse(Buffer.from(urls[0][1], 'base64').toString('utf8')).sources).toEqual(['../src/ledger.ts']);
  });

  it('warns about a source map that is not there and locates the classes in the .js instead', () => {
    write({ 'out/lost.js': 'export class Lost {\n  constructor(a) {}\n}\n//# sourceMappingURL=lost.js.map\n' });
    const run = annotate('out');
    expect(run.status).toBe(0);
    expect(run.stderr).toBe(
      "warning: out/lost.js: its source map lost.js.map does not exist; its classes' locations name the JavaScript file instead\n",
    );
    expect(metadataOf('out/lost.js', 'Lost')).toMatchObject({ location: { file: 'out/lost.js', line: 1, column: 14 } });
  });

  it('takes locations relative to --root, and skips node_modules', () => {
    write({
      'out/a.js': 'export class A {\n  constructor(b) {}\n}\n',
      'out/node_modules/dep/index.js': 'export class Dep {\n  constructor(c) {}\n}\n',
    });
    const run = annotate('out', '--root', 'out');
    expect(run.stdout).toBe('pinion-annotate: annotated 1 class in 1 file (1 file read, locations relative to out)\n');
    expect(metadataOf('out/a.js', 'A')).toMatchObject({ location: { file: 'a.js', line: 1, column: 14 } });
    expect(readFileSync(join(dir, 'out/node_modules/dep/index.js'), 'utf8')).not.toContain('pinion');
  });

  it('takes the project above a module-format marker package.json as the default root', () => {
    write({
      'dist/cjs/package.json': '{ "type": "commonjs" }\n',
      'dist/cjs/a.js': 'class A {\n  constructor(b) {}\n}\n',
    });
    expect(annotate('dist/cjs').stdout).toContain('locations relative to .)');
  });

  it('exits 1 with the reason when the transform cannot run (its parser cannot load)', async () => {
    write({ 'out/a.js': 'export class A {\n  constructor(b) {}\n}\n' });
    // oxc-parser loads the native binding named here first, and fails when it is missing.
    const run = await runNodeWith(process.execPath, [CLI, 'out'], {
      cwd: dir,
      env: { NAPI_RS_NATIVE_LIBRARY_PATH: join(dir, 'missing-parser.node') },
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^pinion-annotate: cannot annotate out\b.*native binding/);
    expect(readFileSync(join(dir, 'out/a.js'), 'utf8')).not.toContain('pinion');
  });
});
