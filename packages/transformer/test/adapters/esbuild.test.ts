// `pinionEsbuild()` annotates every file esbuild loads. These tests bundle the fixture app (several
// files, classes that depend on each other, `@pinion/runtime` bundled in) plain and minified, run
// both bundles with node, and check source maps and warnings.
import { mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pinionEsbuild } from '@pinion/transformer/esbuild';
import * as esbuild from 'esbuild';
import {
  APP,
  APP_METADATA,
  APP_REGISTERED,
  type AppReport,
  BUILD_TIMEOUT,
  metadataOf,
  OVERLOADS_WARNING,
  REPO_ROOT,
  type RunResult,
  requireBuiltPackages,
  runApp,
  runNode,
} from './helpers.js';

let out: string;
let plain: esbuild.BuildResult;
let minified: esbuild.BuildResult;
let plainReport: AppReport;
let minifiedReport: AppReport;

/** Builds one entry of the fixture app into `out`; the bundles are self-contained. */
function bundle(entry: string, outfile: string, options: esbuild.BuildOptions = {}): Promise<esbuild.BuildResult> {
  return esbuild.build({
    absWorkingDir: APP,
    entryPoints: [join(APP, 'src', entry)],
    outfile: join(out, outfile),
    bundle: true,
    platform: 'node',
    format: 'esm',
    logLevel: 'silent',
    plugins: [pinionEsbuild()],
    ...options,
  });
}

beforeAll(async () => {
  requireBuiltPackages();
  out = mkdtempSync(join(tmpdir(), 'pinion-esbuild-'));
  [plain, minified] = await Promise.all([
    bundle('main.ts', 'plain.mjs'),
    bundle('main.ts', 'minified.mjs', { minify: true }),
  ]);
  plainReport = runApp(join(out, 'plain.mjs'));
  minifiedReport = runApp(join(out, 'minified.mjs'));
}, BUILD_TIMEOUT);

afterAll(() => {
  if (out) rmSync(out, { recursive: true, force: true });
});

describe('pinionEsbuild() bundling the fixture app', () => {
  it('gives every class of the plain bundle, run by node, its source name, parameters and location', () => {
    expect(plain.errors).toEqual([]);
    expect(metadataOf(plainReport)).toEqual(APP_METADATA);
    expect(plainReport.classes.DatabaseConnection.runtimeName).toBe('DatabaseConnection');
  });

  it('bundles @pinion/runtime without annotating its classes, though it is linked in from outside node_modules', () => {
    expect(realpathSync(join(REPO_ROOT, 'node_modules/@pinion/runtime'))).not.toMatch(/node_modules/);
    expect(readFileSync(join(out, 'plain.mjs'), 'utf8')).toContain('function getClassMetadata(');
    expect(plainReport.registered).toEqual(APP_REGISTERED);
  });

  it('the minified bundle reports the same original names, though minification renamed the classes', () => {
    expect(minified.errors).toEqual([]);
    expect(metadataOf(minifiedReport)).toEqual(metadataOf(plainReport));
    expect(minifiedReport.registered).toEqual(APP_REGISTERED);
    for (const key of ['DatabaseConnection', 'UserRepository', 'AuditLog', 'UserService', 'AppSpec']) {
      expect(minifiedReport.classes[key].runtimeName).not.toBe(key);
    }
    const plainCode = readFileSync(join(out, 'plain.mjs'), 'utf8');
    const minifiedCode = readFileSync(join(out, 'minified.mjs'), 'utf8');
    // The parameters themselves were renamed too; only Pinion's string literals keep their names.
    expect(plainCode).toContain('constructor(databaseUrl, poolSize = 4)');
    expect(minifiedCode).not.toContain('constructor(databaseUrl');
    expect(minifiedCode).toContain('name:"databaseUrl"');
  });

  it("puts Pinion's warning among esbuild's warnings, with file, line and column, and still builds", () => {
    for (const result of [plain, minified]) {
      expect(result.warnings).toEqual([
        expect.objectContaining({
          pluginName: 'pinion',
          text: expect.stringMatching(/^PINION_NO_CONSTRUCTOR_BODY: class Overloaded declares constructor overloads/),
          location: expect.objectContaining({
            file: OVERLOADS_WARNING.file,
            line: OVERLOADS_WARNING.line,
            column: OVERLOADS_WARNING.column - 1, // esbuild's columns are 0-based
            lineText: '  constructor(name: string);',
          }),
          detail: expect.objectContaining({ code: 'PINION_NO_CONSTRUCTOR_BODY' }),
        }),
      ]);
    }
    expect(plainReport.classes.Overloaded.metadata).toBeNull();
  });
});

describe('pinionEsbuild() with source maps', () => {
  const fuseSource = readFileSync(join(APP, 'src/fuse.ts'), 'utf8');
  const fuseLines = fuseSource.split('\n');
  const throwLine = fuseLines.findIndex((line) => line.includes('throw new Error')) + 1;
  const throwColumn = fuseLines[throwLine - 1].indexOf('new Error') + 1;
  let crash: RunResult;
  let stderr: string;
  let map: { sources: string[]; sourcesContent: string[] };

  beforeAll(async () => {
    await bundle('crash.ts', 'crash.mjs', { sourcemap: true });
    crash = runNode(['--enable-source-maps', join(out, 'crash.mjs')]);
    stderr = crash.stderr;
    map = JSON.parse(readFileSync(join(out, 'crash.mjs.map'), 'utf8'));
  }, BUILD_TIMEOUT);

  it("maps an error's stack to the original .ts line and column, past the code Pinion inserted on that line", () => {
    expect(crash.status).toBe(1);
    expect(stderr).toContain('Error: boom after 3s');
    expect(stderr).toContain(`at explode (${join(APP, 'src/fuse.ts')}:${throwLine}:${throwColumn})`);
  });

  it('maps back to the original source text, not to the annotated one', () => {
    const index = map.sources.findIndex((source) => source.endsWith('src/fuse.ts'));
    expect(map.sourcesContent[index]).toBe(fuseSource);
    expect(stderr).toContain(fuseLines[throwLine - 1]);
    expect(stderr).not.toContain('pinion.metadata');
  });
});

describe('pinionEsbuild() next to other plugins', () => {
  it("leaves modules in another plugin's namespace to that plugin, even when listed first", async () => {
    const virtual: esbuild.Plugin = {
      name: 'virtual',
      setup(build) {
        build.onResolve({ filter: /^virtual:/ }, (args) => ({
          path: `${args.path.slice(8)}.ts`,
          namespace: 'virtual',
        }));
        build.onLoad({ filter: /.*/, namespace: 'virtual' }, () => ({
          contents: 'export class Settings { constructor(readonly port: number) {} }',
          loader: 'ts',
        }));
      },
    };
    const result = await esbuild.build({
      stdin: { contents: 'export { Settings } from "virtual:settings";', loader: 'ts', resolveDir: APP },
      bundle: true,
      write: false,
      format: 'esm',
      logLevel: 'silent',
      plugins: [pinionEsbuild(), virtual],
    });
    expect(result.errors).toEqual([]);
    expect(result.outputFiles[0].text).toContain('constructor(port)');
  });
});
