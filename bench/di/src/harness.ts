// The timing loop. Each series (one contender in one scenario) gets its own loop function, compiled
// with `new Function` from source that names the series, so V8 gives it its own feedback: the call
// to `op` in it sees a single target and can be inlined, as in the user's own code, instead of one
// shared loop calling every contender through a megamorphic call site. Each loop keeps the last
// result in a variable that flows around the loop (so escape analysis cannot drop the
// allocations) and returns it to a module-level sink (so the work cannot be dropped at all).
// Samples batch enough ops to last `sampleMs`; the contenders of a scenario take their samples in
// turns, so drift and GC pressure spread over all of them; the median is reported.
import v8 from 'node:v8';
import type { Op } from './scenarios.js';

export interface Settings {
  /** Target duration of one timed sample. */
  sampleMs: number;
  /** Timed samples per series (the median is reported). */
  samples: number;
  /** Untimed running before the samples, so V8 has optimised the code. */
  warmupMs: number;
  quick: boolean;
}

export const QUICK_SETTINGS: Settings = { sampleMs: 8, samples: 5, warmupMs: 60, quick: true };
export const FULL_SETTINGS: Settings = { sampleMs: 50, samples: 15, warmupMs: 400, quick: false };

export type Runner = (n: number) => unknown;

/** Results of the last batch of every series, so nothing a loop returned is ever dead. */
export const sink: unknown[] = [];
let series = 0;
let sinkSlot = 0;

/** A loop of `n` calls to `op` of its own (`await`ing each result for async ops). */
export function compileRunner(op: Op, isAsync: boolean): Runner {
  const id = series++;
  const body = isAsync
    ? `return async function run_${id}(n) { let last; for (let i = 0; i < n; i++) last = await op(); return last; };`
    : `return function run_${id}(n) { let last; for (let i = 0; i < n; i++) last = op(); return last; };`;
  return new Function('op', body)(op) as Runner;
}

/** Milliseconds one batch of `n` ops takes. */
async function timeBatch(run: Runner, n: number, isAsync: boolean): Promise<number> {
  const started = performance.now();
  const result = isAsync ? await run(n) : run(n);
  const ms = performance.now() - started;
  sinkSlot = (sinkSlot + 1) & 63;
  sink[sinkSlot] = result;
  return ms;
}

export interface Timed {
  /** Median of the samples, ns per op. */
  nsPerOp: number;
  minNs: number;
  maxNs: number;
  samplesNs: number[];
  opsPerSample: number;
}

/** A series being measured: calibrated and warmed, then sampled in turns with the others. */
export class Series {
  private n = 1;
  private readonly samples: number[] = [];

  constructor(
    private readonly run: Runner,
    private readonly isAsync: boolean,
    private readonly sampleMs: number,
  ) {}

  /** Finds how many ops fill a sample, runs for `warmupMs`, and finds it again on the optimised code. */
  async prepare(warmupMs: number): Promise<void> {
    const started = performance.now();
    await this.calibrate();
    while (performance.now() - started < warmupMs) await timeBatch(this.run, this.n, this.isAsync);
    await this.calibrate();
  }

  private async calibrate(): Promise<void> {
    let n = this.n > 1 ? Math.max(1, Math.floor(this.n / 8)) : 1;
    for (;;) {
      const ms = await timeBatch(this.run, n, this.isAsync);
      if (ms >= this.sampleMs / 8 || n >= 2 ** 30) {
        this.n = Math.max(1, Math.round((n * this.sampleMs) / Math.max(ms, 1e-3)));
        return;
      }
      n *= ms < this.sampleMs / 100 ? 10 : 2;
    }
  }

  async sample(): Promise<void> {
    // Each sample starts on a collected heap with no incremental marking under way: it pays for
    // its own garbage only, not for the previous contender's (marking slows every allocation and
    // write barrier, and would land on whichever contender runs next).
    collectGarbage();
    const ms = await timeBatch(this.run, this.n, this.isAsync);
    this.samples.push((ms * 1e6) / this.n);
  }

  result(): Timed {
    return {
      nsPerOp: median(this.samples),
      minNs: Math.min(...this.samples),
      maxNs: Math.max(...this.samples),
      samplesNs: [...this.samples],
      opsPerSample: this.n,
    };
  }
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Takes every series' samples in turns, starting with a different series each round. */
export async function sampleInTurns(all: readonly Series[], settings: Settings): Promise<void> {
  for (let round = 0; round < settings.samples; round++) {
    for (let k = 0; k < all.length; k++) await all[(round + k) % all.length].sample();
  }
}

/** A full GC, or with `'minor'` a scavenge of the young generation only. */
export function collectGarbage(type: 'major' | 'minor' = 'major'): void {
  const gc = (globalThis as { gc?: (options?: { type: string; execution: string }) => void }).gc;
  if (!gc) throw new Error('run node with --expose-gc (bench/di/run.mjs does)');
  gc({ type, execution: 'sync' });
}

export interface HeapPerOp {
  ops: number;
  /** Bytes allocated per op (everything the op allocated, garbage or not). */
  allocatedBytesPerOp: number;
  /** Bytes still reachable after the loop and a full GC, per op (a leak would show here). */
  retainedBytesPerOp: number;
  gcs: number;
}

/**
 * Heap allocated per op over `ops` ops: a full GC, then the loop under V8's GC profiler; bytes
 * allocated = growth of the used heap + what every GC during the loop freed. Then a full GC again,
 * for what stayed reachable.
 */
export function heapPerOp(run: Runner, ops: number): HeapPerOp {
  collectGarbage();
  const profiler = new v8.GCProfiler();
  const before = v8.getHeapStatistics().used_heap_size;
  profiler.start();
  sink[0] = run(ops);
  const after = v8.getHeapStatistics().used_heap_size;
  const stats = profiler.stop();
  let freed = 0;
  for (const gc of stats.statistics) {
    freed += gc.beforeGC.heapStatistics.usedHeapSize - gc.afterGC.heapStatistics.usedHeapSize;
  }
  sink[0] = undefined;
  collectGarbage();
  const retained = v8.getHeapStatistics().used_heap_size;
  return {
    ops,
    allocatedBytesPerOp: (after - before + freed) / ops,
    retainedBytesPerOp: (retained - before) / ops,
    gcs: stats.statistics.length,
  };
}
