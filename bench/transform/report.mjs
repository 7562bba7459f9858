// Prints a run's results as Markdown tables, ready to paste into bench/transform/README.md.

import { mbPerSecond } from './stats.mjs';

const log = (line = '') => process.stdout.write(`${line}\n`);
const int = (x) => Math.round(x).toLocaleString('en-US');
const mb = (bytes) => (bytes / 1e6).toFixed(1);

function table(header, rows) {
  log(`| ${header.join(' | ')} |`);
  log(`|${header.map((_, i) => (i === 0 ? '---' : '--:')).join('|')}|`);
  for (const row of rows) log(`| ${row.join(' | ')} |`);
}

const BUNDLE_ROWS = [
  ['esbuild', 'esbuild', 'plain'],
  ['esbuild + `pinionEsbuild()`', 'esbuild', 'plugin'],
  ['Vite build', 'vite', 'plain'],
  ['Vite build + `pinionVite()`', 'vite', 'plugin'],
];

/** [label, MB/s of one set ({ bytes, core, … }) and which set it is]. */
const THROUGHPUT_ROWS = [
  ['`transform()`, no source map (as in these builds)', (s) => s.core.mbPerSecond],
  // The untimed first pass over the project is the process's first work, as in a one-shot build;
  // the corpus comes after it, when the JIT is warm already.
  [
    '`transform()`, no source map, first pass of a fresh process',
    (s, set) => (set === 'project' ? mbPerSecond(s.bytes, s.core.coldMs) : undefined),
  ],
  ['`transform()`, with source map', (s) => s.coreWithMap.mbPerSecond],
  ['oxc-parser `parseSync`, raw transfer', (s) => s.oxcRaw?.mbPerSecond],
  ['oxc-parser `parseSync`, JSON', (s) => s.oxcJson.mbPerSecond],
  ['TypeScript `createSourceFile`', (s) => s.typescript.mbPerSecond],
];

const VERSION_NAMES = { esbuild: 'esbuild', vite: 'Vite', oxcParser: 'oxc-parser', typescript: 'TypeScript' };
const versions = (v) =>
  Object.entries(VERSION_NAMES)
    .filter(([key]) => v[key])
    .map(([key, name]) => `${name} ${v[key]}`)
    .join(', ');

export function printReport(r) {
  const nodes = Object.keys(r.nodes);
  const p = r.project;
  log();
  log(
    `Generated project: ${int(p.files)} files, ${int(p.classes)} classes, ${mb(p.bytes)} MB. ` +
      `Median of ${r.rounds.esbuild} fresh builds (esbuild) and ${r.rounds.vite} (Vite); ms include loading the bundler and plugin.`,
  );
  log();
  table(
    ['bundle', ...nodes.flatMap((n) => [`Node ${n} ms`, 'of which load', 'plugin / plain'])],
    BUNDLE_ROWS.filter(([, bundler]) => r.bundles[bundler]).map(([name, bundler, variant]) => [
      name,
      ...nodes.flatMap((n) => {
        const b = r.bundles[bundler][n];
        return [int(b[variant].median), int(b[variant].importMs), variant === 'plugin' ? `**${b.ratio}×**` : ''];
      }),
    ]),
  );
  log();
  const first = r.throughput[nodes[0]];
  log(
    `Throughput in MB/s (median of ${r.rounds.core} rounds for the core without map, ${r.rounds.parse} for the rest, after one ` +
      `untimed pass): generated project (${mb(first.project.bytes)} MB) and real-world corpus ` +
      `(${int(first.corpus.files)} files of rxjs, effect, zod, @effect/platform, ${mb(first.corpus.bytes)} MB).`,
  );
  log();
  table(
    ['MB/s', ...nodes.flatMap((n) => [`Node ${n} project`, `Node ${n} corpus`])],
    THROUGHPUT_ROWS.map(([name, value]) => [
      name,
      ...nodes.flatMap((n) => ['project', 'corpus'].map((set) => String(value(r.throughput[n][set], set) ?? 'n/a'))),
    ]),
  );
  log();
  table(
    ['target', 'measured', ''],
    r.targets.map((t) => [t.text, t.value ?? '–', t.verdict === 'met' ? 'met' : `**${t.verdict}**`]),
  );
  log();
  const m = r.machine;
  log(
    `${m.cpu}, nproc ${m.nproc}; ${nodes.map((n) => `Node ${r.nodes[n]}`).join(', ')}; ${versions(r.versions)}; ` +
      `load average ${m.loadAverage.before} before, ${m.loadAverage.after} after; commit ${r.commit}; ${r.seconds} s in all.`,
  );
}
