// Builds the package in the current folder: ESM to dist/esm, CommonJS to dist/cjs, each with .d.ts
// and without source maps (the package's tsconfig.build.json says why).
// The build goes to a folder of its own and replaces dist/ whole at the end, so that tests and
// other builds running meanwhile never see a half-written dist/.
import { execFileSync } from 'node:child_process';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const out = `dist.building-${process.pid}`;
const run = (...args) =>
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', ...args], { stdio: 'inherit' });

try {
  run('--outDir', `${out}/esm`);
  run('--outDir', `${out}/cjs`, '--module', 'commonjs', '--moduleResolution', 'node10');
  mkdirSync(`${out}/cjs`, { recursive: true });
  writeFileSync(`${out}/cjs/package.json`, '{ "type": "commonjs" }\n');
  for (let attempt = 0; ; attempt++) {
    rmSync('dist', { recursive: true, force: true });
    try {
      renameSync(out, 'dist');
      break;
    } catch (error) {
      if (attempt >= 5) throw error;
    }
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
