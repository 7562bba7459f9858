// `pinionEsbuild()` in esbuild builds for Node, plain and minified: the same contract as the
// unplugin-based bundlers (the esbuild plugin keeps its own `onLoad`, whose filter esbuild runs
// natively, but shares the options and the file rule with them). esbuild strips TypeScript and
// lowers the standard decorators itself, given a `target` without them (its default, `esnext`,
// leaves `@provides` in place, which no Node version can run yet).
import { describePipelineRuns, type Tool } from './support.js';

/** esbuild's warnings carry a 0-based column; the script prints them as `file:line:column` (1-based). */
const esbuildTool = (minify: boolean): Tool => ({
  factory: 'pinionEsbuild',
  scriptName: 'build.mjs',
  output: 'main.mjs',
  script: ({ project, outDir, plugin }) => `import { pinionEsbuild } from '@pinion/transformer/esbuild';
import * as esbuild from 'esbuild';

const result = await esbuild.build({
  absWorkingDir: ${JSON.stringify(project)},
  entryPoints: ['src/main.ts'],
  outfile: ${JSON.stringify(`${outDir}/main.mjs`)},
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  minify: ${minify},
  sourcemap: true,
  logLevel: 'silent',
  plugins: [${plugin}],
});
const warnings = result.warnings.map(({ text, location }) => \`\${location.file}:\${location.line}:\${location.column + 1}: \${text}\`);
console.log(JSON.stringify({ warnings }));
`,
});

describe.each([
  ['plain', false],
  ['minified', true],
])('pinionEsbuild() in a %s esbuild build', (label, minify) => {
  describePipelineRuns('esbuild', esbuildTool(minify), { label: `esbuild-${label}`, minified: minify });
});
