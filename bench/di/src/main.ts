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
import { pinionGet, pinionJitless, pinionProvide, validationScenario } from './contenders/pinion.js';
import { tsyringe } from './contenders/tsyringe.js';
import { typedInject } from './contenders/typed-inject.js';
import {
  collectGarbage,
  compileRunner,
  FULL_SETTINGS,
  type HeapPerOp,
  heapPerOp,
  median,
  nextTask,
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
  pinionJitless,
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

/** Builds a contender's scenario and checks it; throws when it fails its check. */
async function buildChecked(id: ScenarioId, contender: Contender): Promise<{ op: Op; isAsync: boolean }> {
  const scenario = (await (contender.scenarios[id] as () => unknown)()) as { op: Op };
  await (CHECKS[id] as (s: unknown) => Promise<void>)(scenario);
  const probe = scenario.op();
  const isAsync = isThenable(probe);
  if (isAsync) await probe;
  return { op: scenario.op, isAsync };
}

interface Prepared {
  result: ScenarioResult;
  /** The contenders that passed their check. */
  passed: { contender: Contender; row: Row }[];
}

/**
 * Builds and checks every contender of a scenario, and warms up those that passed. S1–S5 are all
 * prepared before any is timed: each contender's code has then seen all its scenarios, as in an
 * application that resolves all kinds of bindings, so the numbers do not depend on which scenario
 * happens to run first (S6 is the exception: see main). The containers built here are dropped:
 * some peers keep memory for every request scope ever opened, which must not weigh on what is
 * timed later.
 */
async function prepareScenario(id: ScenarioId): Promise<Prepared> {
  const { title, measures } = SCENARIOS[id];
  const result: ScenarioResult = { id, key: id, title, measures, rows: [], absent: [] };
  const passed: Prepared['passed'] = [];
  for (const contender of CONTENDERS) {
    if (!contender.scenarios[id]) {
      const why = ABSENT[id]?.[contender.name];
      if (why) result.absent.push(`${contender.name} (${why})`);
      continue;
    }
    const row: Row = { name: contender.name, kind: contender.kind, config: contender.config, status: 'ok' };
    result.rows.push(row);
    try {
      const { op, isAsync } = await buildChecked(id, contender);
      row.async = isAsync;
      await new Series(compileRunner(op, isAsync), isAsync, settings.sampleMs).prepare(settings.warmupMs);
    } catch (error) {
      row.status = 'failed';
      row.reason = describeError(error);
      continue;
    }
    passed.push({ contender, row });
  }
  return { result, passed };
}

/**
 * Times a prepared scenario: each contender that passed gets a new container (checked again) and
 * a new loop, warmed up briefly; then all are sampled in turns. With `key` and `title`, the
 * result is a new one (the same scenario measured again under other conditions).
 */
async function measureScenario(p: Prepared, again?: { key: string; title: string }): Promise<ScenarioResult> {
  const id = p.result.id;
  const result: ScenarioResult = again
    ? { ...p.result, ...again, rows: p.result.rows.map((r) => ({ ...r })) }
    : p.result;
  const live: { series: Series; row: Row }[] = [];
  for (const { contender, row: preparedRow } of p.passed) {
    const row = result.rows[p.result.rows.indexOf(preparedRow)];
    try {
      const { op, isAsync } = await buildChecked(id, contender);
      const series = new Series(compileRunner(op, isAsync), isAsync, settings.sampleMs);
      await series.prepare(settings.warmupMs / 2);
      live.push({ series, row });
    } catch (error) {
      row.status = 'failed';
      row.reason = describeError(error);
    }
  }
  collectGarbage();
  await sampleInTurns(
    live.map((l) => l.series),
    settings,
  );
  for (const { series, row } of live) row.timed = series.result();
  addRatios(result);
  return result;
}

interface RequestMemory {
  name: string;
  /** Bytes allocated per request. */
  heap?: HeapPerOp;
  failed?: string;
}

/** What one S4 request allocates, in a function of its own per contender. */
async function requestMemoryOf(contender: Contender, requests: number): Promise<RequestMemory> {
  try {
    const { op, isAsync } = await buildChecked('S4', contender);
    const run = compileRunner(op, isAsync);
    for (let i = 0; i < 20; i++) {
      await run(50);
      await nextTask();
    }
    return { name: contender.name, heap: await heapPerOp(run, requests, isAsync, 25) };
  } catch (error) {
    return { name: contender.name, failed: describeError(error) };
  }
}

/** S4's requests, once more, for memory (25 requests per task, as a server would run them). */
async function measureRequestMemory(p: Prepared): Promise<RequestMemory[]> {
  const requests = settings.quick ? 5_000 : 20_000;
  const out: RequestMemory[] = [];
  for (const { contender } of p.passed) out.push(await requestMemoryOf(contender, requests));
  return out;
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
    return heapPerOp(run, OPS, false);
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
const formatBytes = (bytes: number) => `${Math.round(bytes).toLocaleString('en-US')} B`;

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
    `settings: ${settings.samples} samples of ~${settings.sampleMs} ms per contender, in ~1 ms slices each run as its own task (median reported), warm-up ${settings.warmupMs} ms${settings.quick ? ' (BENCH_QUICK)' : ''}`,
  );
  log('inversify 8.2.3: the `jitless` container option exists (default true); both settings are timed.');
  log(`load average (1 min) at start: ${os.loadavg()[0].toFixed(2)} on ${environment.cores} cores`);

  const overhead = await harnessOverhead();
  log(
    `loop overhead (an op that does nothing): ${formatNs(overhead.syncNs)} ns sync, ${formatNs(overhead.asyncNs)} ns with await; not subtracted`,
  );

  const scenarios: ScenarioResult[] = [];
  const targets: Target[] = [];
  // S6 first, before any frame is opened: once an AsyncLocalStorage has been entered (S4's
  // frames), Node 20 keeps a promise hook installed for the rest of the process and every promise
  // costs more, for every contender. S6 is measured again at the end in that state.
  const ids = (Object.keys(SCENARIOS) as ScenarioId[]).filter(wanted);
  const measured = new Map<string, ScenarioResult>();
  const measure = async (p: Prepared) => {
    log(`measuring ${p.result.title}${p.result.key === p.result.id ? '' : ' (AsyncLocalStorage active)'}`);
    measured.set(p.result.key, await measureScenario(p));
  };
  let s6: Prepared | undefined;
  if (ids.includes('S6')) {
    log('preparing S6: building, checking and warming up every contender');
    s6 = await prepareScenario('S6');
    await measure(s6);
  }
  let requestMemory: RequestMemory[] | undefined;
  const prepared: Prepared[] = [];
  for (const id of ids.filter((id) => id !== 'S6')) {
    log(`preparing ${id}: building, checking and warming up every contender`);
    prepared.push(await prepareScenario(id));
  }
  for (const p of prepared) {
    await measure(p);
    if (p.result.id === 'S4') requestMemory = await measureRequestMemory(p);
  }
  if (s6 && ids.includes('S4')) {
    log('measuring S6 again, AsyncLocalStorage active');
    measured.set(
      'S6-als',
      await measureScenario(s6, { key: 'S6-als', title: 'S6 async, AsyncLocalStorage active (after S4)' }),
    );
  }

  for (const key of [...ids, 'S6-als']) {
    const result = measured.get(key);
    if (!result) continue;
    const id = result.id;
    scenarios.push(result);
    const primary = key === id;
    const evaluated = primary ? evaluateTargets(result) : { targets: [], marks: new Map<string, string>() };
    targets.push(...evaluated.targets);
    log();
    log(
      `${result.title}: ${primary ? result.measures : 'the same S6, measured after S4 has entered AsyncLocalStorage (as in any process using ContextScope): Node 20 then runs a promise hook for every promise'}`,
    );
    log(table(result, evaluated.marks));
    if (result.absent.length > 0 && primary) log(`  not in ${id}: ${result.absent.join(', ')}`);
    const async = result.rows.filter((r) => r.async).map((r) => r.name);
    if (async.length > 0 && id !== 'S6')
      log(`  awaited per op (their scope disposal returns a promise): ${async.join(', ')}`);
    if (key === 'S4' && requestMemory) {
      log(`  heap allocated per request (${settings.quick ? '5,000' : '20,000'} requests, V8 GC profiler):`);
      for (const m of requestMemory) {
        log(
          m.heap
            ? `    ${m.name.padEnd(27)} ${formatBytes(m.heap.allocatedBytesPerOp).padStart(9)}`
            : `    ${m.name.padEnd(27)} FAILED: ${m.failed}`,
        );
      }
    }
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
        `  ${name.padEnd(22)} ${h.allocatedBytesPerOp.toFixed(1).padStart(7)} bytes/op allocated (${h.gcs} GCs during the loop)`;
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

  const loadAtEnd = os.loadavg()[0];
  log(
    `load average (1 min) at the end: ${loadAtEnd.toFixed(2)} (this process adds about 1)${loadAtEnd > environment.cores - 0.5 ? ': other processes competed for the CPU, numbers may be inflated' : ''}`,
  );
  const seconds = (performance.now() - started) / 1000;
  const results = {
    generatedAt: new Date().toISOString(),
    command: 'pnpm bench',
    environment,
    settings,
    filters: { BENCH_ONLY: only ?? null, BENCH_CONTENDERS: contenderWords ?? null },
    durationSeconds: round(seconds, 1),
    loadAverageAtEnd: round(loadAtEnd),
    loopOverheadNs: { sync: round(overhead.syncNs, 3), async: round(overhead.asyncNs, 3) },
    contenders: CONTENDERS.map((c) => ({ name: c.name, kind: c.kind, config: c.config })),
    scenarios: Object.fromEntries(
      scenarios.map((s) => [
        s.key,
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
                  opsPerSlice: r.timed.opsPerSlice,
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
    memoryPerRequestS4: requestMemory,
    S7: validation,
    targets,
  };
  // A quick or partial run does not overwrite the full run's results.
  const partial = settings.quick || only !== undefined || contenderWords !== undefined;
  const name = partial ? 'results.partial.json' : 'results.json';
  writeFileSync(new URL(`../${name}`, import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
  log(`\nwrote bench/di/${name} (${seconds.toFixed(1)} s)`);
}

await main();
