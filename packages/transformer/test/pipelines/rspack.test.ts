// `pinionRspack()` in an Rspack production build for Node. TypeScript goes through Rspack's
// `builtin:swc-loader`, told to lower the standard decorators (`decoratorVersion: '2022-03'`);
// Pinion's loader runs before it as a pre-loader (`enforce: 'pre'`).
import {
  buildAndRun,
  PIPELINE_TIMEOUT,
  type PipelineResults,
  pipelineContract,
  type Tool,
  Workspace,
} from './support.js';

const rspackTool: Tool = {
  factory: 'pinionRspack',
  scriptName: 'build.mjs',
  output: 'main.cjs',
  script: ({ project, outDir, plugin }) => `import { pinionRspack } from '@pinion/transformer/rspack';
import { rspack } from '@rspack/core';

const swc = { jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { decoratorVersion: '2022-03' } } };
const config = {
  mode: 'production',
  target: 'node',
  context: ${JSON.stringify(project)},
  entry: './src/main.ts',
  output: { path: ${JSON.stringify(outDir)}, filename: 'main.cjs' },
  devtool: 'source-map',
  resolve: { extensions: ['.ts', '.js'], extensionAlias: { '.js': ['.ts', '.js'] } },
  module: { rules: [{ test: /\\.ts$/, loader: 'builtin:swc-loader', options: swc }] },
  plugins: [${plugin}],
};

rspack(config, (error, stats) => {
  if (error) throw error;
  const { errors, warnings } = stats.toJson({ all: false, errors: true, warnings: true });
  for (const { message } of errors) console.error(message);
  console.log(JSON.stringify({ warnings: warnings.map(({ message }) => message) }));
  process.exitCode = stats.hasErrors() ? 1 : 0;
});
`,
};

let workspace: Workspace;
let results: PipelineResults;

beforeAll(async () => {
  workspace = new Workspace('rspack');
  results = await buildAndRun(workspace, rspackTool);
}, PIPELINE_TIMEOUT);

afterAll(() => workspace?.dispose());

describe('pinionRspack() in an Rspack build', () => {
  pipelineContract('Rspack', () => results);
});
