// Phase 1: many concurrent, overlapping async request frames on one ContextScope.
//
// Every tracked object carries a record: its kind, the frame that owns it, how often it was
// disposed and when (a global sequence number shared with creations). Each frame claims every
// context-scoped object it resolves: an object claimed by two frames is a cross-frame share.
import {
  BindingSpec,
  ContextScope,
  newObjectGraph,
  OutOfScopeError,
  PROTOTYPE,
  provides,
  SINGLETON,
  scopeOrder,
} from '@pinion/runtime';
import { Checks, pause } from './support.mjs';

let sequence = 0;
/** Every tracked object's record, in creation order. */
let records = [];
/** Frame state by uid: whether its work has ended, what it owns. */
let frames = new Map();
let checks;

function track(kind, owner) {
  const record = { kind, owner, created: ++sequence, disposals: 0, disposedAt: 0, via: '' };
  records.push(record);
  return record;
}

/** Counts one disposal of `record`; a disposal before its frame's work ended is a failure. */
function disposed(record, via) {
  record.disposals++;
  record.disposedAt = ++sequence;
  record.via = via;
  const frame = frames.get(record.owner);
  if (frame) checks.expect(frame.workEnded, 'disposed before its frame ended', () => `${record.kind} of ${frame.uid}`);
}

/**
 * Frame `frame` resolved `object`: it becomes the object's owner if it has none yet; an object
 * already owned by another frame is a cross-frame share.
 */
function claim(frame, object) {
  const record = object.t;
  if (record.owner === undefined) {
    record.owner = frame.uid;
    frame.owned.push(record);
  } else if (record.owner !== frame.uid) {
    checks.fail('object seen by two frames', `${record.kind} owned by ${record.owner} seen in ${frame.uid}`);
  } else if (!frame.claimed.has(record)) {
    frame.owned.push(record);
  }
  frame.claimed.add(record);
  return object;
}

class Config {
  constructor() {
    this.t = track('config (singleton)', 'graph');
  }
  [Symbol.dispose]() {
    disposed(this.t, 'dispose');
  }
}

/** PROTOTYPE: a new one for every injection, owned by nobody, so never disposed. */
class Clock {
  constructor() {
    this.t = track('clock (transient)', 'nobody');
  }
  [Symbol.dispose]() {
    disposed(this.t, 'dispose');
  }
}

class Db {
  static inject = ['requestInfo', 'config'];
  constructor(requestInfo, config) {
    this.config = config;
    this.t = track('db (asyncDispose)', undefined);
    this.requestUid = requestInfo.uid;
  }
  async [Symbol.asyncDispose]() {
    await new Promise((resolve) => setImmediate(resolve));
    disposed(this.t, 'asyncDispose');
  }
}

/** Disposed by its binding's `dispose` option. */
class Cart {
  static inject = ['db', 'clock', 'requestInfo'];
  constructor(db, clock, requestInfo) {
    this.db = db;
    this.clock = clock;
    this.t = track('cart (binding dispose)', undefined);
    this.requestUid = requestInfo.uid;
  }
  close() {
    disposed(this.t, 'binding dispose');
  }
}

/** Has both methods: an async frame must call only `[Symbol.asyncDispose]`. */
class Audit {
  static inject = ['requestInfo'];
  constructor(requestInfo) {
    this.t = track('audit (dispose + asyncDispose)', undefined);
    this.requestUid = requestInfo.uid;
  }
  [Symbol.dispose]() {
    disposed(this.t, 'dispose');
  }
  async [Symbol.asyncDispose]() {
    await null;
    disposed(this.t, 'asyncDispose');
  }
}

class Handler {
  static inject = ['config', 'clock', 'db', 'cart', 'audit', 'connection', 'requestInfo'];
  constructor(config, clock, db, cart, audit, connection, requestInfo) {
    Object.assign(this, { config, clock, db, cart, audit, connection });
    this.t = track('handler (dispose)', undefined);
    this.requestUid = requestInfo.uid;
  }
  [Symbol.dispose]() {
    disposed(this.t, 'dispose');
  }
}

/** Transaction-scoped: depends on the request's db, a singleton and a transient. */
class Tx {
  static inject = ['txInfo', 'db', 'config', 'clock'];
  constructor(txInfo, db, config, clock) {
    Object.assign(this, { db, config, clock });
    this.t = track('tx (dispose)', undefined);
    this.txUid = txInfo.uid;
  }
  [Symbol.dispose]() {
    disposed(this.t, 'dispose');
  }
}

let settingsCreated = 0;

class AppSpec extends BindingSpec {
  configure(bind) {
    bind('requestInfo').toScopeValue('request');
    bind('txInfo').toScopeValue('transaction');
    bind('clock').toClass(Clock, { inScope: PROTOTYPE });
    bind('db').toClass(Db, { inScope: 'request' });
    bind('cart').toClass(Cart, { inScope: 'request', dispose: (cart) => cart.close() });
    bind('audit').toClass(Audit, { inScope: 'request' });
    bind('handler').toClass(Handler, { inScope: 'request' });
    bind('tx').toClass(Tx, { inScope: 'transaction' });
  }

  /** A generator provider: the code after `yield` runs when the frame ends. */
  *provideConnection() {
    const connection = { t: track('connection (generator)', undefined) };
    try {
      yield connection;
    } finally {
      disposed(connection.t, 'generator');
    }
  }

  /** An async provider in the request scope, resolved with getAsync. */
  async provideAuditLog() {
    await null;
    const log = {
      t: track('auditLog (async provider, asyncDispose)', undefined),
      async [Symbol.asyncDispose]() {
        await null;
        disposed(log.t, 'asyncDispose');
      },
    };
    return log;
  }

  /** An async singleton: made once, even when thousands of frames ask for it at once. */
  async provideSettings() {
    settingsCreated++;
    await new Promise((resolve) => setTimeout(resolve, 1));
    const settings = { t: track('settings (async singleton)', 'graph') };
    settings[Symbol.dispose] = () => disposed(settings.t, 'dispose');
    return settings;
  }
}
// What `@provides({ inScope: 'request' })` does, without decorator syntax in plain JavaScript.
for (const method of ['provideConnection', 'provideAuditLog']) {
  const descriptor = Object.getOwnPropertyDescriptor(AppSpec.prototype, method);
  provides({ inScope: 'request' })(AppSpec.prototype, method, descriptor);
}

class WorkError extends Error {}

function newFrame(uid, parent) {
  const frame = { uid, parent, workEnded: false, owned: [], claimed: new Set() };
  frames.set(uid, frame);
  return frame;
}

/** After a frame's runInScope settled: everything it owns disposed exactly once, in reverse creation order. */
function checkEnded(frame) {
  const owned = frame.owned;
  let previous = Number.POSITIVE_INFINITY;
  for (const record of [...owned].sort((a, b) => a.created - b.created)) {
    if (
      !checks.expect(record.disposals === 1, 'not disposed exactly once when runInScope settled', () => {
        return `${record.kind} of ${frame.uid}: ${record.disposals} disposals`;
      })
    )
      continue;
    checks.expect(record.disposedAt < previous, 'disposal not in reverse creation order', () => {
      return `${frame.uid}: ${owned.map((r) => `${r.kind}#${r.created}->${r.disposedAt}`).join(', ')}`;
    });
    previous = record.disposedAt;
  }
}

/**
 * Runs `fn` in a frame; checks that what comes out is what `fn` returned or the very error it
 * threw, and what the frame owns afterwards.
 */
async function inFrame(graph, scopeId, frame, values, fn, throws) {
  const thrown = throws ? new WorkError(`work of ${frame.uid} failed`) : undefined;
  const token = { frame: frame.uid };
  let outcome;
  try {
    outcome = {
      value: await graph.runInScope(
        scopeId,
        async () => {
          try {
            await fn();
          } finally {
            frame.workEnded = true;
          }
          if (thrown) throw thrown;
          return token;
        },
        { values },
      ),
    };
  } catch (error) {
    outcome = { error };
  }
  if (thrown) {
    checks.expect(outcome.error === thrown, 'work error not passed on unchanged', () => {
      return `${frame.uid}: ${outcome.error ?? 'no error'}`;
    });
  } else {
    checks.expect(
      outcome.value === token,
      'result not passed on',
      () => `${frame.uid}: ${outcome.error ?? 'wrong value'}`,
    );
  }
  checkEnded(frame);
  if (thrown) stats.thrown++;
}

const stats = { thrown: 0, transactions: 0, nestedRequests: 0, frames: 0 };

/** The request-scoped objects a frame sees, claimed and checked against the handler it saw first. */
function seeRequestObjects(graph, frame, first) {
  const handler = claim(frame, graph.get('handler'));
  for (const object of [handler.db, handler.cart, handler.audit, handler.connection]) claim(frame, object);
  checks.expect(handler.requestUid === frame.uid, 'object built with another frame`s values', () => {
    return `handler of ${handler.requestUid} in ${frame.uid}`;
  });
  checks.expect(handler.cart.db === handler.db, 'two dbs in one frame');
  checks.expect(handler.config === first.config, 'two singletons');
  if (first.handler) checks.expect(handler === first.handler, 'same frame resolved two handlers', frame.uid);
  checks.expect(graph.get('db') === handler.db, 'same frame resolved two dbs', frame.uid);
  const clock = graph.get('clock');
  checks.expect(clock !== handler.clock && clock !== handler.cart.clock, 'transient reused');
  return handler;
}

async function transaction(graph, random, request, handler, index) {
  stats.transactions++;
  const frame = newFrame(`${request.uid}/tx${index}`, request);
  await inFrame(
    graph,
    'transaction',
    frame,
    { txInfo: { uid: frame.uid } },
    async () => {
      const tx = claim(frame, graph.get('tx'));
      checks.expect(tx.txUid === frame.uid, 'tx built with another transaction`s values');
      checks.expect(tx.db === handler.db, 'tx got another request`s db', frame.uid);
      await pause(random);
      // The outer request frame stays visible inside the transaction.
      checks.expect(graph.get('handler') === handler, 'request frame not visible in transaction', frame.uid);
      await pause(random);
      checks.expect(graph.get('tx') === tx, 'same transaction resolved two txs', frame.uid);
    },
    random() < 0.15,
  );
}

async function request(graph, random, uid, shared) {
  stats.frames++;
  const frame = newFrame(uid, undefined);
  await inFrame(
    graph,
    'request',
    frame,
    { requestInfo: { uid } },
    async () => {
      await pause(random);
      const handler = seeRequestObjects(graph, frame, shared);
      const first = { ...shared, handler };
      await pause(random);
      const settings = await graph.getAsync('settings');
      if (shared.settings === undefined) shared.settings = settings;
      checks.expect(settings === shared.settings, 'async singleton created twice');
      const [log1, log2] = await Promise.all([graph.getAsync('auditLog'), graph.getAsync('auditLog')]);
      claim(frame, log1);
      checks.expect(log1 === log2, 'concurrent getAsync in one frame made two objects', uid);
      await pause(random);
      seeRequestObjects(graph, frame, first);

      const r = random();
      if (r < 0.3) {
        // One transaction, or two at once: each its own tx, the request's db in both.
        const count = r < 0.1 ? 2 : 1;
        const txs = [];
        for (let i = 0; i < count; i++) txs.push(transaction(graph, random, frame, handler, i));
        await Promise.all(txs);
      } else if (r < 0.35) {
        // A request frame inside the request frame: fresh objects, the outer ones after it ends.
        stats.nestedRequests++;
        const inner = newFrame(`${uid}/inner`, frame);
        await inFrame(
          graph,
          'request',
          inner,
          { requestInfo: { uid: inner.uid } },
          async () => {
            const innerHandler = seeRequestObjects(graph, inner, shared);
            checks.expect(innerHandler !== handler, 'inner frame got the outer frame`s handler', uid);
            await pause(random);
            seeRequestObjects(graph, inner, { ...shared, handler: innerHandler });
          },
          random() < 0.2,
        );
        checks.expect(graph.get('handler') === handler, 'outer objects did not come back', uid);
      }
      await pause(random);
      seeRequestObjects(graph, frame, first);
      checks.expect((await graph.getAsync('auditLog')) === log1, 'same frame resolved two audit logs', uid);
    },
    random() < 0.1,
  );
}

/** Runs phase 1 and returns its figures; `checks` collects failures. */
export async function concurrentPhase({ frames: count, random }) {
  checks = new Checks('concurrent');
  records = [];
  frames = new Map();
  sequence = 0;
  settingsCreated = 0;
  Object.assign(stats, { thrown: 0, transactions: 0, nestedRequests: 0, frames: 0 });

  const graph = newObjectGraph({
    classes: [Config],
    bindingSpecs: [new AppSpec()],
    idToScope: { request: new ContextScope(), transaction: new ContextScope() },
    isScopeUsableFromScope: scopeOrder([SINGLETON, 'request', 'transaction']),
  });
  const shared = { config: graph.get('config'), settings: undefined };

  const started = performance.now();
  const all = [];
  for (let i = 0; i < count; i++) {
    all.push(request(graph, random, `r${i}`, shared));
    // Staggered starts: frames begin while earlier ones are mid-way, so they overlap at every stage.
    if (i % 500 === 499) await pause(random);
  }
  await Promise.all(all);
  const elapsed = performance.now() - started;

  for (const [name, resolve] of [
    ['get', () => graph.get('handler')],
    ['provide', () => graph.provide(Handler)],
  ]) {
    let error;
    try {
      resolve();
    } catch (e) {
      error = e;
    }
    checks.expect(error instanceof OutOfScopeError, `a frame is still active after all ended (${name})`, error);
  }
  let asyncError;
  await graph.getAsync('auditLog').catch((e) => {
    asyncError = e;
  });
  checks.expect(
    asyncError instanceof OutOfScopeError,
    'a frame is still active after all ended (getAsync)',
    asyncError,
  );

  const scoped = records.filter((r) => r.owner !== 'graph' && r.owner !== 'nobody');
  checks.expect(
    scoped.every((r) => r.owner !== undefined),
    'context-scoped object never claimed by a frame',
  );
  await graph.dispose();

  const disposals = { once: 0, never: 0, more: 0, transients: 0 };
  const byVia = {};
  for (const record of records) {
    const expected = record.owner === 'nobody' ? 0 : 1;
    if (record.owner === 'nobody') disposals.transients++;
    if (record.disposals === 0) {
      if (record.owner !== 'nobody') disposals.never++;
    } else if (record.disposals === 1) disposals.once++;
    else disposals.more++;
    if (record.disposals > 0) byVia[record.via] = (byVia[record.via] ?? 0) + record.disposals;
    checks.expect(record.disposals === expected, 'not disposed exactly once (or a transient disposed)', () => {
      return `${record.kind} owned by ${record.owner}: ${record.disposals} disposals`;
    });
    if (record.kind.startsWith('audit (')) {
      checks.expect(record.via === 'asyncDispose', 'async frame used [Symbol.dispose] of an object that has both');
    }
  }
  checks.expect(settingsCreated === 1, 'async singleton provider ran more than once', settingsCreated);

  const kinds = new Set(records.map((r) => r.kind));
  const objects = records.length;
  // Nothing of this phase stays reachable for the heap readings of the next ones.
  records = [];
  frames = new Map();
  return {
    checks,
    figures: {
      frames: stats.frames,
      nestedRequestFrames: stats.nestedRequests,
      transactionFrames: stats.transactions,
      framesThrowing: stats.thrown,
      objects,
      contextScopedObjects: scoped.length,
      kinds: kinds.size,
      disposals: Object.values(byVia).reduce((a, b) => a + b, 0),
      disposalsBy: byVia,
      disposedOnce: disposals.once,
      neverDisposed: disposals.never,
      transients: disposals.transients,
      disposedTwiceOrMore: disposals.more,
      crossFrameShares: checks.count('object seen by two frames'),
      seconds: elapsed / 1000,
    },
  };
}
