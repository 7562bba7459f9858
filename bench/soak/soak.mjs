// Load proof of Pinion's context scopes (`pnpm bench:soak`), against the BUILT runtime
// (packages/runtime/dist: run `pnpm build` first; the root script does). Not a test: it prints
// a summary and exits non-zero when any check fails or the heap grows past the target.
//
// 1. concurrent: SOAK_CONCURRENT (10,000) overlapping async request frames on a ContextScope,
//    random awaits, nested transaction frames and same-id request frames, some work throwing;
//    no object may be seen by two frames, and every disposable is disposed exactly once, in
//    reverse creation order, before its frame's runInScope settles.
// 2. sequential: SOAK_SEQUENTIAL (1,000,000) frames one after another (one in 100 async); the
//    heap after a forced GC may grow by at most SOAK_MAX_GROWTH_MB (5).
// 3. keyed: SOAK_KEYED (200,000) frames on a KeyedScope with ttlMs and maxEntries churning keys;
//    metrics() must add up, every expired/evicted key be disposed, and the heap stay flat.
//
// SOAK_SEED fixes the random choices. Classes declare their parameters with `static inject`,
// since plain JavaScript gets no transformer metadata.
import { spawnSync } from 'node:child_process';
import { availableParallelism, cpus } from 'node:os';
import { fileURLToPath } from 'node:url';

if (typeof globalThis.gc !== 'function') {
  // Forced collections need --expose-gc: run again with it.
  const self = fileURLToPath(import.meta.url);
  const child = spawnSync(process.execPath, ['--expose-gc', ...process.execArgv, self, ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  process.exit(child.status ?? 1);
}

const { concurrentPhase } = await import('./concurrent.mjs');
const { sequentialPhase } = await import('./sequential.mjs');
const { keyedPhase } = await import('./keyed.mjs');
const { Checks, mb, randomSource } = await import('./support.mjs');

const env = (name, fallback) => Number(process.env[name] ?? fallback);
const CONCURRENT = env('SOAK_CONCURRENT', 10_000);
const SEQUENTIAL = env('SOAK_SEQUENTIAL', 1_000_000);
const KEYED = env('SOAK_KEYED', 200_000);
const MAX_GROWTH_MB = env('SOAK_MAX_GROWTH_MB', 5);
const SEED = env('SOAK_SEED', Date.now() % 2 ** 31);

const log = (line) => process.stdout.write(`${line}\n`);
const fixed = (x, digits = 1) => x.toFixed(digits);
const count = (n) => n.toLocaleString('en-US');

const started = performance.now();
log(
  `Pinion context-scope soak: seed ${SEED}, node ${process.version}, ${availableParallelism()} cpus (${cpus()[0]?.model ?? 'unknown'})`,
);

const MAX_GROWTH = MAX_GROWTH_MB * 1024 * 1024;
const status = (checks) => (checks.ok ? 'ok' : `FAILED (${checks.failures.size} checks)`);
const summaries = [];
const allChecks = [];

/**
 * Runs one phase and queues its summary lines; a phase that throws (a runtime that breaks its
 * contract badly enough) counts as a failure rather than ending the run without a summary.
 */
async function phase(title, name, run, summarize) {
  log(title);
  let result;
  try {
    result = await run();
  } catch (error) {
    const checks = new Checks(name);
    checks.fail('phase crashed', error?.stack ?? error);
    allChecks.push(checks);
    summaries.push(`  ${name.padEnd(11)} CRASHED: ${error}`);
    return;
  }
  allChecks.push(result.checks);
  if ('heapBefore' in result.figures) {
    const growth = result.figures.heapAfter - result.figures.heapBefore;
    result.figures.growth = growth;
    result.checks.expect(growth < MAX_GROWTH, `heap grew by ${MAX_GROWTH_MB} MB or more`, `${mb(growth)} MB`);
  }
  summaries.push(`  ${name.padEnd(11)} ${status(result.checks)}`, ...summarize(result.figures).map((l) => `    ${l}`));
}

const heapLine = (f) =>
  `heap after GC: before ${mb(f.heapBefore)} MB, after ${mb(f.heapAfter)} MB, growth ${mb(f.growth)} MB (target < ${MAX_GROWTH_MB} MB)`;

await phase(
  `\n[1/3] concurrent: ${count(CONCURRENT)} overlapping async request frames…`,
  'concurrent',
  () => concurrentPhase({ frames: CONCURRENT, random: randomSource(SEED) }),
  (a) => [
    `frames ${count(a.frames)} request + ${count(a.nestedRequestFrames)} nested request + ${count(a.transactionFrames)} transaction, ${count(a.framesThrowing)} of them throwing`,
    `objects ${count(a.objects)} (${count(a.contextScopedObjects)} context-scoped, ${a.kinds} kinds), disposals ${count(a.disposals)} (${Object.entries(
      a.disposalsBy,
    )
      .map(([via, n]) => `${via} ${count(n)}`)
      .join(', ')})`,
    `disposed once ${count(a.disposedOnce)}, never ${count(a.neverDisposed)} (transients: ${count(a.transients)}, never owned), twice or more ${count(a.disposedTwiceOrMore)}, objects seen by two frames ${count(a.crossFrameShares)}`,
    `elapsed ${fixed(a.seconds)} s`,
  ],
);

await phase(
  `[2/3] sequential: ${count(SEQUENTIAL)} request frames…`,
  'sequential',
  () => sequentialPhase({ frames: SEQUENTIAL }),
  (b) => [
    `frames ${count(b.frames)} (+${count(b.warmUpFrames)} warm-up; ${count(b.asyncFrames)} async), ${count(b.framesPerSecond)} frames/s`,
    `objects ${count(b.objects)}, disposals ${count(b.disposals)}, twice ${count(b.disposedTwice)}; elapsed ${fixed(b.seconds)} s`,
    heapLine(b),
  ],
);

await phase(
  `[3/3] keyed: ${count(KEYED)} session frames with ttl and maxEntries churn…`,
  'keyed',
  () => keyedPhase({ frames: KEYED, random: randomSource(SEED + 1) }),
  (c) => {
    const m = c.metricsBeforeClear;
    return [
      `frames ${count(c.frames)} (+${count(c.warmUpFrames)} warm-up; ${count(c.concurrentGroups)} groups of 4 concurrent), hot keys: re-entered with the same objects ${count(c.hotReentries)}, new objects after expiry/eviction ${count(c.hotRenewals)}`,
      `metrics before clearScope: active ${count(m.active)}, created ${count(m.created)}, expired ${count(m.expired)}, evicted ${count(m.evicted)} (+${count(c.cleared)} cleared): ` +
        `${count(m.active + m.expired + m.evicted + c.cleared)} = created`,
      `session objects ${count(c.sessionObjects)}, disposed ${count(c.sessionDisposals)}; request objects ${count(c.requestObjects)}, disposed ${count(c.requestDisposals)}; twice ${count(c.disposedTwice)}; elapsed ${fixed(c.seconds)} s`,
      heapLine(c),
    ];
  },
);

const total = (performance.now() - started) / 1000;
log('\nSummary');
for (const line of summaries) log(line);
log(`  total elapsed ${fixed(total)} s`);

if (allChecks.every((checks) => checks.ok)) {
  log('\nSOAK PASSED');
} else {
  log('\nSOAK FAILED');
  for (const checks of allChecks) checks.report(log);
  process.exitCode = 1;
}
