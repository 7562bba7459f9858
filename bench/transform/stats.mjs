// Small statistics helpers shared by the benchmark's parent and child processes.

/** Median of a non-empty list of numbers. */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export const round1 = (x) => Math.round(x * 10) / 10;
export const round2 = (x) => Math.round(x * 100) / 100;

/** Median, min and max of timing samples in ms, and the samples themselves, rounded to 0.1 ms. */
export function summarize(samples) {
  return {
    median: round1(median(samples)),
    min: round1(Math.min(...samples)),
    max: round1(Math.max(...samples)),
    samples: samples.map(round1),
  };
}

/** MB/s (1 MB = 10^6 bytes) for `bytes` processed in `ms`. */
export const mbPerSecond = (bytes, ms) => round1(bytes / 1e6 / (ms / 1000));
