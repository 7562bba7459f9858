// Transformer benchmark (`pnpm bench:transform`): generates a 2,000-file, 40,000-class TypeScript
// project in the OS temp folder and bundles it with esbuild with and without Pinion's plugin
// (plain and minified), then measures the transform core's throughput in-process. Prints a table
// and writes bench/results/transform.json. Run `pnpm build` first (the root script does).
//
// Tunables (environment): BENCH_FILES (2000), BENCH_CLASSES (20 per file), BENCH_ROUNDS (5),
// BENCH_MINIFY_ROUNDS (3), BENCH_TRANSFORM_ROUNDS (3), BENCH_KEEP=1 keeps the generated project.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transform } from '@pinion/transformer';
import { pinionEsbuild } from '@pinion/transformer/esbuild';
import * as esbuild from 'esbuild';
import { generateProject } from './generate-project.mjs';

const env = (name, fallback) => Number(process.env[name] ?? fallback);
const FILES = env('BENCH_FILES', 2000);
const CLASSES_PER_FILE = env('BENCH_CLASSES', 20);
const ROUNDS = env('BENCH_ROUNDS', 5);
const MINIFY_ROUNDS = env('BENCH_MINIFY_ROUNDS', 3);
const TRANSFORM_ROUNDS = env('BENCH_TRANSFORM_ROUNDS', 3);
const TARGET_RATIO = 1.5;
const METADATA = 'Symbol.for("pinion.metadata")';

const ts = createRequire(fileURLToPath(import.meta.resolve('@pinion/transformer')))('typescript');
const resultsFile = fileURLToPath(new URL('../results/transform.json', import.meta.url));

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const round1 = (x) => Math.round(x * 10) / 10;
const stats = (samples) => ({
  median: round1(median(samples)),
  min: round1(Math.min(...samples)),
  samples: samples.map(round1),
});
const log = (line) => process.stdout.write(`${line}\n`);

async function bundle(entry, { plugin, minify }) {
  const started = performance.now();
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    minify,
    logLevel: 'silent',
    plugins: plugin ? [pinionEsbuild()] : [],
  });
  return { ms: performance.now() - started, result };
}

/**
 * Bundles with and without the plugin, `rounds` rounds whose order alternates (plain first, then
 * plugin first, ...), so neither variant always runs on a warmer machine; with `warmUp`, one
 * untimed run of each first. Every output is checked: each class annotated with the plugin, none without.
 */
async function compare(entry, classes, { minify, rounds, warmUp }) {
  const label = minify ? ' minified' : '';
  const run = async (plugin) => {
    const { ms, result } = await bundle(entry, { plugin, minify });
    const text = result.outputFiles[0].text;
    const annotated = text.split(METADATA).length - 1;
    if (annotated !== (plugin ? classes : 0) || result.errors.length > 0 || result.warnings.length > 0) {
      const expected = plugin ? classes : 0;
      throw new Error(
        `${label} bundle ${plugin ? 'with' : 'without'} plugin: ${annotated} annotated classes, expected ${expected}`,
      );
    }
    return { ms, megabytes: text.length / 1e6 };
  };
  if (warmUp) {
    for (const plugin of [false, true]) {
      const { ms, megabytes } = await run(plugin);
      log(`  warm-up${label} ${plugin ? 'plugin' : 'plain'}: ${Math.round(ms)} ms, ${megabytes.toFixed(1)} MB out`);
    }
  }
  const plain = [];
  const withPlugin = [];
  const outputMegabytes = {};
  for (let r = 0; r < rounds; r++) {
    for (const plugin of r % 2 === 0 ? [false, true] : [true, false]) {
      const { ms, megabytes } = await run(plugin);
      (plugin ? withPlugin : plain).push(ms);
      outputMegabytes[plugin ? 'plugin' : 'plain'] = round1(megabytes);
    }
    log(
      `  round ${r + 1}/${rounds}${label}: plain ${Math.round(plain.at(-1))} ms, plugin ${Math.round(withPlugin.at(-1))} ms`,
    );
  }
  const p = stats(plain);
  const q = stats(withPlugin);
  return { plain: p, plugin: q, ratio: Math.round((q.median / p.median) * 100) / 100, outputMegabytes };
}

/** Runs `fn` over every file `rounds` times; MB/s from the median round. */
function throughput(texts, files, bytes, rounds, fn) {
  const samples = [];
  for (let r = 0; r < rounds; r++) {
    const started = performance.now();
    for (let i = 0; i < files.length; i++) fn(texts[i], files[i]);
    samples.push(performance.now() - started);
  }
  const s = stats(samples);
  return { ...s, mbPerSecond: round1(bytes / 1e6 / (s.median / 1000)) };
}

async function main() {
  const started = performance.now();
  const loadBefore = loadavg();
  const dir = mkdtempSync(join(tmpdir(), 'pinion-bench-transform-'));
  try {
    const project = generateProject(dir, { files: FILES, classesPerFile: CLASSES_PER_FILE });
    const texts = project.sources.map((f) => readFileSync(f, 'utf8'));
    const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
    const machine = {
      nproc: availableParallelism(),
      cpu: cpus()[0]?.model ?? 'unknown',
      node: process.version,
      esbuild: esbuild.version,
      typescript: ts.version,
      loadAverageBefore: loadBefore.map(round1),
    };
    log(
      `Pinion transformer benchmark: ${project.sources.length} files, ${project.classes} classes, ` +
        `${(bytes / 1e6).toFixed(1)} MB of TypeScript in ${dir}`,
    );
    log(
      `nproc ${machine.nproc}, ${machine.cpu}, node ${machine.node}, esbuild ${machine.esbuild}, typescript ${machine.typescript}`,
    );

    log('bundling (bundle, write: false, platform node, format esm):');
    const plain = await compare(project.entry, project.classes, { minify: false, rounds: ROUNDS, warmUp: true });
    log('bundling with minify (already warm):');
    const minified = await compare(project.entry, project.classes, {
      minify: true,
      rounds: MINIFY_ROUNDS,
      warmUp: false,
    });

    log('transform core, in-process over the same files:');
    const asPlugin = throughput(texts, project.sources, bytes, TRANSFORM_ROUNDS, (code, file) =>
      transform(code, file, { sourceMap: false }),
    );
    log(`  transform(), no source map (as the plugin calls it): ${asPlugin.median} ms, ${asPlugin.mbPerSecond} MB/s`);
    const withMap = throughput(texts, project.sources, bytes, 1, (code, file) => transform(code, file));
    log(`  transform(), with source map: ${withMap.median} ms, ${withMap.mbPerSecond} MB/s`);
    const parseOnly = throughput(texts, project.sources, bytes, 1, (code, file) =>
      ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS),
    );
    log(`  for reference, ts.createSourceFile alone: ${parseOnly.median} ms, ${parseOnly.mbPerSecond} MB/s`);

    const results = {
      date: new Date().toISOString(),
      machine: { ...machine, loadAverageAfter: loadavg().map(round1) },
      project: { files: project.sources.length, classes: project.classes, bytes, classesPerFile: CLASSES_PER_FILE },
      bundle: { ...plain, rounds: ROUNDS, target: TARGET_RATIO, met: plain.ratio <= TARGET_RATIO },
      bundleMinify: { ...minified, rounds: MINIFY_ROUNDS, target: TARGET_RATIO, met: minified.ratio <= TARGET_RATIO },
      transform: { noSourceMap: asPlugin, withSourceMap: withMap, parseOnly },
      totalSeconds: 0,
    };
    results.totalSeconds = round1((performance.now() - started) / 1000);
    mkdirSync(join(resultsFile, '..'), { recursive: true });
    writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
    printTable(results);
    log(`results written to ${resultsFile} (${results.totalSeconds} s in all)`);
  } finally {
    if (process.env.BENCH_KEEP === '1') log(`kept the generated project in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

function printTable(r) {
  const cell = (c) => (typeof c === 'number' ? String(Math.round(c)) : c);
  const row = (cells) => log(cells.map((c, i) => (i === 0 ? c.padEnd(34) : cell(c).padStart(14))).join(''));
  const verdict = (b) => `${b.ratio}x ${b.met ? '<=' : '>'} ${TARGET_RATIO}x: ${b.met ? 'met' : 'NOT met'}`;
  const bundles = [
    ['esbuild', r.bundle, 'plain'],
    ['esbuild + pinionEsbuild()', r.bundle, 'plugin'],
    ['esbuild minify', r.bundleMinify, 'plain'],
    ['esbuild minify + pinionEsbuild()', r.bundleMinify, 'plugin'],
  ];
  const cores = [
    ['transform(), no source map', r.transform.noSourceMap],
    ['transform(), with source map', r.transform.withSourceMap],
    ['ts.createSourceFile only', r.transform.parseOnly],
  ];
  log('');
  row(['variant', 'median ms', 'min ms', 'plugin/plain', 'bundle size']);
  for (const [name, b, key] of bundles) {
    row([name, b[key].median, b[key].min, key === 'plugin' ? `${b.ratio}x` : '', `${b.outputMegabytes[key]} MB`]);
  }
  log('');
  row(['transform core', 'median ms', 'min ms', 'MB/s']);
  for (const [name, t] of cores) row([name, t.median, t.min, `${t.mbPerSecond}`]);
  log('');
  log(`plugin/plain ratio, target <= ${TARGET_RATIO}x: ${verdict(r.bundle)}; minified: ${verdict(r.bundleMinify)}`);
  log(
    `${r.project.files} files, ${r.project.classes} classes, ${(r.project.bytes / 1e6).toFixed(1)} MB; nproc ${r.machine.nproc}; ` +
      `load average ${r.machine.loadAverageBefore[0]} before, ${r.machine.loadAverageAfter[0]} after`,
  );
}

await main();
