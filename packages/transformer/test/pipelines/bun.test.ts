// `pinionBun()` in `Bun.build` for Node, run by a real bun process (the plugin uses Bun's plugin
// API). Bun strips TypeScript and lowers the standard decorators itself; its output runs on Node.
// Bun has no list of plugin warnings: Pinion's go to standard error. Bun ignores the source maps
// plugins return (oven-sh/bun#6173), so only lines, not columns, map back exactly.
import { describePipelineRuns, FUSE_COLUMN, originalOf, type Tool } from './support.js';

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

describe('pinionBun() in a Bun.build', () => {
  // Bun does not chain the source maps its plugins return (oven-sh/bun#6173): lines stay right,
  // since Pinion inserts no line break, but columns after the insertion on that line do not. This
  // test stands for the contract's exact-column one, which `chainsColumns: false` leaves out.
  const results = describePipelineRuns('Bun', bunTool, { chainsColumns: false });

  it("maps lines back to the .ts source, but not the columns past Pinion's insertion: it ignores plugins' source maps (oven-sh/bun#6173)", () => {
    const original = originalOf(results().edgeFile, 'fuse of ');
    expect(original.source).toMatch(/(^|\/)src\/fuse\.ts$/);
    expect(original.line).toBe(1);
    expect(original.column).toBeGreaterThan(FUSE_COLUMN);
  });
});
