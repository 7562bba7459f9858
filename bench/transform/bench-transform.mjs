// Transformer benchmark (`pnpm bench:transform`; run `pnpm build` first, the root script does).
//
// Generates a 2,000-file, 40,000-class TypeScript project in the OS temp folder, then, each on
// Node 20 and on Node 24:
//   1. bundles it with esbuild and with Vite (`vite.build`), each with and without Pinion's plugin,
//      every build a fresh child process (build-once.mjs), rounds alternating the variants' order;
//   2. measures the transform core's MB/s over the project and over a real-world corpus, and its
//      parser's and TypeScript's alone (throughput.mjs).
// Every variant is checked before it is timed: one untimed build each, whose bundle is run: every
// class must carry its metadata with the plugin, none without, and no warnings. Every timed build
// must then produce the same bytes as its variant's checked build.
// Prints Markdown tables and the issue's targets, and writes bench/results/transform.json.
//
// Environment: BENCH_QUICK=1 (200 files, fewer rounds, an eighth of the corpus: a fast check,
// written to transform-quick.json), BENCH_NODES (20,24), BENCH_BUNDLERS (esbuild,vite),
// BENCH_FILES (2000), BENCH_CLASSES (20 per file), BENCH_ESBUILD_ROUNDS (5), BENCH_VITE_ROUNDS (3),
// BENCH_CORE_ROUNDS (3), BENCH_PARSE_ROUNDS (2), BENCH_KEEP=1 keeps the generated project.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateProject } from './generate-project.mjs';
import { printReport } from './report.mjs';
import { runChild } from './spawn-node.mjs';
import { median, round1, round2, summarize } from './stats.mjs';
import { checkTargets } from './targets.mjs';

const QUICK = process.env.BENCH_QUICK === '1';
const setting = (name, full, quick) => Number(process.env[name] ?? (QUICK ? quick : full));
const list = (name, fallback) => (process.env[name] ?? fallback).split(',').map((s) => s.trim());
const CONFIG = {
  files: setting('BENCH_FILES', 2000, 200),
  classesPerFile: setting('BENCH_CLASSES', 20, 20),
  rounds: {
    esbuild: setting('BENCH_ESBUILD_ROUNDS', 5, 3),
    vite: setting('BENCH_VITE_ROUNDS', 3, 1),
    core: setting('BENCH_CORE_ROUNDS', 3, 2),
    parse: setting('BENCH_PARSE_ROUNDS', 2, 1),
  },
  corpusStride: QUICK ? 8 : 1,
  nodes: list('BENCH_NODES', '20,24').map(Number),
  bundlers: list('BENCH_BUNDLERS', 'esbuild,vite'),
};
const RESULTS_FILE = fileURLToPath(new URL(`../results/transform${QUICK ? '-quick' : ''}.json`, import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

const runStarted = performance.now();
const log = (line) => {
  const seconds = Math.round((performance.now() - runStarted) / 1000);
  process.stdout.write(`[${String(seconds).padStart(3)} s] ${line}\n`);
};

/** The Node executables to measure on; fetches the ones this machine lacks (scripts/node-binaries.cjs). */
function nodeBinaries() {
  const { nodeBinary } = createRequire(import.meta.url)('../../scripts/node-binaries.cjs');
  return Object.fromEntries(CONFIG.nodes.map((major) => [major, nodeBinary(major)]));
}

/**
 * Throws unless the checked (inspected) build of a variant is right: every class exported, each
 * with its metadata when built with the plugin, none without; no warnings or errors.
 */
function checkBuild(what, build, classes, plugin) {
  const expected = plugin ? classes : 0;
  if (build.exportedClasses !== classes || build.annotatedClasses !== expected || build.problems.length > 0) {
    throw new Error(
      `${what}: the bundle exports ${build.exportedClasses} classes (expected ${classes}), ${build.annotatedClasses} ` +
        `with metadata (expected ${expected}); ${build.problems.length} warnings/errors ${build.problems.join('\n')}`,
    );
  }
}

/** Throws unless a timed build produced exactly the bytes of its variant's checked build. */
function checkSameOutput(what, build, checked) {
  if (build.outputHash !== checked.outputHash || build.problems.length > 0) {
    throw new Error(`${what}: the output differs from the checked build's, or has warnings: ${build.problems}`);
  }
}

/** Median total, load and build times of a variant's builds. */
function summarizeBuilds(builds) {
  return {
    ...summarize(builds.map((b) => b.totalMs)),
    importMs: round1(median(builds.map((b) => b.importMs))),
    buildMs: round1(median(builds.map((b) => b.buildMs))),
    outputBytes: builds[0].outputBytes,
    // Rolldown's PLUGIN_TIMINGS warnings, first line: the share of the build its JavaScript plugins took.
    notes: builds.flatMap((b) => b.notes.map((n) => n.split('\n')[0].replace(/^.*\[PLUGIN_TIMINGS\]\s*/, ''))),
  };
}

/**
 * One bundler, every Node, with and without the plugin: a checked untimed build of each variant,
 * then `rounds` rounds whose order reverses every round, so that neither variant nor Node always
 * runs first (on a machine whose load drifts, both see the drift).
 */
async function benchBundler(bundler, project, binaries, rounds) {
  const variants = CONFIG.nodes.flatMap((major) => [false, true].map((plugin) => ({ major, plugin })));
  const name = (v) => `Node ${v.major} ${v.plugin ? 'plugin' : 'plain'}`;
  const build = (v, inspect) =>
    runChild(binaries[v.major], 'build-once.mjs', {
      bundler,
      plugin: v.plugin,
      entry: project.entry,
      root: project.dir,
      inspect,
    });
  const checked = new Map();
  for (const v of variants) {
    const result = await build(v, true);
    checkBuild(`${bundler}, ${name(v)}`, result, project.classes, v.plugin);
    checked.set(v, result);
  }
  log(
    `${bundler}: every variant checked (${variants.map((v) => `${name(v)} ${Math.round(checked.get(v).totalMs)} ms`).join(', ')})`,
  );
  const builds = new Map(variants.map((v) => [v, []]));
  for (let r = 0; r < rounds; r++) {
    for (const v of r % 2 === 0 ? variants : [...variants].reverse()) {
      const result = await build(v, false);
      checkSameOutput(`${bundler}, ${name(v)}, round ${r + 1}`, result, checked.get(v));
      builds.get(v).push(result);
    }
    log(
      `${bundler} round ${r + 1}/${rounds}: ${variants.map((v) => `${name(v)} ${Math.round(builds.get(v).at(-1).totalMs)} ms`).join(', ')}`,
    );
  }
  const version = builds.get(variants[0])[0].bundlerVersion;
  const byNode = Object.fromEntries(
    CONFIG.nodes.map((major) => {
      const [plain, plugin] = variants.filter((v) => v.major === major).map((v) => summarizeBuilds(builds.get(v)));
      return [major, { plain, plugin, ratio: round2(plugin.median / plain.median) }];
    }),
  );
  return { version, byNode };
}

/**
 * The core's and the parsers' throughput on each Node. The children check the project's output;
 * here, that every Node produced the same bytes for the project and the corpus.
 */
async function benchThroughput(project, binaries) {
  const input = {
    projectDir: project.dir,
    expectedClasses: project.classes,
    rounds: CONFIG.rounds.core,
    parseRounds: CONFIG.rounds.parse,
    corpusStride: CONFIG.corpusStride,
  };
  const byNode = {};
  for (const major of CONFIG.nodes) {
    const result = await runChild(binaries[major], 'throughput.mjs', input);
    byNode[major] = result;
    log(
      `throughput on Node ${major}: core ${result.project.core.mbPerSecond} MB/s (project), ` +
        `${result.corpus.core.mbPerSecond} MB/s (corpus)`,
    );
  }
  const [first, ...rest] = Object.values(byNode);
  for (const other of rest) {
    for (const set of ['project', 'corpus']) {
      if (other[set].core.hash !== first[set].core.hash) {
        throw new Error(`transform() gave different output on Node ${first.node} and ${other.node} (${set})`);
      }
    }
  }
  return byNode;
}

function gitCommit() {
  const git = (...args) =>
    execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  try {
    const dirty = git('status', '--porcelain', '--', 'packages/transformer/src') !== '';
    return `${git('rev-parse', '--short', 'HEAD')}${dirty ? ' (transformer sources modified)' : ''}`;
  } catch {
    return 'unknown';
  }
}

async function main() {
  const loadBefore = loadavg()[0];
  const binaries = nodeBinaries();
  const dir = mkdtempSync(join(tmpdir(), 'pinion-bench-transform-'));
  try {
    const generated = generateProject(dir, { files: CONFIG.files, classesPerFile: CONFIG.classesPerFile });
    const bytes = generated.sources.reduce((n, f) => n + readFileSync(f).length, 0);
    const project = { dir, entry: generated.entry, classes: generated.classes };
    log(
      `generated ${generated.sources.length} files, ${generated.classes} classes, ${(bytes / 1e6).toFixed(1)} MB ` +
        `in ${dir}; Node ${CONFIG.nodes.join(' and ')}${QUICK ? ' (quick mode)' : ''}`,
    );

    const bundles = {};
    const versions = {};
    for (const bundler of CONFIG.bundlers) {
      const { version, byNode } = await benchBundler(bundler, project, binaries, CONFIG.rounds[bundler]);
      bundles[bundler] = byNode;
      versions[bundler] = version;
    }
    const throughput = await benchThroughput(project, binaries);
    const anyNode = Object.values(throughput)[0];

    const results = {
      date: new Date().toISOString(),
      commit: gitCommit(),
      quick: QUICK,
      machine: {
        nproc: availableParallelism(),
        cpu: cpus()[0]?.model ?? 'unknown',
        loadAverage: { before: round1(loadBefore), after: round1(loadavg()[0]) },
      },
      nodes: Object.fromEntries(Object.entries(throughput).map(([major, t]) => [major, t.node])),
      versions: { ...versions, oxcParser: anyNode.oxcParser, typescript: anyNode.typescript },
      project: { files: generated.sources.length, classes: generated.classes, bytes },
      rounds: CONFIG.rounds,
      bundles,
      throughput,
      targets: [],
      seconds: 0,
    };
    results.targets = checkTargets(results);
    results.seconds = Math.round((performance.now() - runStarted) / 1000);
    mkdirSync(dirname(RESULTS_FILE), { recursive: true });
    writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
    printReport(results);
    log(`results written to ${RESULTS_FILE}`);
  } finally {
    if (process.env.BENCH_KEEP === '1') log(`kept the generated project in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

await main();
