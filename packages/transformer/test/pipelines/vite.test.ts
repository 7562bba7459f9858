// `pinionVite()` in a minified Vite build for Node (`build.ssr`, with every dependency bundled:
// `ssr.noExternal`, so that node_modules reach the plugin at all). Vite strips TypeScript with oxc after the
// `enforce: 'pre'` plugins, and minifies with oxc, renaming the classes: the metadata keeps their
// source names. Like Rolldown, Vite's oxc does not lower standard decorators, so the app's
// `@provides` is compiled as a legacy decorator (`oxc.decorator.legacy`), which the runtime supports.
import { readFileSync } from 'node:fs';
import {
  buildAndRun,
  PIPELINE_TIMEOUT,
  type PipelineResults,
  pipelineContract,
  type Tool,
  Workspace,
} from './support.js';

const viteTool: Tool = {
  factory: 'pinionVite',
  scriptName: 'build.mjs',
  output: 'main.js',
  script: ({ project, outDir, plugin }) => `import { pinionVite } from '@pinion/transformer/vite';
import { build, defineConfig } from 'vite';

const warnings = [];
const config = defineConfig({
  plugins: [${plugin}],
  oxc: { decorator: { legacy: true } },
  ssr: { noExternal: true },
  build: {
    ssr: 'src/main.ts',
    minify: true,
    sourcemap: true,
    outDir: ${JSON.stringify(outDir)},
    rollupOptions: { onwarn: (warning) => warnings.push(warning.message) },
  },
});
await build({ ...config, root: ${JSON.stringify(project)}, configFile: false, logLevel: 'silent' });
console.log(JSON.stringify({ warnings }));
`,
};

let workspace: Workspace;
let results: PipelineResults;

beforeAll(async () => {
  workspace = new Workspace('vite');
  results = await buildAndRun(workspace, viteTool);
}, PIPELINE_TIMEOUT);

afterAll(() => workspace?.dispose());

describe('pinionVite() in a minified Vite build', () => {
  pipelineContract('Vite', () => results);

  it("keeps the classes' source names though minification renamed the classes and their parameters", () => {
    const code = readFileSync(results.appFile, 'utf8');
    expect(code).not.toMatch(/class InvoiceService\b/);
    expect(code).not.toContain('constructor(clock, orderService)');
    expect(code).toMatch(/name:\s*["'`]InvoiceService["'`]/);
  });
});
