// `pinionRolldown()` in a Rolldown build for Node. Rolldown resolves node_modules and strips
// TypeScript itself, after the plugins' transforms, so Pinion reads the `.ts` source. Its oxc
// transform does not lower standard decorators (Node cannot run them either): the fixture app's
// `@provides` is compiled as a legacy (`experimentalDecorators`) decorator, which @pinion/runtime
// supports too, through Rolldown's `transform.decorator.legacy` option.
import { describePipelineRuns, type Tool } from './support.js';

const rolldownTool: Tool = {
  factory: 'pinionRolldown',
  scriptName: 'build.mjs',
  output: 'main.mjs',
  script: ({ project, outDir, plugin }) => `import { pinionRolldown } from '@pinion/transformer/rolldown';
import { build } from 'rolldown';

const warnings = [];
await build({
  input: ${JSON.stringify(`${project}/src/main.ts`)},
  platform: 'node',
  transform: { decorator: { legacy: true } },
  plugins: [${plugin}],
  onwarn: (warning) => warnings.push(warning.message),
  output: { dir: ${JSON.stringify(outDir)}, entryFileNames: 'main.mjs', format: 'es', sourcemap: true },
});
console.log(JSON.stringify({ warnings }));
`,
};

describe('pinionRolldown() in a Rolldown build', () => {
  describePipelineRuns('Rolldown', rolldownTool);
});
