// `pinionVite()` in a minified Vite build for Node (`build.ssr`, with every dependency bundled:
// `ssr.noExternal`, so that node_modules reach the plugin at all). Vite strips TypeScript with oxc after the
// `enforce: 'pre'` plugins, and minifies with oxc, renaming the classes: the metadata keeps their
// source names. Like Rolldown, Vite's oxc does not lower standard decorators, so the app's
// `@provides` is compiled as a legacy decorator (`oxc.decorator.legacy`), which the runtime supports.
import { EXPECTED_IDENTITIES } from './expected.js';
import {
  buildWithoutMaps,
  describePipelineRuns,
  PIPELINE_TIMEOUT,
  type RunResult,
  reportOf,
  run,
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

describe('pinionVite() in a minified Vite build', () => {
  const results = describePipelineRuns('Vite', viteTool, { minified: true });

  it(
    'annotates a build without source maps (build.sourcemap: false, Vite’s default), making none',
    async () => {
      const withoutMaps = (script: string) => script.replace('sourcemap: true', 'sourcemap: false');
      expect(await buildWithoutMaps(results(), viteTool, withoutMaps)).toEqual(EXPECTED_IDENTITIES);
    },
    PIPELINE_TIMEOUT,
  );
});

describe('pinionVite() and the module ids Vite hands to plugins', () => {
  // A module imported with a query string (as Vite's dev server and other plugins make them) and a
  // virtual module of another plugin (`\0`-prefixed id, Rollup's convention).
  const files: Record<string, string> = {
    'package.json': '{ "private": true, "type": "module" }\n',
    'src/fuse.ts': 'export class Fuse { constructor(readonly seconds: number) {} }\n',
    'src/main.ts': `import { getClassMetadata } from '@pinion/runtime';
// @ts-expect-error a query string
import { Fuse } from './fuse.ts?v=123';
// @ts-expect-error another plugin's virtual module
import { Settings } from 'virtual:settings';

const where = getClassMetadata(Fuse)?.location;
console.log(JSON.stringify({ queried: where ? \`\${where.file}:\${where.line}\` : null, virtual: getClassMetadata(Settings) ?? null }));
`,
  };
  const script = (project: string, outDir: string) => `import { pinionVite } from '@pinion/transformer/vite';
import { build } from 'vite';

const virtual = {
  name: 'virtual',
  resolveId: (id) => (id === 'virtual:settings' ? '\\0virtual:settings.ts' : undefined),
  load: (id) => (id === '\\0virtual:settings.ts' ? 'export class Settings { constructor(port: number) {} }' : undefined),
};
await build({
  root: ${JSON.stringify(project)},
  configFile: false,
  logLevel: 'silent',
  plugins: [pinionVite(), virtual],
  ssr: { noExternal: true },
  build: { ssr: 'src/main.ts', outDir: ${JSON.stringify(outDir)} },
});
console.log('{}');
`;
  let workspace: Workspace;
  let output: RunResult;

  beforeAll(async () => {
    workspace = new Workspace('vite-ids');
    for (const [name, text] of Object.entries(files)) workspace.write(`ids/${name}`, text);
    reportOf(await workspace.script('build.mjs', script(workspace.path('ids'), workspace.path('out'))));
    output = await run(process.execPath, [workspace.path('out/main.js')], workspace.dir);
  }, PIPELINE_TIMEOUT);

  afterAll(() => workspace?.dispose());

  it('annotates a module whose id carries a query string, locating it in the file without the query', () => {
    expect(reportOf(output)).toMatchObject({ queried: 'src/fuse.ts:1' });
  });

  it("leaves another plugin's virtual module alone", () => {
    expect(reportOf(output)).toMatchObject({ virtual: null });
  });
});
