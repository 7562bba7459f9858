// Shared pieces of the soak phases: failure bookkeeping, random pauses, heap readings.

/** Failed checks, by name: how many times each failed and the first few messages. */
export class Checks {
  constructor(phase) {
    this.phase = phase;
    this.failures = new Map();
  }

  /** Records a failure of check `name` unless `ok`; returns `ok`. */
  expect(ok, name, detail) {
    if (!ok) this.fail(name, typeof detail === 'function' ? detail() : detail);
    return ok;
  }

  fail(name, detail) {
    let entry = this.failures.get(name);
    if (!entry) {
      entry = { count: 0, examples: [] };
      this.failures.set(name, entry);
    }
    entry.count++;
    if (entry.examples.length < 3 && detail !== undefined) entry.examples.push(String(detail));
  }

  count(name) {
    return this.failures.get(name)?.count ?? 0;
  }

  get ok() {
    return this.failures.size === 0;
  }

  report(log) {
    for (const [name, { count, examples }] of this.failures) {
      log(`  FAIL [${this.phase}] ${name}: ${count}×`);
      for (const example of examples) log(`       e.g. ${example}`);
    }
  }
}

/**
 * A small seeded generator (mulberry32), so a run can be repeated with SOAK_SEED.
 * Returns floats in [0, 1).
 */
export function randomSource(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const immediate = () => new Promise((resolve) => setImmediate(resolve));
const timeout = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** One random await: a microtask, a chain of them, a macrotask (setImmediate) or a 0–2 ms timer. */
export async function pause(random) {
  const r = random();
  if (r < 0.25) {
    await null;
  } else if (r < 0.5) {
    let p = Promise.resolve();
    for (let i = Math.floor(random() * 5); i >= 0; i--) p = p.then(() => undefined);
    await p;
  } else if (r < 0.8) {
    await immediate();
  } else {
    await timeout(Math.floor(random() * 3));
  }
}

export const sleep = timeout;

/** Heap used after two forced collections, in bytes. */
export async function settledHeap() {
  await immediate();
  globalThis.gc();
  await immediate();
  globalThis.gc();
  return process.memoryUsage().heapUsed;
}

export const mb = (bytes) => (bytes / (1024 * 1024)).toFixed(2);
export const seconds = (ms) => (ms / 1000).toFixed(1);
