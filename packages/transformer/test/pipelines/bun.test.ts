// `pinionBun()` in `Bun.build` for Node, run by a real bun process (the plugin uses Bun's plugin
// API). Bun strips TypeScript and lowers the standard decorators itself; its output runs on Node.
// Bun has no list of plugin warnings: Pinion's go to standard error. Bun ignores the source maps
// plugins return (oven-sh/bun#6173), so only lines, not columns, map back exactly.
import {
  buildAndRun,
  PIPELINE_TIMEOUT,
  type PipelineResults,
  pipelineContract,
  type Tool,
  Workspace,
} from './support.js';

const bunTool: Tool = {
  factory: 'pinionBun',
  scriptName: 'build.mjs',
  output: 'main.mjs',
  runner: 'bun',
  script: ({ project, outDir, plugin }) => `import { pinionBun } from '@pinion/transformer/bun';

const warnings = [];
const warn = console.warn;
// Bun prints plugin warnings with console.warn; the test reads them from here.
console.warn = (...args) => warnings.push(args.join(' '));
const result = await Bun.build({
  entrypoints: [${JSON.stringify(`${project}/src/main.ts`)}],
  outdir: ${JSON.stringify(outDir)},
  naming: '[name].mjs',
  target: 'node',
  sourcemap: 'external',
  plugins: [${plugin}],
});
console.warn = warn;
for (const message of warnings) console.warn(message);
console.log(JSON.stringify({ warnings, success: result.success }));
`,
};

let workspace: Workspace;
let results: PipelineResults;

beforeAll(async () => {
  workspace = new Workspace('bun');
  results = await buildAndRun(workspace, bunTool);
}, PIPELINE_TIMEOUT);

afterAll(() => workspace?.dispose());

describe('pinionBun() in a Bun.build', () => {
  // Bun does not chain the source maps its plugins return (oven-sh/bun#6173): lines stay right,
  // since Pinion inserts no line break, but columns after the insertion on that line do not.
  pipelineContract('Bun', () => results, { chainsColumns: false });
});
