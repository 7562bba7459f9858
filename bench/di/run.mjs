// `pnpm bench`: generates the S5/S7 classes, bundles bench/di/src with esbuild and Pinion's plugin
// (only Pinion's sources are annotated; the runtime comes from @pinion/runtime's dist, so run
// `pnpm build` first, as the root script does), then runs the bundle in one `node --expose-gc`.
// BENCH_QUICK=1: a fast smoke run. BENCH_ONLY=S1,S4,HEAP,S7: some parts only.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pinionEsbuild } from '@pinion/transformer/esbuild';
import * as esbuild from 'esbuild';
import { generate } from './generate.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const outfile = join(here, 'dist', 'bench.mjs');

generate();
await esbuild.build({
  entryPoints: [join(here, 'src', 'main.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  // The peers are CommonJS or ESM packages of the workspace; bundled like an application's.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  // Pinion's classes only: src/contenders/pinion.ts and generated/pinion-*.ts. The other
  // contenders' classes stay as their users would have them (awilix CLASSIC reads their source).
  plugins: [
    pinionEsbuild({
      root: here,
      filter: /[\\/]bench[\\/]di[\\/](src[\\/]contenders|generated)[\\/]pinion[^\\/]*\.ts$/,
    }),
  ],
});

const run = spawnSync(process.execPath, ['--expose-gc', '--no-flush-bytecode', outfile], { stdio: 'inherit' });
process.exit(run.status ?? 1);
