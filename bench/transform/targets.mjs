// The targets of issue 10, checked against a run's results. A target on a Node the run did not
// measure (BENCH_NODES) is "not measured", never "met".

/** Each target: what it says, how to read the measured value from the results, and when it is met. */
export const TARGETS = [
  {
    text: 'esbuild + pinionEsbuild() ≤ 1.3× esbuild alone, Node 24',
    value: (r) => r.bundles.esbuild?.[24]?.ratio,
    unit: '×',
    met: (v) => v <= 1.3,
  },
  {
    text: 'esbuild + pinionEsbuild() < 3.2× esbuild alone, Node 20',
    value: (r) => r.bundles.esbuild?.[20]?.ratio,
    unit: '×',
    met: (v) => v < 3.2,
  },
  {
    text: 'transform core ≥ 40 MB/s on Node 24, generated project',
    value: (r) => r.throughput[24]?.project.core.mbPerSecond,
    unit: ' MB/s',
    met: (v) => v >= 40,
  },
  {
    text: 'transform core ≥ 40 MB/s on Node 24, real-world corpus',
    value: (r) => r.throughput[24]?.corpus.core.mbPerSecond,
    unit: ' MB/s',
    met: (v) => v >= 40,
  },
];

/** [{ text, value, verdict }] for `results`; verdict is 'met', 'not met' or 'not measured'. */
export function checkTargets(results) {
  return TARGETS.map((t) => {
    const value = t.value(results);
    if (value === undefined) return { text: t.text, value: null, verdict: 'not measured' };
    return { text: t.text, value: `${value}${t.unit}`, verdict: t.met(value) ? 'met' : 'not met' };
  });
}
