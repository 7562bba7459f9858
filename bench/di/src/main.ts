// `pnpm bench`: Pinion's resolution against awilix, inversify, tsyringe, typed-inject and
// hand-written code, side by side in this one process (run by bench/di/run.mjs with --expose-gc).
// Environment: BENCH_QUICK=1 for a fast smoke run; BENCH_ONLY=S2,S4,HEAP,S7 for some parts only;
// BENCH_CONTENDERS=pinion,inversify for the contenders whose name contains one of the words (the
// baselines always run): with `node --cpu-prof`, a profile of one contender.
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { CHECKS } from './checks.js';
import { awilixClassic } from './contenders/awilix-classic.js';
import { awilixProxy } from './contenders/awilix-proxy.js';
import { handwritten, handwrittenAls } from './contenders/handwritten.js';
import { inversifyDefault, inversifyJit } from './contenders/inversify.js';
import { pinionGet, pinionProvide, validationScenario } from './contenders/pinion.js';
import { tsyringe } from './contenders/tsyringe.js';
import { typedInject } from './contenders/typed-inject.js';
import {
  collectGarbage,
  compileRunner,
  FULL_SETTINGS,
  type HeapPerOp,
  heapPerOp,
  median,
  QUICK_SETTINGS,
  Series,
  type Settings,
  sampleInTurns,
} from './harness.js';
import {
  addRatios,
  evaluateTargets,
  formatNs,
  formatTarget,
  type Row,
  type ScenarioResult,
  type Target,
  table,
} from './report.js';
import { type Contender, type Op, SCENARIOS, type ScenarioId } from './scenarios.js';

const ALL_CONTENDERS: readonly Contender[] = [
  handwritten,
  handwrittenAls,
  pinionProvide,
  pinionGet,
  awilixClassic,
  awilixProxy,
  inversifyDefault,
  inversifyJit,
  tsyringe,
  typedInject,
];

const contenderWords = process.env.BENCH_CONTENDERS?.split(',').map((s) => s.trim().toLowerCase());
const CONTENDERS = ALL_CONTENDERS.filter(
  (c) => c.kind === 'baseline' || !contenderWords || contenderWords.some((w) => c.name.toLowerCase().includes(w)),
);

const NO_ASYNC = 'no async resolution API';
const ABSENT: Partial<Record<ScenarioId, Record<string, string>>> = {
  S6: { 'awilix CLASSIC': NO_ASYNC, 'awilix PROXY': NO_ASYNC, tsyringe: NO_ASYNC, 'typed-inject': NO_ASYNC },
};

const settings: Settings = process.env.BENCH_QUICK === '1' ? QUICK_SETTINGS : FULL_SETTINGS;
const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim().toUpperCase());
const wanted = (id: string) => !only || only.includes(id);
const log = (line = '') => process.stdout.write(`${line}\n`);

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  typeof (value as { then?: unknown } | null)?.then === 'function';

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const message = error.message.split('\n')[0];
    return error.name === 'CheckFailure' ? message : `${error.name}: ${message}`;
  }
  return String(error);
}

interface Prepared {
  result: ScenarioResult;
  live: { series: Series; row: Row }[];
}

/**
 * Builds and checks every contender of a scenario, then warms up and calibrates those that
 * passed. Every scenario is prepared before any is timed: each contender's code has then seen
 * all its scenarios, as in an application that resolves all kinds of bindings, so the numbers
 * do not depend on which scenario happens to run first.
 */
async function prepareScenario(id: ScenarioId): Promise<Prepared> {
  const { title, measures } = SCENARIOS[id];
  const result: ScenarioResult = { id, title, measures, rows: [], absent: [] };
  const live: Prepared['live'] = [];
  for (const contender of CONTENDERS) {
    const factory = contender.scenarios[id] as (() => unknown) | undefined;
    if (!factory) {
      const why = ABSENT[id]?.[contender.name];
      if (why) result.absent.push(`${contender.name} (${why})`);
      continue;
    }
    const row: Row = { name: contender.name, kind: contender.kind, config: contender.config, status: 'ok' };
    result.rows.push(row);
    let op: Op;
    try {
      const scenario = (await factory()) as { op: Op };
      await (CHECKS[id] as (s: unknown) => Promise<void>)(scenario);
      op = scenario.op;
      const probe = op();
      row.async = isThenable(probe);
      if (row.async) await probe;
    } catch (error) {
      row.status = 'failed';
      row.reason = describeError(error);
      continue;
    }
    const series = new Series(compileRunner(op, row.async), row.async, settings.sampleMs);
    await series.prepare(settings.warmupMs);
    live.push({ series, row });
  }
  return { result, live };
}

/** Warms the scenario's series up again briefly, then samples them in turns. */
async function measureScenario({ result, live }: Prepared): Promise<ScenarioResult> {
  collectGarbage();
  for (const { series } of live) await series.prepare(settings.warmupMs / 4);
  await sampleInTurns(
    live.map((l) => l.series),
    settings,
  );
  for (const { series, row } of live) row.timed = series.result();
  addRatios(result);
  return result;
}

interface HeapResult {
  pinionProvide: HeapPerOp;
  pinionGet: HeapPerOp;
  handwritten: HeapPerOp;
  /** Pinion's own bytes per resolution, over the user's objects. */
  extraBytesPerOpProvide: number;
  extraBytesPerOpGet: number;
}

/** Heap per S2 resolution, for Pinion and for the hand-written baseline (the user's own objects). */
async function measureHeap(): Promise<HeapResult | { failed: string }> {
  const OPS = 1_000_000;
  const measure = async (contender: Contender) => {
    const scenario = await contender.scenarios.S2!();
    await CHECKS.S2(scenario);
    const run = compileRunner(scenario.op, false);
    for (let i = 0; i < 20; i++) run(20_000);
    return heapPerOp(run, OPS);
  };
  try {
    const base = await measure(handwritten);
    const provide = await measure(pinionProvide);
    const get = await measure(pinionGet);
    return {
      pinionProvide: provide,
      pinionGet: get,
      handwritten: base,
      extraBytesPerOpProvide: provide.allocatedBytesPerOp - base.allocatedBytesPerOp,
      extraBytesPerOpGet: get.allocatedBytesPerOp - base.allocatedBytesPerOp,
    };
  } catch (error) {
    return { failed: describeError(error) };
  }
}

interface ValidationResult {
  bindings: number;
  status: 'ok' | 'failed';
  reason?: string;
  /** The first validate() of the process: cold code, as at an application's start-up. */
  coldMs?: number;
  /** Median of the warm runs, each on a new graph. */
  medianMs?: number;
  minMs?: number;
  samplesMs?: number[];
}

async function measureValidation(): Promise<ValidationResult> {
  const s7 = await validationScenario();
  const time = () => {
    const graph = s7.newGraph();
    const started = performance.now();
    graph.validate();
    return performance.now() - started;
  };
  const coldMs = time();
  try {
    s7.check();
  } catch (error) {
    return { bindings: s7.bindings, status: 'failed', reason: describeError(error) };
  }
  const samples: number[] = [];
  const count = settings.quick ? 5 : 21;
  for (let i = 0; i < 5; i++) time();
  for (let i = 0; i < count; i++) samples.push(time());
  return {
    bindings: s7.bindings,
    status: 'ok',
    coldMs,
    medianMs: median(samples),
    minMs: Math.min(...samples),
    samplesMs: samples,
  };
}

/** The cost of the loop itself: an op that does nothing, sync and async. */
async function harnessOverhead(): Promise<{ syncNs: number; asyncNs: number }> {
  const sync = new Series(
    compileRunner(() => undefined, false),
    false,
    settings.sampleMs,
  );
  const asyncSeries = new Series(
    compileRunner(async () => undefined, true),
    true,
    settings.sampleMs,
  );
  await sync.prepare(settings.warmupMs);
  await asyncSeries.prepare(settings.warmupMs);
  await sampleInTurns([sync, asyncSeries], settings);
  return { syncNs: sync.result().nsPerOp, asyncNs: asyncSeries.result().nsPerOp };
}

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

async function main(): Promise<void> {
  const started = performance.now();
  const cpus = os.cpus();
  const environment = {
    node: process.version,
    v8: process.versions.v8,
    platform: `${process.platform} ${process.arch}`,
    cpu: cpus[0]?.model ?? 'unknown',
    cores: os.availableParallelism(),
    loadAverage: os.loadavg().map((x) => round(x)),
  };
  log(`DI benchmark: ${environment.node} (V8 ${environment.v8}), ${environment.cpu}, ${environment.cores} cores`);
  log(
    `settings: ${settings.samples} samples of ~${settings.sampleMs} ms per contender (median reported), warm-up ${settings.warmupMs} ms${settings.quick ? ' (BENCH_QUICK)' : ''}`,
  );
  log('inversify 8.2.3: the `jitless` container option exists (default true); both settings are timed.');

  const overhead = await harnessOverhead();
  log(
    `loop overhead (an op that does nothing): ${formatNs(overhead.syncNs)} ns sync, ${formatNs(overhead.asyncNs)} ns with await; not subtracted`,
  );

  const scenarios: ScenarioResult[] = [];
  const targets: Target[] = [];
  const ids = (Object.keys(SCENARIOS) as ScenarioId[]).filter(wanted);
  const prepared: Prepared[] = [];
  for (const id of ids) {
    log(`preparing ${id}: building, checking and warming up every contender`);
    prepared.push(await prepareScenario(id));
  }
  for (const p of prepared) {
    const result = await measureScenario(p);
    const id = result.id;
    scenarios.push(result);
    const evaluated = evaluateTargets(result);
    targets.push(...evaluated.targets);
    log();
    log(`${result.title}: ${result.measures}`);
    log(table(result, evaluated.marks));
    if (result.absent.length > 0) log(`  not in ${id}: ${result.absent.join(', ')}`);
    const async = result.rows.filter((r) => r.async).map((r) => r.name);
    if (async.length > 0 && id !== 'S6')
      log(`  awaited per op (their scope disposal returns a promise): ${async.join(', ')}`);
  }

  let heap: Awaited<ReturnType<typeof measureHeap>> | undefined;
  if (wanted('HEAP') || wanted('S2')) {
    heap = await measureHeap();
    log();
    log('Heap per S2 resolution (1,000,000 resolutions, full GC before and after, V8 GC profiler):');
    if ('failed' in heap) {
      log(`  FAILED: ${heap.failed}`);
      targets.push({
        id: 'heap',
        scenario: 'S2',
        description: "no allocation beyond the user's objects",
        met: null,
        measured: heap.failed,
      });
    } else {
      const line = (name: string, h: HeapPerOp) =>
        `  ${name.padEnd(22)} ${h.allocatedBytesPerOp.toFixed(1).padStart(7)} bytes/op allocated, ${h.retainedBytesPerOp.toFixed(2)} bytes/op retained, ${h.gcs} GCs`;
      log(line('hand-written', heap.handwritten));
      log(line('pinion provide(Cls)', heap.pinionProvide));
      log(line('pinion get(name)', heap.pinionGet));
      for (const [name, extra] of [
        ['pinion provide(Cls)', heap.extraBytesPerOpProvide],
        ['pinion get(name)', heap.extraBytesPerOpGet],
      ] as const) {
        const met = extra < 1;
        const target: Target = {
          id: `heap, ${name}`,
          scenario: 'S2',
          description: `${name}: 1,000,000 S2 resolutions allocate nothing beyond the user's own objects`,
          met,
          measured: `${extra.toFixed(1)} bytes/op over hand-written`,
        };
        targets.push(target);
        log(`  ${name}: ${target.measured} — ${met ? 'met' : 'NOT met'}`);
      }
    }
  }

  let validation: ValidationResult | undefined;
  if (wanted('S7')) {
    validation = await measureValidation();
    log();
    log(`S7 validation: validate() on a ${validation.bindings.toLocaleString('en-US')}-binding graph (Pinion only)`);
    if (validation.status === 'failed') log(`  pinion validate()  FAILED: ${validation.reason}`);
    else {
      log(
        `  pinion validate()  ${validation.medianMs!.toFixed(2)} ms median (min ${validation.minMs!.toFixed(2)} ms); first call of the process ${validation.coldMs!.toFixed(2)} ms`,
      );
    }
  }

  log();
  log('Targets (issue 5):');
  for (const t of targets) log(formatTarget(t));
  const met = targets.filter((t) => t.met === true).length;
  log(`  ${met} of ${targets.length} met`);

  const seconds = (performance.now() - started) / 1000;
  const results = {
    generatedAt: new Date().toISOString(),
    command: 'pnpm bench',
    environment,
    settings,
    durationSeconds: round(seconds, 1),
    loopOverheadNs: { sync: round(overhead.syncNs, 3), async: round(overhead.asyncNs, 3) },
    contenders: CONTENDERS.map((c) => ({ name: c.name, kind: c.kind, config: c.config })),
    scenarios: Object.fromEntries(
      scenarios.map((s) => [
        s.id,
        {
          title: s.title,
          measures: s.measures,
          absent: s.absent,
          rows: s.rows.map((r) => ({
            name: r.name,
            kind: r.kind,
            status: r.status,
            ...(r.reason === undefined ? {} : { reason: r.reason }),
            ...(r.async === undefined ? {} : { awaited: r.async }),
            ...(r.timed
              ? {
                  nsPerOp: round(r.timed.nsPerOp, 3),
                  minNs: round(r.timed.minNs, 3),
                  maxNs: round(r.timed.maxNs, 3),
                  opsPerSample: r.timed.opsPerSample,
                  samplesNs: r.timed.samplesNs.map((x) => round(x, 3)),
                }
              : {}),
            ...(r.ratio === undefined ? {} : { ratioToHandwritten: round(r.ratio, 3) }),
            ...(r.ratioAls === undefined ? {} : { ratioToAlsRun: round(r.ratioAls, 3) }),
          })),
        },
      ]),
    ),
    heapS2: heap,
    S7: validation,
    targets,
  };
  const file = new URL('../results.json', import.meta.url);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  log(`\nwrote bench/di/results.json (${seconds.toFixed(1)} s)`);
}

await main();
