// Phase 3: a KeyedScope ('session', with ttlMs and maxEntries) under churn: hot keys re-entered
// (often after their ttl), a long tail of cold keys forcing evictions, groups of concurrent frames
// on one key, a request frame inside every session frame. Checks isolation between keys, that a
// live key gives back its objects, that metrics() add up, and that every expired or evicted key's
// objects were disposed, once; then the heap after a forced GC.
import {
  BindingSpec,
  ContextScope,
  KeyedScope,
  newObjectGraph,
  OutOfScopeError,
  SINGLETON,
  scopeOrder,
} from '@pinion/runtime';
import { Checks, pause, settledHeap, sleep } from './support.mjs';

const counts = {
  states: 0,
  statesDisposed: 0,
  carts: 0,
  cartsDisposed: 0,
  pages: 0,
  pagesDisposed: 0,
  twice: 0,
};

class SessionState {
  static inject = ['sessionInfo'];
  constructor(sessionInfo) {
    this.key = sessionInfo.key;
    this.disposals = 0;
    counts.states++;
  }
  [Symbol.dispose]() {
    if (this.disposals++ > 0) counts.twice++;
    counts.statesDisposed++;
  }
}

/** Session-scoped, disposed by its binding's `dispose` option. */
class SessionCart {
  static inject = ['sessionState'];
  constructor(sessionState) {
    this.sessionState = sessionState;
    this.disposals = 0;
    counts.carts++;
  }
}

class Page {
  static inject = ['sessionState', 'sessionCart', 'requestInfo'];
  constructor(sessionState, sessionCart, requestInfo) {
    this.sessionState = sessionState;
    this.sessionCart = sessionCart;
    this.requestInfo = requestInfo;
    this.disposals = 0;
    counts.pages++;
  }
  [Symbol.dispose]() {
    if (this.disposals++ > 0) counts.twice++;
    counts.pagesDisposed++;
  }
}

class Spec extends BindingSpec {
  configure(bind) {
    bind('sessionInfo').toScopeValue('session');
    bind('requestInfo').toScopeValue('request');
    bind('sessionState').toClass(SessionState, { inScope: 'session' });
    bind('sessionCart').toClass(SessionCart, {
      inScope: 'session',
      dispose: (cart) => {
        if (cart.disposals++ > 0) counts.twice++;
        counts.cartsDisposed++;
      },
    });
    bind('page').toClass(Page, { inScope: 'request' });
  }
}

const HOT_KEYS = 100;
const COLD_KEYS = 50_000;

/** One session frame with a request frame inside: returns the session's state and the page. */
function syncVisit(graph, checks, key, i) {
  const requestInfo = { i };
  return graph.runInScope(
    'session',
    () =>
      graph.runInScope(
        'request',
        () => {
          const page = graph.get('page');
          const state = graph.get('sessionState');
          if (state.key !== key) checks.fail('key got another key`s object', `${state.key} in ${key}`);
          if (page.sessionState !== state || page.sessionCart.sessionState !== state) {
            checks.fail('request saw another session object', key);
          }
          if (page.requestInfo !== requestInfo) checks.fail('page built with another frame`s values', i);
          return page;
        },
        { values: { requestInfo } },
      ),
    { key, values: { sessionInfo: { key } } },
  );
}

/** Frames on one key at once (and one on another key), each pausing longer than the ttl. */
async function concurrentVisits(graph, checks, random, key, otherKey, ttlMs) {
  const visit = (k) =>
    graph.runInScope(
      'session',
      async () => {
        const state = graph.get('sessionState');
        await pause(random);
        await sleep(ttlMs + 1);
        // A key with an active frame never expires nor is evicted.
        if (graph.get('sessionState') !== state || state.disposals !== 0) {
          checks.fail('active key expired or was evicted', k);
        }
        if (state.key !== k) checks.fail('key got another key`s object', `${state.key} in ${k}`);
        return state;
      },
      { key: k, values: { sessionInfo: { key: k } } },
    );
  const states = await Promise.all([visit(key), visit(key), visit(key), visit(otherKey)]);
  if (!(states[0] === states[1] && states[1] === states[2]))
    checks.fail('concurrent frames of one key saw two objects');
  if (states[3] === states[0]) checks.fail('two keys shared an object');
  return states[0];
}

export async function keyedPhase({ frames, random, ttlMs = 3, maxEntries = 500 }) {
  const checks = new Checks('keyed');
  Object.assign(counts, {
    states: 0,
    statesDisposed: 0,
    carts: 0,
    cartsDisposed: 0,
    pages: 0,
    pagesDisposed: 0,
    twice: 0,
  });
  const disposeErrors = [];
  const session = new KeyedScope({ ttlMs, maxEntries, onDisposeError: (error) => disposeErrors.push(error) });
  const graph = newObjectGraph({
    bindingSpecs: [new Spec()],
    classes: [],
    idToScope: { session, request: new ContextScope() },
    isScopeUsableFromScope: scopeOrder([SINGLETON, 'session', 'request']),
  });
  /** The last state seen of each hot key: while not disposed, the key must give it back. */
  const hot = new Map();
  let cleared = 0;
  let reentered = 0;
  let renewed = 0;
  let groups = 0;

  const run = async (from, to) => {
    for (let i = from; i < to; i++) {
      const isHot = random() < 0.5;
      const key = isHot ? `h${Math.floor(random() * HOT_KEYS)}` : `c${Math.floor(random() * COLD_KEYS)}`;
      // Whether the key's last object was live when this frame began (the group below takes time;
      // a key idle past its ttl may still expire when this frame opens it).
      const last = isHot ? hot.get(key) : undefined;
      const lastLive = last !== undefined && last.disposals === 0;
      let state;
      if (i % 1000 === 0) {
        groups++;
        state = await concurrentVisits(graph, checks, random, key, `c${Math.floor(random() * COLD_KEYS)}`, ttlMs);
      } else {
        const page = syncVisit(graph, checks, key, i);
        state = page.sessionState;
        if (page.disposals !== 1) checks.fail('page not disposed when its request frame ended', i);
        if (state.disposals !== 0) checks.fail('live key`s object disposed', key);
      }
      if (isHot && last !== undefined) {
        if (state === last) {
          reentered++;
          if (!lastLive) checks.fail('expired or evicted object came back', key);
        } else {
          renewed++;
          // A key gets a new object only once its old one is gone: dropped (expired on this very
          // open, by its timer, or evicted) and so disposed.
          if (last.disposals !== 1) checks.fail('key gave a new object while its old one lives', key);
        }
      }
      if (isHot) hot.set(key, state);
      // Now and then let idle keys' ttl timers fire.
      if (i % 10_000 === 5_000) await sleep(ttlMs + 2);
    }
  };
  const clear = async () => {
    cleared += session.metrics().active;
    await graph.clearScope('session');
    hot.clear();
  };

  const warmUp = Math.min(20_000, frames);
  await run(0, warmUp);
  await clear();
  const heapBefore = await settledHeap();
  const started = performance.now();
  await run(warmUp, warmUp + frames);
  // Let background disposals (expiry, eviction) finish: they are synchronous here, but run in a promise.
  await sleep(0);
  const m = session.metrics();
  const clearedBefore = cleared;
  checks.expect(m.created === m.active + m.expired + m.evicted + cleared, 'metrics do not add up', () => {
    return `${JSON.stringify(m)}, ${cleared} cleared`;
  });
  checks.expect(m.created === counts.states, 'metrics().created is not the number of keys created', () => {
    return `${m.created} vs ${counts.states} session states`;
  });
  checks.expect(m.active <= maxEntries, 'more keys than maxEntries', m.active);
  checks.expect(m.expired > 0 && m.evicted > 0, 'no key expired or none was evicted: the churn did not happen', () =>
    JSON.stringify(m),
  );
  const droppedBeforeClear = m.expired + m.evicted + cleared;
  checks.expect(counts.statesDisposed === droppedBeforeClear, 'expired/evicted keys not all disposed', () => {
    return `${counts.statesDisposed} disposed, ${droppedBeforeClear} keys dropped`;
  });
  const before = { ...m };
  await clear();
  const elapsed = performance.now() - started;
  const heapAfter = await settledHeap();
  const after = session.metrics();
  checks.expect(after.active === 0, 'keys left after clearScope', after.active);
  checks.expect(counts.statesDisposed === counts.states, 'session objects not disposed after clearScope', () => {
    return `${counts.states} created, ${counts.statesDisposed} disposed`;
  });
  checks.expect(counts.cartsDisposed === counts.carts, 'binding-disposed session objects not disposed', () => {
    return `${counts.carts} created, ${counts.cartsDisposed} disposed`;
  });
  checks.expect(counts.pagesDisposed === counts.pages, 'request objects not disposed');
  checks.expect(counts.twice === 0, 'disposed twice', counts.twice);
  checks.expect(disposeErrors.length === 0, 'disposal errors', disposeErrors[0]);
  let outside;
  try {
    graph.get('sessionState');
  } catch (error) {
    outside = error;
  }
  checks.expect(outside instanceof OutOfScopeError, 'a session frame is still active', outside);
  await graph.dispose();
  return {
    checks,
    figures: {
      frames,
      warmUpFrames: warmUp,
      concurrentGroups: groups,
      metricsBeforeClear: before,
      metricsAfterClear: after,
      cleared: clearedBefore,
      hotReentries: reentered,
      hotRenewals: renewed,
      sessionObjects: counts.states + counts.carts,
      sessionDisposals: counts.statesDisposed + counts.cartsDisposed,
      requestObjects: counts.pages,
      requestDisposals: counts.pagesDisposed,
      disposedTwice: counts.twice,
      heapBefore,
      heapAfter,
      seconds: elapsed / 1000,
    },
  };
}
