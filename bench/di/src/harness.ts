// The timing loop. Each series (one contender in one scenario) gets its own loop function, compiled
// with `new Function` from source that names the series, so V8 gives it its own feedback: the call
// to `op` in it sees a single target and can be inlined, as in the user's own code, instead of one
// shared loop calling every contender through a megamorphic call site. Each loop keeps the last
// result in a variable that flows around the loop (so escape analysis cannot drop the
// allocations) and returns it to a module-level sink (so the work cannot be dropped at all).
// A sample is about `sampleMs` of ops, run in slices of about 1 ms (a batch of ops each) with a
// turn of the event loop between slices, as a server runs each request in its own task: a
// WeakRef a library reads stays alive until the task ends, so one task of millions of requests
// would hold every one of them (inversify's child containers are referenced so). Only the slices
// are timed. The contenders of a scenario take their samples in turns, so drift and GC pressure
// spread over all of them; the median is reported.
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
  opsPerSlice: number;
}

/** A series being measured: calibrated and warmed, then sampled in turns with the others. */
/** Target duration of one slice: a batch of ops run in one task. */
const SLICE_MS = 1;

/** Lets the current task end (and with it every WeakRef kept alive for it). */
export const nextTask = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A series being measured: calibrated and warmed, then sampled in turns with the others. */
export class Series {
  /** Ops per slice. */
  private n = 1;
  private readonly samples: number[] = [];
  private opsPerSample = 0;

  constructor(
    private readonly run: Runner,
    private readonly isAsync: boolean,
    private readonly sampleMs: number,
  ) {}

  /** Finds how many ops fill a slice, runs for `warmupMs`, and finds it again on the optimised code. */
  async prepare(warmupMs: number): Promise<void> {
    const started = performance.now();
    await this.calibrate();
    while (performance.now() - started < warmupMs) {
      await timeBatch(this.run, this.n, this.isAsync);
      await nextTask();
    }
    await this.calibrate();
  }

  private async calibrate(): Promise<void> {
    let n = this.n > 1 ? Math.max(1, Math.floor(this.n / 8)) : 1;
    for (;;) {
      const ms = await timeBatch(this.run, n, this.isAsync);
      await nextTask();
      if (ms >= SLICE_MS / 4 || n >= 2 ** 30) {
        this.n = Math.max(1, Math.round((n * SLICE_MS) / Math.max(ms, 1e-3)));
        return;
      }
      n *= ms < SLICE_MS / 100 ? 10 : 2;
    }
  }

  async sample(): Promise<void> {
    // Each sample starts on a collected heap with no incremental marking under way: it pays for
    // its own garbage only, not for the previous contender's (marking slows every allocation and
    // write barrier, and would land on whichever contender runs next).
    collectGarbage();
    const slices = Math.max(1, Math.round(this.sampleMs / SLICE_MS));
    let ms = 0;
    for (let i = 0; i < slices; i++) {
      ms += await timeBatch(this.run, this.n, this.isAsync);
      await nextTask();
    }
    this.opsPerSample = slices * this.n;
    this.samples.push((ms * 1e6) / this.opsPerSample);
  }

  result(): Timed {
    return {
      nsPerOp: median(this.samples),
      minNs: Math.min(...this.samples),
      maxNs: Math.max(...this.samples),
      samplesNs: [...this.samples],
      opsPerSample: this.opsPerSample,
      opsPerSlice: this.n,
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

/**
 * Full GCs after the current job has ended: a WeakRef's target stays alive until the end of the
 * job that created or read it, and objects that only it holds go on the next GC after that.
 */
async function settle(): Promise<void> {
  await nextTask();
  collectGarbage();
  collectGarbage();
}

export interface HeapPerOp {
  ops: number;
  /** Bytes allocated per op (everything the op allocated, garbage or not). */
  allocatedBytesPerOp: number;
  /**
   * Bytes still reachable after the loop and full GCs, per op, the container still alive. Only
   * indicative: in this long process, memory of earlier runs is sometimes freed only now.
   */
  retainedBytesPerOp: number;
  gcs: number;
}

/**
 * Heap allocated per op over `ops` ops: a full GC, then the loop under V8's GC profiler; bytes
 * allocated = growth of the used heap + what every GC during the loop freed. Then a full GC again,
 * for what stayed reachable.
 */
export async function heapPerOp(run: Runner, ops: number, isAsync: boolean, slice = ops): Promise<HeapPerOp> {
  await settle();
  const profiler = new v8.GCProfiler();
  const before = v8.getHeapStatistics().used_heap_size;
  profiler.start();
  for (let done = 0; done < ops; done += slice) {
    const n = Math.min(slice, ops - done);
    sink[0] = isAsync ? await run(n) : run(n);
    if (n < ops) await nextTask();
  }
  const after = v8.getHeapStatistics().used_heap_size;
  const stats = profiler.stop();
  let freed = 0;
  for (const gc of stats.statistics) {
    freed += gc.beforeGC.heapStatistics.usedHeapSize - gc.afterGC.heapStatistics.usedHeapSize;
  }
  sink[0] = undefined;
  await settle();
  const retained = v8.getHeapStatistics().used_heap_size;
  return {
    ops,
    allocatedBytesPerOp: (after - before + freed) / ops,
    retainedBytesPerOp: (retained - before) / ops,
    gcs: stats.statistics.length,
  };
}
