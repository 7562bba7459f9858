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
const { mb, randomSource } = await import('./support.mjs');

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

log(`\n[1/3] concurrent: ${count(CONCURRENT)} overlapping async request frames…`);
const one = await concurrentPhase({ frames: CONCURRENT, random: randomSource(SEED) });

log(`[2/3] sequential: ${count(SEQUENTIAL)} request frames…`);
const two = await sequentialPhase({ frames: SEQUENTIAL });
const growth2 = two.figures.heapAfter - two.figures.heapBefore;
two.checks.expect(
  growth2 < MAX_GROWTH_MB * 1024 * 1024,
  `heap grew by ${MAX_GROWTH_MB} MB or more`,
  `${mb(growth2)} MB`,
);

log(`[3/3] keyed: ${count(KEYED)} session frames with ttl and maxEntries churn…`);
const three = await keyedPhase({ frames: KEYED, random: randomSource(SEED + 1) });
const growth3 = three.figures.heapAfter - three.figures.heapBefore;
three.checks.expect(
  growth3 < MAX_GROWTH_MB * 1024 * 1024,
  `heap grew by ${MAX_GROWTH_MB} MB or more`,
  `${mb(growth3)} MB`,
);

const total = (performance.now() - started) / 1000;
const a = one.figures;
const b = two.figures;
const c = three.figures;
const status = (checks) => (checks.ok ? 'ok' : `FAILED (${checks.failures.size} checks)`);
const m = c.metricsBeforeClear;

log('\nSummary');
log(`  concurrent  ${status(one.checks)}`);
log(
  `    frames ${count(a.frames)} request + ${count(a.nestedRequestFrames)} nested request + ${count(a.transactionFrames)} transaction, ${count(a.framesThrowing)} of them throwing`,
);
log(
  `    objects ${count(a.objects)} (${count(a.contextScopedObjects)} context-scoped, ${a.kinds} kinds), disposals ${count(a.disposals)} ` +
    `(${Object.entries(a.disposalsBy)
      .map(([via, n]) => `${via} ${count(n)}`)
      .join(', ')})`,
);
log(
  `    disposed once ${count(a.disposedOnce)}, never ${count(a.neverDisposed)} (transients: ${count(a.transients)}, never owned), twice or more ${count(a.disposedTwiceOrMore)}, objects seen by two frames ${count(a.crossFrameShares)}`,
);
log(`    elapsed ${fixed(a.seconds)} s`);
log(`  sequential  ${status(two.checks)}`);
log(
  `    frames ${count(b.frames)} (+${count(b.warmUpFrames)} warm-up; ${count(b.asyncFrames)} async), ${count(b.framesPerSecond)} frames/s`,
);
log(
  `    objects ${count(b.objects)}, disposals ${count(b.disposals)}, twice ${count(b.disposedTwice)}; elapsed ${fixed(b.seconds)} s`,
);
log(
  `    heap after GC: before ${mb(b.heapBefore)} MB, after ${mb(b.heapAfter)} MB, growth ${mb(growth2)} MB (target < ${MAX_GROWTH_MB} MB)`,
);
log(`  keyed       ${status(three.checks)}`);
log(
  `    frames ${count(c.frames)} (+${count(c.warmUpFrames)} warm-up; ${count(c.concurrentGroups)} groups of 4 concurrent), hot keys: re-entered with the same objects ${count(c.hotReentries)}, new objects after expiry/eviction ${count(c.hotRenewals)}`,
);
log(
  `    metrics before clearScope: active ${count(m.active)}, created ${count(m.created)}, expired ${count(m.expired)}, evicted ${count(m.evicted)} (+${count(c.cleared)} cleared): ` +
    `${count(m.active + m.expired + m.evicted + c.cleared)} = created`,
);
log(
  `    session objects ${count(c.sessionObjects)}, disposed ${count(c.sessionDisposals)}; request objects ${count(c.requestObjects)}, disposed ${count(c.requestDisposals)}; twice ${count(c.disposedTwice)}; elapsed ${fixed(c.seconds)} s`,
);
log(
  `    heap after GC: before ${mb(c.heapBefore)} MB, after ${mb(c.heapAfter)} MB, growth ${mb(growth3)} MB (target < ${MAX_GROWTH_MB} MB)`,
);
log(`  total elapsed ${fixed(total)} s`);

const all = [one.checks, two.checks, three.checks];
if (all.every((checks) => checks.ok)) {
  log('\nSOAK PASSED');
} else {
  log('\nSOAK FAILED');
  for (const checks of all) checks.report(log);
  process.exitCode = 1;
}
