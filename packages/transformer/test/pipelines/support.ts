// Shared by the bundler pipeline tests. Each test writes a build script for its tool into a fresh
// folder under packages/transformer/.tmp, runs it in a real process (the plugins load unplugin,
// which is ESM only, so they cannot run inside Jest's module system), and runs the output with
// real node processes on every supported Node major. `describePipelineRuns` then checks what every
// bundler must do (SPEC §2): the same identities as expected.ts, @pinion/runtime left alone,
// node_modules skipped unless asked, warnings reported, source maps chained, and a build that fails
// when the transform itself cannot run.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import { makeTempDir, REPO_ROOT, removeDir, requireBuiltPackages } from '../adapters/helpers.js';
import { NODE_INSTALL_TIMEOUT, NODE_MAJORS, type NodeMajor, nodeBinary } from '../support/node-binaries.js';
import { type RunResult, runProcess } from '../support/processes.js';
import { EXPECTED_IDENTITIES, identitiesOf } from './expected.js';

export { NODE_MAJORS, type NodeMajor, nodeBinary, type RunResult };

/** The shared fixture app: a singleton, a PROTOTYPE binding, `provideX` and `@provides` methods. */
export const APP = join(__dirname, 'app');
export const BUN = join(REPO_ROOT, 'node_modules/.bin/bun');
/** For a `beforeAll` that may first fetch the Node binaries, then builds and runs. */
export const PIPELINE_TIMEOUT = NODE_INSTALL_TIMEOUT + 180_000;
/** The app's classes: exactly these are annotated and registered, none of @pinion/runtime's. */
export const APP_CLASSES = ['AppSpec', 'Clock', 'InvoiceService', 'OrderService', 'RequestHandler'];
/** What the simulated broken core throws (see `failingCoreArgs`). */
const CORE_FAILURE = 'simulated: the parser could not load';

/** Runs `command ...args` without blocking, so that builds and runs overlap; no colours in what it prints. */
export function run(command: string, args: string[], cwd: string): Promise<RunResult> {
  return runProcess(command, args, { cwd, env: { NO_COLOR: '1', FORCE_COLOR: '0' } });
}

/** A folder for one test file's scripts and outputs, removed by `dispose`. */
export class Workspace {
  readonly dir: string;

  constructor(label: string) {
    requireBuiltPackages();
    this.dir = makeTempDir(label);
    // Bun reads the nearest tsconfig.json to resolve imports: without one here it would find the
    // repository's, whose `paths` point @pinion/* at the TypeScript sources instead of the package.
    this.write('tsconfig.json', '{ "compilerOptions": {} }\n');
    this.write('probe.mjs', PROBE);
  }

  path(name: string): string {
    return join(this.dir, name);
  }

  write(name: string, text: string): string {
    const file = this.path(name);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    return file;
  }

  /** Writes a build script and runs it with node (or bun), `preload` arguments first. */
  script(name: string, source: string, options: { runner?: string; preload?: string[] } = {}): Promise<RunResult> {
    const file = this.write(name, source);
    return run(options.runner ?? process.execPath, [...(options.preload ?? []), file], this.dir);
  }

  /** Runs a built app on Node 20, 22 and 24 at once, each with the registry probe. */
  async runOnEveryNode(file: string): Promise<Record<NodeMajor, RunResult>> {
    const runs = await Promise.all(
      NODE_MAJORS.map((major) => run(nodeBinary(major), ['--import', this.path('probe.mjs'), file], this.dir)),
    );
    return Object.fromEntries(NODE_MAJORS.map((major, i) => [major, runs[i]])) as Record<NodeMajor, RunResult>;
  }

  /** Removes the folder, unless PINION_KEEP_TMP is set (to look at the builds after a failure). */
  dispose(): void {
    if (!process.env.PINION_KEEP_TMP) removeDir(this.dir);
  }
}

/**
 * Preloaded into every run: prints, at exit, the source names of the classes in the runtime's
 * registry (read through @pinion/runtime's own accessors, which share the registry with the copy
 * bundled into the app), so a test can tell which classes Pinion annotated.
 */
const PROBE = `import { getClassMetadata, loadedClasses } from '@pinion/runtime';
process.on('exit', () => {
  const names = loadedClasses().map((cls) => getClassMetadata(cls)?.name ?? '(no metadata)').sort();
  process.stderr.write('\\npinion-registered ' + JSON.stringify(names) + '\\n');
});
`;

/** The registered class names a probed run printed. */
export function registeredOf(result: RunResult): string[] {
  const line = /^pinion-registered (.*)$/m.exec(result.stderr);
  if (!line) throw new Error(`the run printed no registry:\n${result.stderr}`);
  return JSON.parse(line[1]) as string[];
}

/** The JSON line a build script prints last; fails with everything printed when the build failed. */
export function reportOf<T>(result: RunResult): T {
  if (result.status !== 0) {
    throw new Error(`the build exited with ${result.status}:\n${result.stderr}\n${result.stdout}`);
  }
  return identitiesOf(result.stdout, result.stderr) as T;
}

/**
 * Preload arguments that make the transform core throw, as it would if its parser could not load:
 * a Node module hook (or, for Bun, a runtime plugin) serves the package's `core/transform.js` as a
 * module whose `transform` throws; CommonJS loads get the same through the required module.
 */
export function failingCoreArgs(workspace: Workspace, runtime: 'node' | 'bun' = 'node'): string[] {
  const stub = `export function transform() { throw new Error(${JSON.stringify(CORE_FAILURE)}); }`;
  const target = /[\\/]transformer[\\/]dist[\\/]esm[\\/]core[\\/]transform\.js$/;
  if (runtime === 'bun') {
    const file = workspace.write(
      'failing-core.bun.mjs',
      `Bun.plugin({ name: 'failing-core', setup(build) {
  build.onLoad({ filter: ${target} }, () => ({ contents: ${JSON.stringify(stub)}, loader: 'js' }));
} });\n`,
    );
    return ['--preload', file];
  }
  const hooks = `export async function load(url, context, nextLoad) {
  if (${target}.test(new URL(url).pathname)) return { format: 'module', source: ${JSON.stringify(stub)}, shortCircuit: true };
  return nextLoad(url, context);
}\n`;
  const cjsCore = join(REPO_ROOT, 'packages/transformer/dist/cjs/core/transform.js');
  const file = workspace.write(
    'failing-core.mjs',
    `import { createRequire, register } from 'node:module';
register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hooks)}`)});
createRequire(import.meta.url)(${JSON.stringify(cjsCore)}).transform = () => { throw new Error(${JSON.stringify(CORE_FAILURE)}); };\n`,
  );
  return ['--import', file];
}

/**
 * A second small project for the edge cases: a file Pinion warns about and leaves alone (it holds a
 * NUL character, so it looks binary; every bundler's parser accepts it), a class sharing its line
 * with other code (only a chained source map gets that code's column right), and a dependency in
 * node_modules. Its main prints what it saw.
 */
export function writeEdgeProject(workspace: Workspace): string {
  const files: Record<string, string> = {
    // No `name`: Jest's module map would take copies made by concurrent runs for a name collision.
    'package.json': '{ "private": true, "type": "module" }\n',
    'tsconfig.json': readFileSync(join(APP, 'tsconfig.json'), 'utf8'),
    'src/main.ts': `import { getClassMetadata } from '@pinion/runtime';
import { LibraryClient } from 'edge-library';
import { Fuse, fuseLabel } from './fuse.js';
import { Separator } from './separator.js';

console.log(
  JSON.stringify({
    library: getClassMetadata(LibraryClient)?.name ?? null,
    separator: getClassMetadata(Separator)?.name ?? null,
    fuse: getClassMetadata(Fuse)?.name ?? null,
    label: fuseLabel(new Fuse(3)),
  }),
);
`,
    'src/fuse.ts': `${FUSE_LINE}\n`,
    'src/separator.ts': `export class Separator {
  constructor(readonly text: string) {}
}
// A raw NUL character, not an escape sequence: it makes the file look binary to Pinion.
export const NUL = '${String.fromCharCode(0)}';
`,
    'node_modules/edge-library/package.json':
      '{ "name": "edge-library", "type": "module", "main": "index.js", "exports": "./index.js" }\n',
    'node_modules/edge-library/index.js':
      'export class LibraryClient {\n  constructor(endpoint) {\n    this.endpoint = endpoint;\n  }\n}\n',
  };
  for (const [name, text] of Object.entries(files)) workspace.write(`edge/${name}`, text);
  return workspace.path('edge');
}

const SERVICES_LINE_10 = readFileSync(join(APP, 'src/services.ts'), 'utf8').split('\n')[9];
/** A plain string literal (not a template, which some compilers rewrite to calls) after the class. */
export const FUSE_LINE =
  "export class Fuse { constructor(readonly seconds: number) {} } export function fuseLabel(fuse: Fuse): string { return 'fuse of ' + fuse.seconds + 's'; }";
/** Where, in FUSE_LINE, the string after the class starts. */
export const FUSE_COLUMN = FUSE_LINE.indexOf("'fuse of '");
/** Where Pinion's warning about the edge project's file with a NUL character points. */
export const BINARY_WARNING = 'src/separator.ts:1:1';

/**
 * Where the first `needle` in a built file came from, by the source map beside it. A needle inside a
 * string is looked up at the string's opening quote: mappings point at tokens, not into them.
 */
export function originalOf(file: string, needle: string) {
  const code = readFileSync(file, 'utf8');
  let index = code.indexOf(needle);
  if (index < 0) throw new Error(`${needle} is not in ${file}`);
  if (/["'`]/.test(code[index - 1])) index -= 1;
  const before = code.slice(0, index).split('\n');
  const map = new TraceMap(readFileSync(`${file}.map`, 'utf8'));
  const position = originalPositionFor(map, { line: before.length, column: before[before.length - 1].length });
  return { ...position, source: position.source?.replace(/^[a-z]+:\/\/[^/]*\//, '') ?? null };
}

/** One build: the project (its entry is `src/main.ts`), where to write, and the plugin call. */
export interface BuildSpec {
  project: string;
  outDir: string;
  /** The plugin as the config writes it, e.g. `pinionRollup({ includeNodeModules: true })`. */
  plugin: string;
}

/** How a test builds with its tool: a build script (the config users write, in a runnable file). */
export interface Tool {
  /** The plugin factory's name, e.g. `pinionRollup`. */
  factory: string;
  /** The build script's file name (its extension says ESM or CommonJS) and source text. */
  scriptName: string;
  script(spec: BuildSpec): string;
  /** The built entry, relative to `outDir` (its source map is beside it, `.map` added). */
  output: string;
  runner?: 'node' | 'bun';
}

/**
 * The build script of webpack, or of Rspack, which takes webpack's config and API: `header` loads the
 * tool and the plugin, `compiler` is the tool's function, `rule` the loader rule for TypeScript.
 */
export function webpackStyleScript(
  { project, outDir, plugin }: BuildSpec,
  { header, compiler, rule }: { header: string; compiler: string; rule: string },
): string {
  return `${header}
const config = {
  mode: 'production',
  target: 'node',
  context: ${JSON.stringify(project)},
  entry: './src/main.ts',
  output: { path: ${JSON.stringify(outDir)}, filename: 'main.cjs' },
  devtool: 'source-map',
  resolve: { extensions: ['.ts', '.js'], extensionAlias: { '.js': ['.ts', '.js'] } },
  module: { rules: [${rule}] },
  plugins: [${plugin}],
};

${compiler}(config, (error, stats) => {
  if (error) throw error;
  const { errors, warnings } = stats.toJson({ all: false, errors: true, warnings: true });
  for (const { message } of errors) console.error(message);
  console.log(JSON.stringify({ warnings: warnings.map(({ message }) => message) }));
  process.exitCode = stats.hasErrors() ? 1 : 0;
});
`;
}

/**
 * Builds the fixture app, the edge project (with default options and with `includeNodeModules`)
 * and the app again with a failing core, all at once; then runs the app on every Node major and
 * the edge builds on Node 20, also at once.
 */
export async function buildAndRun(workspace: Workspace, tool: Tool): Promise<PipelineResults> {
  const edge = writeEdgeProject(workspace);
  const bun = tool.runner === 'bun';
  const build = (label: string, project: string, options: string, preload?: string[]) => {
    const outDir = workspace.path(`out/${label}`);
    const source = tool.script({ project, outDir, plugin: `${tool.factory}(${options})` });
    const runner = bun ? BUN : process.execPath;
    return workspace.script(`${label}-${tool.scriptName}`, source, { runner, preload });
  };
  const [app, edgeBuild, edgeWithNodeModules, failedBuild] = await Promise.all([
    build('app', APP, ''),
    build('edge', edge, ''),
    build('edge-nm', edge, '{ includeNodeModules: true }'),
    build('failing', APP, '', failingCoreArgs(workspace, bun ? 'bun' : 'node')),
  ]);
  reportOf(app);
  reportOf(edgeWithNodeModules);
  const { warnings } = reportOf<{ warnings: string[] }>(edgeBuild);
  const appFile = workspace.path(`out/app/${tool.output}`);
  const edgeFile = workspace.path(`out/edge/${tool.output}`);
  const edgeNmFile = workspace.path(`out/edge-nm/${tool.output}`);
  const [appRuns, edgeRun, edgeNmRun] = await Promise.all([
    workspace.runOnEveryNode(appFile),
    run(process.execPath, [edgeFile], workspace.dir),
    run(process.execPath, [edgeNmFile], workspace.dir),
  ]);
  return {
    workspace,
    app: appRuns,
    edge: edgeRun,
    edgeWithNodeModules: edgeNmRun,
    edgeWarnings: warnings,
    appFile,
    edgeFile,
    failedBuild,
  };
}

/** What a pipeline test reads, once its `beforeAll` has built and run everything. */
export interface PipelineResults {
  /** The folder holding the builds, for a tool's own tests. */
  workspace: Workspace;
  /** The fixture app's build, run on each Node major. */
  app: Record<NodeMajor, RunResult>;
  /** The edge project built with default options, and with `includeNodeModules: true`, run on Node 20. */
  edge: RunResult;
  edgeWithNodeModules: RunResult;
  /** The warning messages the bundler reported for the edge project. */
  edgeWarnings: string[];
  /** The built fixture app and the edge project's built main, each with its `.map` beside it. */
  appFile: string;
  edgeFile: string;
  /** The fixture app built while the transform core throws. */
  failedBuild: RunResult;
}

export interface PipelineOptions {
  /** Names the workspace folder; the tool's name in lower case by default. */
  label?: string;
  /** `false` leaves out the exact-column check: the test file says what holds instead, and why. */
  chainsColumns?: boolean;
  /** The build minifies: the metadata must keep the source names minification renamed. */
  minified?: boolean;
}

/**
 * The checks every bundler pipeline passes (SPEC §2), declared in the calling `describe`: its
 * `beforeAll` builds and runs everything with `tool` (`buildAndRun`) and its `afterAll` removes the
 * workspace. `name` is the tool's name in the tests' names. The returned function gives the tool's
 * own tests the results, once the builds ran.
 */
export function describePipelineRuns(name: string, tool: Tool, options: PipelineOptions = {}): () => PipelineResults {
  let workspace: Workspace | undefined;
  let built: PipelineResults | undefined;
  beforeAll(async () => {
    workspace = new Workspace(options.label ?? name.toLowerCase());
    built = await buildAndRun(workspace, tool);
  }, PIPELINE_TIMEOUT);
  afterAll(() => workspace?.dispose());

  const results = (): PipelineResults => {
    if (!built) throw new Error(`the ${name} builds did not run`);
    return built;
  };
  const edgeOutput = (result: RunResult) => identitiesOf(result.stdout, result.stderr);

  it.each(NODE_MAJORS)(`the ${name} build of the fixture app wires it as expected on Node %i`, (major) => {
    const result = results().app[major];
    expect({ status: result.status, stderr: result.stderr }).toMatchObject({ status: 0 });
    expect(identitiesOf(result.stdout, result.stderr)).toEqual(EXPECTED_IDENTITIES);
  });

  it("annotates exactly the app's classes: @pinion/runtime, bundled in though linked from outside node_modules, is left alone", () => {
    expect(registeredOf(results().app[20])).toEqual(APP_CLASSES);
  });

  it('chains source maps: a class in the output maps back to its line in the .ts source', () => {
    // `nextId('invoiceService')` is the first line of InvoiceService's body (services.ts, line 10).
    const original = originalOf(results().appFile, 'invoiceService');
    expect(original.source).toMatch(/(^|\/)src\/services\.ts$/);
    expect(original).toMatchObject({ line: 10, column: SERVICES_LINE_10.indexOf("'invoiceService'") });
  });

  if (options.chainsColumns !== false) {
    it("chains source maps exactly: code after a class's closing brace, on the same line, keeps its column", () => {
      const original = originalOf(results().edgeFile, 'fuse of ');
      expect(original).toMatchObject({ line: 1, column: FUSE_COLUMN });
      expect(original.source).toMatch(/(^|\/)src\/fuse\.ts$/);
    });
  }

  it('skips node_modules by default, and annotates them with includeNodeModules: true', () => {
    expect(edgeOutput(results().edge)).toEqual({ library: null, separator: null, fuse: 'Fuse', label: 'fuse of 3s' });
    expect(edgeOutput(results().edgeWithNodeModules)).toMatchObject({ library: 'LibraryClient' });
  });

  it(`reports Pinion's warning among ${name}'s warnings with file:line:column, and still builds`, () => {
    const pinionWarnings = results().edgeWarnings.filter((message) => message.includes('PINION_'));
    expect(pinionWarnings).toEqual([expect.stringContaining(BINARY_WARNING)]);
    expect(pinionWarnings[0]).toMatch(
      /PINION_BINARY_INPUT[\s\S]*the file looks binary|the file looks binary[\s\S]*PINION_BINARY_INPUT/,
    );
  });

  it('fails the build, naming the file and the cause, when the transform itself cannot run', () => {
    const { status, stdout, stderr } = results().failedBuild;
    expect(status).not.toBe(0);
    expect(stdout + stderr).toMatch(
      /Pinion could not annotate \S*[\\/]src[\\/]\S+\.ts: simulated: the parser could not load/,
    );
  });

  if (options.minified) {
    it("keeps the classes' source names though minification renamed the classes and their parameters", () => {
      const code = readFileSync(results().appFile, 'utf8');
      expect(code).not.toMatch(/class InvoiceService\b/);
      expect(code).not.toContain('constructor(clock, orderService)');
      expect(code).toMatch(/name:\s*["'`]InvoiceService["'`]/);
    });
  }
  return results;
}

/**
 * Builds the fixture app once more with source maps turned off (`mapsOff` rewrites the tool's
 * script) and runs it: a build that wants no map must still carry the metadata.
 */
export async function buildWithoutMaps(
  results: PipelineResults,
  tool: Tool,
  mapsOff: (script: string) => string,
): Promise<unknown> {
  const { workspace } = results;
  const outDir = workspace.path('out/no-maps');
  const source = mapsOff(tool.script({ project: APP, outDir, plugin: `${tool.factory}()` }));
  reportOf(await workspace.script(`no-maps-${tool.scriptName}`, source));
  const output = await run(process.execPath, [join(outDir, tool.output)], workspace.dir);
  return identitiesOf(output.stdout, output.stderr);
}
