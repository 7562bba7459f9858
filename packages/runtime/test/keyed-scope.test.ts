import { ContextScope, KeyedScope, newObjectGraph, OutOfScopeError, WrongArgTypeError } from '@pinion/runtime';
import { expectPinionError, specOf } from './support/assertions.js';

const tick = (ms = 0) => new Promise<void>((resolve) => setTimeout(resolve, ms));

let disposed: string[] = [];
beforeEach(() => {
  disposed = [];
});

class Preferences {
  static made = 0;
  readonly id = ++Preferences.made;
  constructor(readonly sessionId: string) {}
  [Symbol.dispose]() {
    disposed.push(`preferences of ${this.sessionId}`);
  }
}
class Cart {
  constructor(readonly preferences: Preferences) {}
}

function sessionGraph(session = new KeyedScope()) {
  const graph = newObjectGraph({
    classes: [Preferences, Cart],
    bindingSpecs: [
      specOf((bind) => {
        bind('sessionId').toScopeValue('session');
        bind('preferences').toClass(Preferences, { inScope: 'session' });
        bind('cart').toClass(Cart, { inScope: 'request' });
      }),
    ],
    idToScope: { session, request: new ContextScope() },
  });
  /** One request of a session: the session's frame around a request frame. */
  const request = <R>(sessionId: string, fn: () => R) =>
    graph.runInScope('session', () => graph.runInScope('request', fn), { key: sessionId, values: { sessionId } });
  return { graph, session, request };
}

describe('KeyedScope', () => {
  it("re-enters the same key's objects across frames, and never shares them between keys", () => {
    const { graph, request } = sessionGraph();
    const a1 = request('a', () => graph.provide(Cart));
    const a2 = request('a', () => graph.provide(Cart));
    const b = request('b', () => graph.provide(Cart));
    expect(a2).not.toBe(a1);
    expect(a2.preferences).toBe(a1.preferences);
    expect(b.preferences).not.toBe(a1.preferences);
    expect(b.preferences.sessionId).toBe('b');
  });

  it('shares one session between concurrent requests, and keeps concurrent sessions apart', async () => {
    const { graph, request } = sessionGraph();
    const seen = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        request(`s${i % 10}`, async () => {
          await tick(i % 3);
          const preferences = graph.provide(Preferences);
          await Promise.resolve();
          expect(graph.provide(Preferences)).toBe(preferences);
          return { session: `s${i % 10}`, preferences };
        }),
      ),
    );
    const bySession = new Map<string, Set<Preferences>>();
    for (const { session, preferences } of seen) {
      expect(preferences.sessionId).toBe(session);
      bySession.set(session, (bySession.get(session) ?? new Set()).add(preferences));
    }
    expect(bySession.size).toBe(10);
    for (const objects of bySession.values()) expect(objects.size).toBe(1);
    expect(new Set(seen.map((s) => s.preferences)).size).toBe(10);
  });

  it('expires a key idle for ttlMs and disposes its objects; the next frame starts anew', async () => {
    // Margins wide enough for a loaded machine: 5 ms idle is well short of the ttl, 300 ms past it.
    const { graph, session, request } = sessionGraph(new KeyedScope({ ttlMs: 100 }));
    const first = request('a', () => graph.provide(Preferences));
    await tick(5);
    expect(request('a', () => graph.provide(Preferences))).toBe(first);
    await tick(300);
    expect(disposed).toEqual(['preferences of a']);
    expect(session.metrics()).toEqual({ active: 0, created: 1, expired: 1, evicted: 0, cleared: 0 });
    const again = request('a', () => graph.provide(Preferences));
    expect(again).not.toBe(first);
    expect(session.metrics()).toEqual({ active: 1, created: 2, expired: 1, evicted: 0, cleared: 0 });
    await graph.clearAllScopes(); // not to expire during the next test
  });

  it('never expires a key while a frame of it is open', async () => {
    const { graph, session, request } = sessionGraph(new KeyedScope({ ttlMs: 10 }));
    await request('a', async () => {
      const preferences = graph.provide(Preferences);
      await tick(40);
      expect(graph.provide(Preferences)).toBe(preferences);
    });
    expect(disposed).toEqual([]);
    expect(session.metrics().expired).toBe(0);
    await graph.clearAllScopes(); // not to expire during the next test
  });

  it('evicts the least recently used idle key beyond maxEntries, disposing it', () => {
    const { graph, session, request } = sessionGraph(new KeyedScope({ maxEntries: 2 }));
    request('a', () => graph.provide(Preferences));
    request('b', () => graph.provide(Preferences));
    request('a', () => graph.provide(Preferences)); // a is now more recent than b
    request('c', () => graph.provide(Preferences));
    expect(disposed).toEqual(['preferences of b']);
    expect(session.metrics()).toEqual({ active: 2, created: 3, expired: 0, evicted: 1, cleared: 0 });
  });

  it('does not evict a key with an open frame', () => {
    const { graph, session, request } = sessionGraph(new KeyedScope({ maxEntries: 1 }));
    request('a', () => {
      graph.provide(Preferences);
      request('b', () => graph.provide(Preferences));
    });
    expect(disposed).toEqual([]);
    expect(session.metrics()).toMatchObject({ active: 2, evicted: 0 });
    request('c', () => graph.provide(Preferences));
    // b's frame ended first, so b is the least recently used.
    expect(disposed).toEqual(['preferences of b', 'preferences of a']);
    expect(session.metrics()).toEqual({ active: 1, created: 3, expired: 0, evicted: 2, cleared: 0 });
  });

  it('clearScope(id, key) disposes one key, clearAllScopes() every key', async () => {
    const { graph, session, request } = sessionGraph();
    for (const key of ['a', 'b', 'c']) request(key, () => graph.provide(Preferences));
    await graph.clearScope('session', 'b');
    expect(disposed).toEqual(['preferences of b']);
    expect(session.metrics().active).toBe(2);
    await graph.clearAllScopes();
    expect(disposed).toEqual(['preferences of b', 'preferences of c', 'preferences of a']);
    expect(session.metrics().active).toBe(0);
  });

  it('counts cleared keys, so created = active + expired + evicted + cleared', async () => {
    const { graph, session, request } = sessionGraph(new KeyedScope({ ttlMs: 150, maxEntries: 3 }));
    const adds = () => {
      const { active, expired, evicted, cleared } = session.metrics();
      return active + expired + evicted + cleared;
    };
    for (const key of ['a', 'b', 'c', 'd', 'e']) request(key, () => graph.provide(Preferences)); // a, b evicted
    expect(session.metrics()).toEqual({ active: 3, created: 5, expired: 0, evicted: 2, cleared: 0 });
    await graph.clearScope('session', 'd');
    await graph.clearScope('session', 'd'); // already gone: not counted twice
    expect(session.metrics()).toEqual({ active: 2, created: 5, expired: 0, evicted: 2, cleared: 1 });
    await tick(400); // c and e expire
    expect(session.metrics()).toEqual({ active: 0, created: 5, expired: 2, evicted: 2, cleared: 1 });
    await request('f', async () => {
      for (const key of ['a', 'g']) request(key, () => graph.provide(Preferences));
      graph.provide(Preferences);
      await graph.clearAllScopes(); // f has an open frame: dropped now, disposed when it ends
      expect(session.metrics()).toEqual({ active: 0, created: 8, expired: 2, evicted: 2, cleared: 4 });
      request('f', () => graph.provide(Preferences)); // a new f while the dropped one is open
    });
    expect(session.metrics()).toEqual({ active: 1, created: 9, expired: 2, evicted: 2, cleared: 4 });
    await graph.dispose();
    expect(session.metrics()).toEqual({ active: 0, created: 9, expired: 2, evicted: 2, cleared: 5 });
    expect(adds()).toBe(session.metrics().created);
    expect(disposed).toHaveLength(9);
  });

  it('disposes a key cleared while a frame of it is open when that frame ends', async () => {
    const { graph, request } = sessionGraph();
    await request('a', async () => {
      const preferences = graph.provide(Preferences);
      await graph.clearScope('session', 'a');
      expect(disposed).toEqual([]);
      expect(graph.provide(Preferences)).toBe(preferences);
    });
    expect(disposed).toEqual(['preferences of a']);
    const fresh = request('a', () => graph.provide(Preferences));
    expect(fresh.sessionId).toBe('a');
  });

  it('hands errors of disposals nobody awaits to onDisposeError', async () => {
    const errors: unknown[] = [];
    const failure = new Error('could not save preferences');
    const session = new KeyedScope({ ttlMs: 10, onDisposeError: (error, key) => errors.push([error, key]) });
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
    graph.runInScope('session', () => graph.get('preferences'), { key: 'a' });
    await tick(40);
    expect(errors).toEqual([[failure, 'a']]);
  });

  it('needs a key, and positive limits', () => {
    const { graph } = sessionGraph();
    expectPinionError(() => graph.runInScope('session', () => 1), WrongArgTypeError, 'WRONG_ARG_TYPE', 'options.key');
    expect(() => new KeyedScope({ ttlMs: 0 })).toThrow(WrongArgTypeError);
    expect(() => new KeyedScope({ maxEntries: -1 })).toThrow(/maxEntries.*a positive integer/);
  });

  it('raises OutOfScopeError outside any frame of the key, saying to pass a key', () => {
    const { graph } = sessionGraph();
    expectPinionError(
      () => graph.provide(Preferences),
      OutOfScopeError,
      'OUT_OF_SCOPE',
      '"preferences"',
      '"session"',
      'graph.runInScope("session", fn, { key })',
    );
  });
});
