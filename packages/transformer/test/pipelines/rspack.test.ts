// `pinionRspack()` in an Rspack production build for Node. TypeScript goes through Rspack's
// `builtin:swc-loader`, told to lower the standard decorators (`decoratorVersion: '2022-03'`);
// Pinion's loader runs before it as a pre-loader (`enforce: 'pre'`). Rspack takes webpack's config,
// so the build script is webpack's (see `webpackStyleScript`), with Rspack's loader.
import { describePipelineRuns, type Tool, webpackStyleScript } from './support.js';

const rspackTool: Tool = {
  factory: 'pinionRspack',
  scriptName: 'build.mjs',
  output: 'main.cjs',
  script: (spec) =>
    webpackStyleScript(spec, {
      header: `import { pinionRspack } from '@pinion/transformer/rspack';
import { rspack } from '@rspack/core';

const swc = { jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { decoratorVersion: '2022-03' } } };`,
      compiler: 'rspack',
      rule: "{ test: /\\.ts$/, loader: 'builtin:swc-loader', options: swc }",
    }),
};

describe('pinionRspack() in an Rspack build', () => {
  describePipelineRuns('Rspack', rspackTool);
});
