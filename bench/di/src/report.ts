// Tables and targets: ratios to the baselines, and issue 5's targets as met / not met.
import type { Timed } from './harness.js';
import type { ScenarioId } from './scenarios.js';

export interface Row {
  name: string;
  kind: 'baseline' | 'pinion' | 'peer';
  config: string;
  /** `failed`: the correctness check failed (never timed). */
  status: 'ok' | 'failed';
  reason?: string;
  async?: boolean;
  timed?: Timed;
  /** Median ns/op over the hand-written baseline's. */
  ratio?: number;
  /** S4: over the AsyncLocalStorage.run baseline's. */
  ratioAls?: number;
}

export interface ScenarioResult {
  id: ScenarioId;
  /** Its key in results.json: the id, or `S6-als` for S6 measured again with AsyncLocalStorage active. */
  key: string;
  title: string;
  measures: string;
  rows: Row[];
  /** Contenders without this scenario, and why. */
  absent: string[];
}

export interface Target {
  id: string;
  scenario: string;
  description: string;
  /** `null`: could not be evaluated (a row failed its check). */
  met: boolean | null;
  measured: string;
}

export const BASELINE = 'hand-written';
export const ALS_BASELINE = 'hand-written in ALS.run';

export function formatNs(ns: number): string {
  if (ns < 10) return ns.toFixed(2);
  if (ns < 1000) return ns.toFixed(1);
  return Math.round(ns).toLocaleString('en-US');
}

export function formatRatio(ratio: number | undefined): string {
  if (ratio === undefined) return '';
  if (ratio < 10) return `${ratio.toFixed(2)}×`;
  if (ratio < 100) return `${ratio.toFixed(1)}×`;
  return `${Math.round(ratio).toLocaleString('en-US')}×`;
}

/** Fills in the ratios of every timed row. */
export function addRatios(result: ScenarioResult): void {
  const base = result.rows.find((r) => r.name === BASELINE)?.timed?.nsPerOp;
  const als = result.rows.find((r) => r.name === ALS_BASELINE)?.timed?.nsPerOp;
  for (const row of result.rows) {
    if (!row.timed) continue;
    if (base !== undefined) row.ratio = row.timed.nsPerOp / base;
    if (als !== undefined && result.id === 'S4') row.ratioAls = row.timed.nsPerOp / als;
  }
}

const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - s.length));
const padLeft = (s: string, n: number) => ' '.repeat(Math.max(0, n - s.length)) + s;

/** The table of one scenario, as printed and as put in the README. */
export function table(result: ScenarioResult, marks: ReadonlyMap<string, string>): string {
  const isS4 = result.id === 'S4';
  const header = ['contender', 'ns/op', 'min', isS4 ? '× new+dispose' : '× hand-written'];
  if (isS4) header.push('× ALS.run');
  header.push('target');
  const lines: string[][] = [header];
  for (const row of result.rows) {
    if (row.status === 'failed') {
      lines.push([row.name, 'FAILED', '', row.reason ?? '']);
      continue;
    }
    const t = row.timed!;
    const cells = [row.name, formatNs(t.nsPerOp), formatNs(t.minNs), formatRatio(row.ratio)];
    if (isS4) cells.push(formatRatio(row.ratioAls));
    cells.push(marks.get(row.name) ?? '');
    lines.push(cells);
  }
  const widths = header.map((_, i) => Math.max(...lines.filter((l) => l.length > 2).map((l) => (l[i] ?? '').length)));
  const out = lines.map((cells) => {
    if (cells[1] === 'FAILED') return `  ${pad(cells[0], widths[0])}  FAILED: ${cells[3]}`;
    return `  ${cells
      .map((c, i) => (i === 0 || i === cells.length - 1 ? pad(c, widths[i]) : padLeft(c, widths[i])))
      .join('  ')
      .trimEnd()}`;
  });
  return out.join('\n');
}

/** Issue 5's targets for one scenario's rows; also returns per-row marks for the table. */
export function evaluateTargets(result: ScenarioResult): { targets: Target[]; marks: Map<string, string> } {
  const targets: Target[] = [];
  const marks = new Map<string, string>();
  const pinionRows = result.rows.filter((r) => r.kind === 'pinion');
  const limits: Partial<Record<ScenarioId, { limit: number; of: 'ratio' | 'ratioAls'; against: string }>> = {
    S1: { limit: 1.0, of: 'ratio', against: 'Map.get' },
    S2: { limit: 3, of: 'ratio', against: 'hand-written' },
    S3: { limit: 3, of: 'ratio', against: 'hand-written' },
    S4: { limit: 1.5, of: 'ratioAls', against: 'the AsyncLocalStorage.run baseline' },
    S5: { limit: 300, of: 'ratio', against: 'hand-written' },
  };
  const limit = limits[result.id];
  for (const row of pinionRows) {
    const description = limit ? `${row.name} ≤ ${limit.limit}× ${limit.against}` : '';
    if (limit) {
      const ratio = row[limit.of];
      const met = row.status === 'ok' && ratio !== undefined ? ratio <= limit.limit : null;
      targets.push({
        id: `${result.id} ratio, ${row.name}`,
        scenario: result.id,
        description,
        met,
        measured: met === null ? `not measured (${row.reason ?? 'no baseline'})` : formatRatio(ratio),
      });
      marks.set(row.name, `≤ ${limit.limit}×: ${met ? 'met' : 'NOT met'}`);
    }
  }
  // Pinion fastest of all contenders: every Pinion row against every peer row.
  const peers = result.rows.filter((r) => r.kind === 'peer');
  const timedPeers = peers.filter((r) => r.timed);
  const best = timedPeers.sort((a, b) => a.timed!.nsPerOp - b.timed!.nsPerOp)[0];
  for (const row of pinionRows) {
    let met: boolean | null;
    let measured: string;
    if (!row.timed) {
      met = null;
      measured = `${row.name} FAILED its check`;
    } else if (!best) {
      met = null;
      measured = 'no peer was timed';
    } else {
      const mine = row.timed.nsPerOp;
      const theirs = best.timed!.nsPerOp;
      met = mine < theirs;
      const by = met
        ? `${(theirs / mine).toFixed(2)}× slower than Pinion`
        : `${(mine / theirs).toFixed(2)}× faster than Pinion`;
      measured = `${formatNs(mine)} ns; the fastest peer, ${best.name}, ${formatNs(theirs)} ns: ${by}`;
    }
    targets.push({
      id: `${result.id} fastest, ${row.name}`,
      scenario: result.id,
      description: `${row.name} faster than every peer`,
      met,
      measured,
    });
    const mark = marks.get(row.name);
    const fastest = met ? 'fastest' : 'NOT fastest';
    marks.set(row.name, mark ? `${mark}; ${fastest}` : fastest);
  }
  return { targets, marks };
}

export function formatTarget(t: Target): string {
  const state = t.met === null ? 'NOT MEASURED' : t.met ? 'met' : 'NOT met';
  return `  [${state}] ${t.scenario}: ${t.description} — ${t.measured}`;
}
