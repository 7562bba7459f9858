// Where does the esbuild plugin's time go? Run after `pnpm build`, on the Node to look at:
//   node bench/transform/profile-plugin.mjs
//   "$(node -p "require('./scripts/node-binaries.cjs').nodeBinary(24)")" bench/transform/profile-plugin.mjs
// Generates the same project as bench-transform.mjs and bundles it, in this one process, with
// plugins that each do a part of pinionEsbuild()'s work: read each file and hand it back as it is;
// hand back precomputed annotated code; the full work, with the transform's time on the JavaScript
// thread summed; the real plugin; and, as a prototype, the transform in a pool of worker threads.
// Also a plain build of the already-annotated files: esbuild's own work on the metadata.
// Unlike bench-transform.mjs this reuses one process (its esbuild service and warm JIT), to split
// one build's time, not to say what a user waits for. Writes bench/results/transform-profile.json.
// Tunables: BENCH_FILES (2000), BENCH_CLASSES (20), PROFILE_ROUNDS (3).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { transform } from '@pinion/transformer';
import { pinionEsbuild } from '@pinion/transformer/esbuild';
import * as esbuild from 'esbuild';
import { generateProject } from './generate-project.mjs';
import { median, round2 } from './stats.mjs';

const env = (name, fallback) => Number(process.env[name] ?? fallback);
const FILES = env('BENCH_FILES', 2000);
const CLASSES_PER_FILE = env('BENCH_CLASSES', 20);
const ROUNDS = env('PROFILE_ROUNDS', 3);
const FILTER = /\.[cm]?[jt]sx?$/;

const resultsFile = fileURLToPath(new URL('../results/transform-profile.json', import.meta.url));
const log = (line) => process.stdout.write(`${line}\n`);
const ms = (x) => Math.round(x);

/** A plugin whose onLoad runs `load(path, counters)`. */
function timedPlugin(name, load) {
  const counters = {};
  const plugin = {
    name,
    setup(build) {
      build.onLoad({ filter: FILTER }, (args) => load(args.path, counters));
    },
  };
  return { plugins: [plugin], counters };
}

/** The worker-pool prototype: each file goes to the least busy of `size` workers. */
function workerPool(size) {
  const workerFile = new URL('./transform-worker.mjs', import.meta.url);
  const workers = Array.from({ length: size }, () => ({ worker: new Worker(workerFile), busy: 0 }));
  const pending = new Map();
  let nextId = 0;
  for (const w of workers) {
    w.worker.on('message', (message) => {
      w.busy--;
      const { resolve, reject } = pending.get(message.id);
      pending.delete(message.id);
      if (message.error) reject(new Error(message.error));
      else resolve(message);
    });
  }
  return {
    run(path) {
      const w = workers.reduce((a, b) => (b.busy < a.busy ? b : a));
      w.busy++;
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        w.worker.postMessage({ id, path });
      });
    },
    close: () => Promise.all(workers.map((w) => w.worker.terminate())),
  };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'pinion-bench-profile-'));
  const pool = workerPool(availableParallelism());
  try {
    const project = generateProject(join(dir, 'project'), { files: FILES, classesPerFile: CLASSES_PER_FILE });
    const texts = new Map(project.sources.map((f) => [f, readFileSync(f, 'utf8')]));
    const bytes = [...texts.values()].reduce((n, t) => n + Buffer.byteLength(t), 0);
    // The same project, already annotated, for a plain esbuild run and for the "precomputed" plugin.
    const annotated = new Map();
    for (const [file, code] of texts) {
      const out = transform(code, file, { sourceMap: false }).code;
      annotated.set(file, out);
      const copy = join(dir, 'annotated', relative(join(dir, 'project'), file));
      mkdirSync(dirname(copy), { recursive: true });
      writeFileSync(copy, out);
    }
    const annotatedEntry = join(dir, 'annotated', relative(join(dir, 'project'), project.entry));
    log(
      `profiling the esbuild plugin on Node ${process.version}: ${project.sources.length} files, ` +
        `${(bytes / 1e6).toFixed(1)} MB, ${ROUNDS} rounds`,
    );

    const variants = [
      { name: 'plain esbuild', describe: 'baseline', make: () => ({ plugins: [] }) },
      {
        name: 'onLoad readFile, contents as is',
        describe: 'a JS onLoad: reading in JS + sending contents back',
        make: () => timedPlugin('read', async (path) => ({ contents: await readFile(path, 'utf8'), loader: 'ts' })),
      },
      {
        name: 'onLoad returns annotated code',
        describe: 'precomputed: sending the larger output + esbuild work on it',
        make: () => timedPlugin('cached', async (path) => ({ contents: annotated.get(path), loader: 'ts' })),
      },
      {
        name: 'plain esbuild, annotated files',
        describe: 'esbuild work on the metadata alone',
        entry: annotatedEntry,
        make: () => ({ plugins: [] }),
      },
      {
        name: 'pinionEsbuild(), instrumented copy',
        describe: "pinionEsbuild()'s work, with the (synchronous) transform time summed",
        make: () =>
          timedPlugin('pinion-instrumented', async (path, counters) => {
            const code = await readFile(path, 'utf8');
            const t = performance.now();
            const result = transform(code, path, { sourceMap: false });
            counters.transformMs = (counters.transformMs ?? 0) + performance.now() - t;
            return { contents: result.code, loader: 'ts' };
          }),
      },
      { name: 'pinionEsbuild()', describe: 'the real plugin', make: () => ({ plugins: [pinionEsbuild()] }) },
      {
        name: `prototype: ${availableParallelism()} worker threads`,
        describe: 'read + transform in a worker pool',
        make: () =>
          timedPlugin('pinion-workers', async (path) => ({ contents: (await pool.run(path)).code, loader: 'ts' })),
      },
    ];

    const samples = new Map(variants.map((v) => [v.name, []]));
    const counters = new Map(variants.map((v) => [v.name, []]));
    for (let r = 0; r < ROUNDS; r++) {
      // Rotate the order every round.
      const order = variants.map((_, i) => variants[(i + r) % variants.length]);
      for (const v of order) {
        const made = v.make();
        const started = performance.now();
        const result = await esbuild.build({
          entryPoints: [v.entry ?? project.entry],
          bundle: true,
          write: false,
          platform: 'node',
          format: 'esm',
          logLevel: 'silent',
          plugins: made.plugins,
        });
        samples.get(v.name).push(performance.now() - started);
        if (made.counters) counters.get(v.name).push(made.counters);
        if (result.errors.length > 0) throw new Error(`${v.name}: ${result.errors[0].text}`);
      }
      log(`  round ${r + 1}/${ROUNDS} done`);
    }

    const base = median(samples.get('plain esbuild'));
    const rows = variants.map((v) => {
      const c = counters.get(v.name);
      const sum = (key) => (c.length > 0 && c[0][key] !== undefined ? ms(median(c.map((x) => x[key]))) : undefined);
      return {
        name: v.name,
        describe: v.describe,
        medianMs: ms(median(samples.get(v.name))),
        minMs: ms(Math.min(...samples.get(v.name))),
        ratio: round2(median(samples.get(v.name)) / base),
        transformMs: sum('transformMs'),
      };
    });
    log('');
    log(`${'variant'.padEnd(38)}${'median ms'.padStart(10)}${'min ms'.padStart(9)}${'ratio'.padStart(7)}  notes`);
    for (const row of rows) {
      const notes = [row.describe];
      if (row.transformMs !== undefined) notes.push(`transform() on the JS thread: ${row.transformMs} ms`);
      log(
        `${row.name.padEnd(38)}${String(row.medianMs).padStart(10)}${String(row.minMs).padStart(9)}${`${row.ratio}x`.padStart(7)}  ${notes.join('; ')}`,
      );
    }

    const results = {
      date: new Date().toISOString(),
      node: process.version,
      nproc: availableParallelism(),
      loadAverage: loadavg(),
      project: { files: project.sources.length, bytes },
      variants: rows,
    };
    mkdirSync(dirname(resultsFile), { recursive: true });
    writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
    log(`results written to ${resultsFile}`);
  } finally {
    await pool.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
