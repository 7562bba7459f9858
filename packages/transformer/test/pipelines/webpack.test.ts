// `pinionWebpack()` in a webpack 5 production build for Node, configured the CommonJS way many
// webpack users still write (`require`), which loads the plugin's CommonJS build. TypeScript goes
// through ts-loader (`transpileOnly`, as usual with a separate type check), which lowers the standard
// decorators; Pinion's loader runs before it as a pre-loader (`enforce: 'pre'`). The app imports
// `./clock.js` for `clock.ts` (Node's ESM rule), which webpack resolves with `extensionAlias`.
import { readFileSync } from 'node:fs';
import {
  buildAndRun,
  PIPELINE_TIMEOUT,
  type PipelineResults,
  pipelineContract,
  type Tool,
  Workspace,
} from './support.js';

const webpackTool: Tool = {
  factory: 'pinionWebpack',
  scriptName: 'build.cjs',
  output: 'main.cjs',
  script: ({ project, outDir, plugin }) => `const { pinionWebpack } = require('@pinion/transformer/webpack');
const webpack = require('webpack');

const config = {
  mode: 'production',
  target: 'node',
  context: ${JSON.stringify(project)},
  entry: './src/main.ts',
  output: { path: ${JSON.stringify(outDir)}, filename: 'main.cjs' },
  devtool: 'source-map',
  resolve: { extensions: ['.ts', '.js'], extensionAlias: { '.js': ['.ts', '.js'] } },
  module: { rules: [{ test: /\\.ts$/, loader: 'ts-loader', options: { transpileOnly: true } }] },
  plugins: [${plugin}],
};

webpack(config, (error, stats) => {
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
  workspace = new Workspace('webpack');
  results = await buildAndRun(workspace, webpackTool);
}, PIPELINE_TIMEOUT);

afterAll(() => workspace?.dispose());

describe('pinionWebpack() in a webpack build', () => {
  pipelineContract('webpack', () => results);

  it('loads through the CommonJS build of the plugin', () => {
    expect(readFileSync(workspace.path('app-build.cjs'), 'utf8')).toContain("require('@pinion/transformer/webpack')");
    expect(require.resolve('@pinion/transformer/webpack')).toMatch(/[\\/]dist[\\/]cjs[\\/]webpack\.js$/);
  });
});
