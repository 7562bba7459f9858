// KeyedScope under hostile input (issue 11): disposals nobody awaits never leave an unhandled
// rejection, ttls beyond setTimeout's range still mean what they say, options are checked when
// given, and the metrics add up.
import { runInThisContext } from 'node:vm';
import { KeyedScope, newObjectGraph, WrongArgTypeError } from '@pinion/runtime';
import { expectPinionError, specOf } from './support/assertions.js';

const tick = (ms = 0) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Waits until `done()` holds (the background disposal got that far) or a rejection went
 * unhandled, a few seconds at most.
 */
async function until(what: string, done: () => boolean): Promise<void> {
  for (const start = Date.now(); !done() && unhandled.length === 0; await tick(5)) {
    if (Date.now() - start > 2000) throw new Error(`timed out waiting for ${what}`);
  }
  // Node reports an unhandled rejection once the microtasks of a macrotask have drained.
  await tick(5);
}

// Jest gives each test file a copy of `process` whose listeners Node never calls; Node emits
// 'unhandledRejection' on the process of the main context.
const nodeProcess = runInThisContext('process') as NodeJS.Process;
let unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
let warnings: jest.SpyInstance;
beforeEach(() => {
  unhandled = [];
  nodeProcess.on('unhandledRejection', onUnhandled);
  // Recorded, and kept out of the test output.
  warnings = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
});
afterEach(() => {
  nodeProcess.off('unhandledRejection', onUnhandled);
  warnings.mockRestore();
});

/** Every warning emitted so far, as one string each. */
const warned = () => warnings.mock.calls.map((call) => String(call[0]));

/** A graph whose one keyed object fails to dispose with `failure`. */
function failingGraph(session: KeyedScope, failure: unknown = new Error('could not save preferences')) {
  const graph = newObjectGraph({
    classes: [],
    bindingSpecs: [
      specOf((bind) =>
        bind('preferences').toProvider(() => ({}), {
          inScope: 'session',
          dispose: () => {
            throw failure;
          },
        }),
      ),
    ],
    idToScope: { session },
  });
  const use = (key: unknown) => graph.runInScope('session', () => graph.get('preferences'), { key });
  return { graph, use, failure };
}

describe('KeyedScope: disposal errors nobody awaits', () => {
  it('reports an onDisposeError that throws during expiry as a warning naming both errors', async () => {
    const broken = new Error('the error log is full');
    let calls = 0;
    const session = new KeyedScope({
      ttlMs: 5,
      onDisposeError: () => {
        calls++;
        throw broken;
      },
    });
    failingGraph(session).use('a');
    await until('the expiry', () => warnings.mock.calls.length > 0);
    expect(unhandled).toEqual([]);
    expect(calls).toBe(1);
    expect(warned()).toEqual([
      expect.stringMatching(/onDisposeError.*the error log is full[\s\S]*could not save preferences/),
    ]);
  });

  it('reports an onDisposeError that throws during eviction, and keeps evicting', async () => {
    const session = new KeyedScope({
      maxEntries: 1,
      onDisposeError: () => {
        throw new Error('the error log is full');
      },
    });
    const { use } = failingGraph(session);
    for (const key of ['a', 'b', 'c']) use(key);
    await until('both evictions', () => warnings.mock.calls.length === 2);
    expect(unhandled).toEqual([]);
    expect(warned()).toEqual([expect.stringContaining('"a"'), expect.stringContaining('"b"')]);
    expect(session.metrics()).toMatchObject({ active: 1, created: 3, evicted: 2 });
  });

  it('reports an async onDisposeError that rejects', async () => {
    const session = new KeyedScope({
      maxEntries: 1,
      onDisposeError: async () => {
        throw new Error('the error log went away');
      },
    });
    const { use } = failingGraph(session);
    use('a');
    use('b');
    await until('the warning', () => warnings.mock.calls.length > 0);
    expect(unhandled).toEqual([]);
    expect(warned()).toEqual([expect.stringMatching(/the error log went away[\s\S]*could not save preferences/)]);
  });

  it('describes keys and errors that cannot be turned into strings in the default warning', async () => {
    const session = new KeyedScope({ maxEntries: 1 });
    const thrown = Object.create(null);
    const { use } = failingGraph(session, thrown);
    const key = Object.create(null);
    use(key);
    use(Symbol('next'));
    use(10n ** 20n);
    await until('two warnings', () => warnings.mock.calls.length === 2);
    expect(unhandled).toEqual([]);
    expect(warned()).toEqual([
      expect.stringContaining('an object (no prototype)'),
      expect.stringContaining('Symbol(next)'),
    ]);
  });

  it('refuses an onDisposeError that is not a function when constructed', () => {
    expectPinionError(
      () => new KeyedScope({ onDisposeError: 5 as never }),
      WrongArgTypeError,
      'WRONG_ARG_TYPE',
      'onDisposeError',
      'a function',
      'a number (5)',
    );
  });
});

describe('KeyedScope: ttls beyond what setTimeout can wait', () => {
  const DAY = 24 * 60 * 60 * 1000;
  it.each([
    ['30 days', 30 * DAY],
    ['2^31 ms', 2 ** 31],
  ])('keeps a key with a ttl of %s', async (_, ttlMs) => {
    const session = new KeyedScope({ ttlMs });
    const { graph } = failingGraph(session);
    const first = graph.runInScope('session', () => graph.get('preferences'), { key: 'a' });
    await tick(100);
    expect(session.metrics()).toEqual({ active: 1, created: 1, expired: 0, evicted: 0, cleared: 0 });
    expect(graph.runInScope('session', () => graph.get('preferences'), { key: 'a' })).toBe(first);
    await expect(graph.clearAllScopes()).rejects.toThrow('could not save preferences');
  });

  it('takes Infinity as never', async () => {
    const session = new KeyedScope({ ttlMs: Number.POSITIVE_INFINITY, maxEntries: Number.POSITIVE_INFINITY });
    const { use } = failingGraph(session);
    const first = use('a');
    await tick(20);
    expect(use('a')).toBe(first);
    expect(session.metrics()).toMatchObject({ active: 1, expired: 0 });
  });
});

describe('KeyedScope: options are checked when given', () => {
  it.each([
    ['null', null, 'null'],
    ['a number', 30, 'a number (30)'],
    ['a string', 'ttl', 'a string ("ttl")'],
    ['an array', [], 'an array'],
    ['a function', () => ({}), 'an arrow function'],
  ])('refuses %s as options', (_, options, described) => {
    expectPinionError(
      () => new KeyedScope(options as never),
      WrongArgTypeError,
      'WRONG_ARG_TYPE',
      'new KeyedScope(options)',
      'an options object',
      described,
    );
  });

  const nullPrototype = Object.create(null);
  it.each([
    ['ttlMs', 0, 'a number (0)'],
    ['ttlMs', -5, 'a number (-5)'],
    ['ttlMs', Number.NaN, 'a number (NaN)'],
    ['ttlMs', null, 'null'],
    ['ttlMs', '1000', 'a string ("1000")'],
    ['ttlMs', 10n, 'a bigint'],
    ['ttlMs', nullPrototype, 'an object (no prototype)'],
    ['maxEntries', 0, 'a number (0)'],
    ['maxEntries', -1, 'a number (-1)'],
    ['maxEntries', 2.5, 'a number (2.5)'],
    ['maxEntries', Number.NaN, 'a number (NaN)'],
    ['maxEntries', 10n, 'a bigint'],
    ['maxEntries', nullPrototype, 'an object (no prototype)'],
    ['onDisposeError', null, 'null'],
    ['onDisposeError', nullPrototype, 'an object (no prototype)'],
  ])('refuses %s: %p', (name, value, described) => {
    expectPinionError(
      () => new KeyedScope({ [name]: value }),
      WrongArgTypeError,
      'WRONG_ARG_TYPE',
      `new KeyedScope({ ${name} })`,
      described,
    );
  });

  it('names what each option takes', () => {
    expect(() => new KeyedScope({ ttlMs: 0 })).toThrow(/ttlMs.*a positive number of milliseconds, or Infinity/);
    expect(() => new KeyedScope({ maxEntries: 2.5 })).toThrow(/maxEntries.*a positive integer, or Infinity/);
  });

  it('takes a fractional ttl, an options object without a prototype, and any value but undefined as a key', async () => {
    const options = Object.assign(Object.create(null), { ttlMs: 60_000.5, maxEntries: 10 });
    const session = new KeyedScope(options);
    const { graph, use } = failingGraph(session);
    const keys = [null, 0, '', false, Number.NaN, Symbol('k'), Object.create(null), 10n];
    for (const key of keys) expect(use(key)).toBe(use(key));
    expect(session.metrics()).toMatchObject({ active: keys.length, created: keys.length });
    await expect(graph.clearAllScopes()).rejects.toThrow(AggregateError);
  });
});
