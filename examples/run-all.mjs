// Builds every example in src/ with esbuild and Pinion's plugin, then runs each in its own `node`
// process. Exits non-zero when any example fails. `node run-all.mjs name…` runs only those.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pinionEsbuild } from '@pinion/transformer/esbuild';
import * as esbuild from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const examples = readdirSync(join(here, 'src'))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.replace(/\.ts$/, ''))
  .filter((name) => only.length === 0 || only.includes(name))
  .sort();

await esbuild.build({
  entryPoints: examples.map((name) => join(here, 'src', `${name}.ts`)),
  outdir: join(here, 'dist'),
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'inline',
  logLevel: 'warning',
  // Only the examples' own sources are annotated. @pinion/runtime is linked from the workspace, so
  // once esbuild follows the link its files are no longer under node_modules (which the plugin skips
  // by default): annotated, the runtime's own classes would join every example's default `classes`.
  plugins: [pinionEsbuild({ root: here, filter: /[\\/]examples[\\/]src[\\/].+\.ts$/ })],
});

let failed = 0;
for (const name of examples) {
  // An example may ask for node flags in its first lines: `// node-flags: --expose-gc`.
  const source = readFileSync(join(here, 'src', `${name}.ts`), 'utf8');
  const flags = /^\/\/ node-flags: (.*)$/m.exec(source)?.[1].split(/\s+/) ?? [];
  console.log(`\n=== example ${name}`);
  const run = spawnSync(process.execPath, [...flags, '--enable-source-maps', join(here, 'dist', `${name}.mjs`)], {
    stdio: 'inherit',
    timeout: 60_000,
  });
  if (run.status !== 0) {
    failed++;
    console.error(`example ${name} failed (exit ${run.status ?? run.signal})`);
  }
}
console.log(`\nexamples: ${examples.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
