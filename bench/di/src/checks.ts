// Correctness before timing: each contender's graph is checked through the same `op` that will be
// timed (right classes, each dependency in the right field, singletons shared, transients fresh,
// scoped objects shared within and not across frames, disposal called). A contender whose check
// throws is reported as FAILED with the reason and never timed.
import type { Class, S1, S2, S3, S4, S5, S6, ScenarioId, Scenarios } from './scenarios.js';

export class CheckFailure extends Error {
  override name = 'CheckFailure';
}

function fail(reason: string): never {
  throw new CheckFailure(reason);
}

const nameOf = (value: unknown): string => {
  if (value === null || value === undefined) return String(value);
  if (typeof value !== 'object') return `a ${typeof value}`;
  return `an instance of ${(value as object).constructor?.name ?? '(no prototype)'}`;
};

/** `value` is an instance of exactly `cls` (not of a subclass or another class of the same shape). */
function expectInstance(value: unknown, cls: Class, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== cls.prototype) {
    fail(`${what} should be an instance of ${cls.name}, got ${nameOf(value)}`);
  }
  return value as Record<string, unknown>;
}

/** `owner[field]` is an instance of `cls`. */
function expectField(owner: Record<string, unknown>, field: string, cls: Class, what: string) {
  return expectInstance(owner[field], cls, `${what}.${field}`);
}

function expectFresh(a: unknown, b: unknown, what: string): void {
  if (a === b) fail(`${what} should be a new object each time (transient), got the same object twice`);
}

function expectSame(a: unknown, b: unknown, what: string): void {
  if (a !== b) fail(`${what} should be the same object each time, got two different objects`);
}

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  typeof (value as { then?: unknown } | null)?.then === 'function';

/** Runs `op` once, awaiting it when it returns a promise. */
async function once(op: () => unknown): Promise<unknown> {
  const result = op();
  return isThenable(result) ? await result : result;
}

export async function checkS1(s: S1): Promise<void> {
  const { Single, Config } = s.classes;
  const a = expectInstance(await once(s.op), Single, 'single');
  expectField(a, 'config', Config, 'single');
  const b = await once(s.op);
  expectSame(a, b, 'single (a singleton)');
}

export async function checkS2(s: S2): Promise<void> {
  const { Flat, LeafA, LeafB, LeafC } = s.classes;
  const check = (value: unknown) => {
    const flat = expectInstance(value, Flat, 'flat');
    expectField(flat, 'leafA', LeafA, 'flat');
    expectField(flat, 'leafB', LeafB, 'flat');
    expectField(flat, 'leafC', LeafC, 'flat');
    return flat;
  };
  const a = check(await once(s.op));
  const b = check(await once(s.op));
  expectFresh(a, b, 'flat');
  for (const field of ['leafA', 'leafB', 'leafC']) expectFresh(a[field], b[field], `flat.${field}`);
}

export async function checkS3(s: S3): Promise<void> {
  const { deep, LeafA, LeafB } = s.classes;
  if (deep.length !== 10) fail(`expected 10 deep classes, got ${deep.length}`);
  /** The 21 objects of one resolution, checked field by field. */
  const walk = (value: unknown): unknown[] => {
    const objects: unknown[] = [];
    let node = expectInstance(value, deep[0], 'deep0');
    for (let i = 0; i < 10; i++) {
      const what = `deep${i}`;
      objects.push(node);
      objects.push(expectField(node, 'leafA', LeafA, what));
      if (i < 9) node = expectField(node, `deep${i + 1}`, deep[i + 1], what);
      else objects.push(expectField(node, 'leafB', LeafB, what));
    }
    return objects;
  };
  const a = walk(await once(s.op));
  const b = walk(await once(s.op));
  if (new Set(a).size !== 21)
    fail(`one resolution should hold 21 distinct objects (all transient), got ${new Set(a).size}`);
  const shared = a.filter((x) => b.includes(x));
  if (shared.length > 0) fail(`two resolutions share ${shared.length} object(s), but all are transient`);
}

export async function checkS4(s: S4): Promise<void> {
  const { RequestContext, Service, Helper } = s.classes;
  const check = (value: unknown, what: string) => {
    const ctx = expectInstance(value, RequestContext, what);
    expectField(ctx, 'service', Service, what);
    expectField(ctx, 'helper', Helper, what);
    return ctx;
  };
  // Shared within one frame, and not disposed before the frame ends.
  const probe = await once(s.sameFrame);
  const { first, second, disposedInside } = probe as Awaited<ReturnType<S4['sameFrame']>>;
  const a = check(first, 'requestContext');
  check(second, 'requestContext');
  expectSame(a, second, 'requestContext within one frame (request-scoped)');
  if (disposedInside !== 0) fail(`requestContext was disposed ${disposedInside} time(s) before its frame ended`);
  if (a.disposeCount !== 1)
    fail(`requestContext should be disposed once when its frame ends, was ${a.disposeCount} times`);
  // The timed op: a whole request, disposal included.
  const x = check(await once(s.op), 'requestContext');
  if (x.disposeCount !== 1)
    fail(`after the request, requestContext should be disposed once, was ${x.disposeCount} times`);
  const y = check(await once(s.op), 'requestContext');
  expectFresh(x, y, 'requestContext across frames (request-scoped)');
  expectFresh(x, a, 'requestContext across frames (request-scoped)');
  expectSame(x.service, y.service, 'requestContext.service (a singleton)');
  expectSame(x.service, a.service, 'requestContext.service (a singleton)');
  expectFresh(x.helper, y.helper, 'requestContext.helper');
}

export async function checkS5(s: S5): Promise<void> {
  const classes = s.classes;
  if (classes.length !== 200) fail(`expected 200 classes, got ${classes.length}`);
  const walk = (value: unknown): unknown[] => {
    const objects: unknown[] = [];
    let i = 199;
    let node = expectInstance(value, classes[i], 'c199');
    objects.push(node);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      node = expectField(node, `c${parent}`, classes[parent], `c${i}`);
      objects.push(node);
      i = parent;
    }
    return objects;
  };
  const a = walk(await once(s.op));
  const b = walk(await once(s.op));
  if (a.length !== 8) fail(`c199 should stand on a chain of 8 objects, got ${a.length}`);
  // Each op builds a new container: nothing is shared between two start-ups.
  const shared = a.filter((x) => b.includes(x));
  if (shared.length > 0) fail(`two start-ups share ${shared.length} object(s): the container was not rebuilt`);
}

export async function checkS6(s: S6): Promise<void> {
  const { AsyncRoot, repos, conns } = s.classes;
  if (repos.length !== 10 || conns.length !== 10) fail('expected 10 repository and 10 connection classes');
  const op = s.op;
  const check = (value: unknown) => {
    const root = expectInstance(value, AsyncRoot, 'asyncRoot');
    return repos.map((Repo, i) => {
      const repo = expectField(root, `repo${i}`, Repo, 'asyncRoot');
      expectField(repo, `conn${i}`, conns[i], `repo${i}`);
      return repo;
    });
  };
  // Two concurrent first requests (the async singletons are not created yet) must share them.
  const first = op();
  const second = op();
  if (!isThenable(first)) fail(`resolving asyncRoot should return a promise, got ${nameOf(first)}`);
  const [a, b] = (await Promise.all([first, second])).map(check);
  const c = check(await op());
  for (let i = 0; i < 10; i++) {
    expectFresh(a[i], b[i], `repo${i}`);
    expectFresh(a[i], c[i], `repo${i}`);
    expectSame(a[i][`conn${i}`], b[i][`conn${i}`], `conn${i} (an async singleton, two concurrent first requests)`);
    expectSame(a[i][`conn${i}`], c[i][`conn${i}`], `conn${i} (an async singleton)`);
  }
  const calls = s.providerCalls();
  if (calls !== 10) fail(`each of the 10 async singletons should be created once, the providers ran ${calls} times`);
}

export const CHECKS: { [K in ScenarioId]: (s: Scenarios[K]) => Promise<void> } = {
  S1: checkS1,
  S2: checkS2,
  S3: checkS3,
  S4: checkS4,
  S5: checkS5,
  S6: checkS6,
};
