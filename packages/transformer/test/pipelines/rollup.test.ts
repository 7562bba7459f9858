// `pinionRollup()` in a Rollup 4 build for Node, as users configure it: Pinion first, then
// @rollup/plugin-node-resolve (bundles node_modules and @pinion/runtime) and rollup-plugin-esbuild
// (strips types and lowers the standard decorators). Rollup knows no `enforce`: it runs transforms in
// the order listed, so Pinion, listed first, reads the TypeScript source.
import { describePipelineRuns, type Tool } from './support.js';

const rollupTool: Tool = {
  factory: 'pinionRollup',
  scriptName: 'build.mjs',
  output: 'main.mjs',
  script: ({ project, outDir, plugin }) => `import { nodeResolve } from '@rollup/plugin-node-resolve';
import { pinionRollup } from '@pinion/transformer/rollup';
import { rollup } from 'rollup';
import esbuild from 'rollup-plugin-esbuild';

const warnings = [];
const bundle = await rollup({
  input: ${JSON.stringify(`${project}/src/main.ts`)},
  plugins: [${plugin}, nodeResolve(), esbuild()],
  onwarn: (warning) => warnings.push(warning.message),
});
await bundle.write({ dir: ${JSON.stringify(outDir)}, entryFileNames: 'main.mjs', format: 'es', sourcemap: true });
console.log(JSON.stringify({ warnings }));
`,
};

describe('pinionRollup() in a Rollup build', () => {
  describePipelineRuns('Rollup', rollupTool);
});
