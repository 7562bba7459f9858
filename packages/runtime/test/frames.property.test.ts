// Property-based test of context-scope frames (SPEC §7) through the public API: fast-check
// generates programs of concurrent, nested frames of two ContextScopes ('request' and
// 'transaction'), sync and async, some of whose work throws, resolving frame-scoped objects;
// fast-check's scheduler decides the interleaving of every await. A model of the program knows
// which frame owns each resolution; every run checks the runtime against it.

import { AsyncLocalStorage } from 'node:async_hooks';
import {
  type Bind,
  BindingSpec,
  ContextScope,
  newObjectGraph,
  type ObjectGraph,
  OutOfScopeError,
  provides,
} from '@pinion/runtime';
import fc from 'fast-check';

/** What the program's objects did, in order: created, disposed (with how). */
interface Event {
  kind: 'create' | 'dispose';
  object: Tracked;
}

/** Shared by the classes below; reset for every run. */
let events: Event[] = [];
let scheduler: fc.Scheduler | undefined;
/** Frames whose work has ended, by uid: disposal may only come after that. */
let workEnded = new Set<string>();
let violations: string[] = [];

/** What the generated programs exercised, over all runs: each must have happened (not vacuous). */
const coverage = {
  syncFrames: 0,
  asyncFrames: 0,
  sameIdNested: 0,
  otherIdNested: 0,
  workErrors: 0,
  resolutions: 0,
  outOfScope: 0,
  comeBacks: 0,
  snapshotsInOuterFrame: 0,
  snapshotsOutOfScope: 0,
  disposals: 0,
};

const violation = (message: string) => {
  violations.push(message);
};

/** A pause that fast-check's scheduler releases in an order of its choosing. */
async function pause(label: string): Promise<void> {
  if (scheduler) await scheduler.schedule(Promise.resolve(), label);
}

/** The tag is the uid of the frame whose `values` built the object: its owner. */
abstract class Tracked {
  abstract readonly name: string;
  disposals = 0;
  constructor(readonly tag: string) {
    events.push({ kind: 'create', object: this });
  }
  protected disposed(): void {
    coverage.disposals++;
    if (!workEnded.has(this.tag)) violation(`${this.name} of ${this.tag} disposed before its frame's work ended`);
    this.disposals++;
    events.push({ kind: 'dispose', object: this });
  }
}

class Connection extends Tracked {
  readonly name = 'connection';
  constructor(requestTag: string) {
    super(requestTag);
  }
  [Symbol.dispose]() {
    this.disposed();
  }
}

/** Only asynchronous disposal can end it. */
class Cache extends Tracked {
  readonly name = 'cache';
  constructor(
    readonly connection: Connection,
    requestTag: string,
  ) {
    super(requestTag);
  }
  async [Symbol.asyncDispose]() {
    await pause(`dispose cache of ${this.tag}`);
    this.disposed();
  }
}

/** Disposed by its binding's `dispose` option. */
class Cart extends Tracked {
  readonly name = 'cart';
  constructor(
    readonly connection: Connection,
    requestTag: string,
  ) {
    super(requestTag);
  }
  close() {
    this.disposed();
  }
}

/** What the generator provider yields; its `finally` disposes it. */
class Cursor extends Tracked {
  readonly name = 'cursor';
  close() {
    this.disposed();
  }
}

/** What the async provider makes: only `getAsync` can resolve it. */
class Token extends Tracked {
  readonly name = 'token';
  [Symbol.dispose]() {
    this.disposed();
  }
}

class UnitOfWork extends Tracked {
  readonly name = 'unitOfWork';
  constructor(txTag: string) {
    super(txTag);
  }
  [Symbol.dispose]() {
    this.disposed();
  }
}

/** Only asynchronous disposal can end it. */
class Journal extends Tracked {
  readonly name = 'journal';
  constructor(
    readonly unitOfWork: UnitOfWork,
    txTag: string,
  ) {
    super(txTag);
  }
  async [Symbol.asyncDispose]() {
    await pause(`dispose journal of ${this.tag}`);
    this.disposed();
  }
}

class FramesSpec extends BindingSpec {
  configure(bind: Bind) {
    bind('requestTag').toScopeValue('request');
    bind('txTag').toScopeValue('transaction');
    bind('connection').toClass(Connection, { inScope: 'request' });
    bind('cache').toClass(Cache, { inScope: 'request' });
    bind('cart').toClass(Cart, { inScope: 'request', dispose: (cart) => cart.close() });
    bind('unitOfWork').toClass(UnitOfWork, { inScope: 'transaction' });
    bind('journal').toClass(Journal, { inScope: 'transaction' });
  }

  @provides({ inScope: 'request' })
  *provideCursor(requestTag: string) {
    const cursor = new Cursor(requestTag);
    try {
      yield cursor;
    } finally {
      cursor.close();
    }
  }

  @provides({ inScope: 'request' })
  async provideToken(requestTag: string) {
    await pause(`make token of ${requestTag}`);
    return new Token(requestTag);
  }
}

type ScopeName = 'request' | 'transaction';
type Name = 'connection' | 'cache' | 'cart' | 'cursor' | 'token' | 'unitOfWork' | 'journal';
const scopeOf: Record<Name, ScopeName> = {
  connection: 'request',
  cache: 'request',
  cart: 'request',
  cursor: 'request',
  token: 'request',
  unitOfWork: 'transaction',
  journal: 'transaction',
};
/** Objects a synchronously ended frame cannot own (it would raise AsyncDisposalRequiredError). */
const asyncOnly = new Set<Name>(['cache', 'journal']);

type Step =
  | { kind: 'resolve'; name: Name; twice: boolean }
  | { kind: 'pause' }
  /** Keeps the async context here (`AsyncLocalStorage.snapshot()`) to resolve `name` in it after frames ended. */
  | { kind: 'snapshot'; name: Name }
  | {
      kind: 'frame';
      scope: ScopeName;
      sync: boolean;
      parallel: boolean;
      /** Throw before this step of the body (sequential) or after it all (parallel). */
      throwAt: number | null;
      body: Step[];
    };
type FrameStep = Extract<Step, { kind: 'frame' }>;

const { step: stepArb, frame: frameArb } = fc.letrec<{ step: Step; frame: FrameStep }>((tie) => ({
  step: fc.oneof(
    { maxDepth: 4, depthIdentifier: 'frames' },
    {
      arbitrary: fc.record({
        kind: fc.constant('resolve' as const),
        name: fc.constantFrom<Name>('connection', 'cache', 'cart', 'cursor', 'token', 'unitOfWork', 'journal'),
        twice: fc.boolean(),
      }),
      weight: 4,
    },
    { arbitrary: fc.constant({ kind: 'pause' as const }), weight: 2 },
    {
      arbitrary: fc.record({
        kind: fc.constant('snapshot' as const),
        name: fc.constantFrom<Name>('connection', 'cart', 'cursor', 'unitOfWork', 'cache', 'journal'),
      }),
      weight: 2,
    },
    { arbitrary: tie('frame'), weight: 2 },
  ),
  frame: fc.record({
    kind: fc.constant('frame' as const),
    scope: fc.constantFrom<ScopeName>('request', 'transaction'),
    sync: fc.constantFrom(false, false, false, true),
    parallel: fc.boolean(),
    throwAt: fc.oneof({ arbitrary: fc.constant(null), weight: 3 }, { arbitrary: fc.nat({ max: 5 }), weight: 1 }),
    body: fc.array(tie('step'), { minLength: 1, maxLength: 6, depthIdentifier: 'frames' }),
  }),
}));

/** The model of one open frame. */
interface ModelFrame {
  uid: string;
  scope: ScopeName;
  sync: boolean;
  /** What this frame resolved, by name: later resolutions in it must give the same object. */
  seen: Map<Name, Tracked>;
  /** The frame of the same scope this one was opened in. */
  outer: ModelFrame | undefined;
  /** Its runInScope has returned or settled. */
  closed: boolean;
}

/** The innermost frame of `frame`'s chain (itself, then its outer frames) that is still open. */
function openFrame(frame: ModelFrame | undefined): ModelFrame | undefined {
  while (frame?.closed) frame = frame.outer;
  return frame;
}

/** The innermost open frame of each scope where a step runs, and whether it runs inside a sync frame. */
interface Context {
  request?: ModelFrame;
  transaction?: ModelFrame;
  inSync: boolean;
}

class WorkError extends Error {}

interface Snapshot {
  run: <R>(fn: () => R) => R;
  context: Context;
  name: Name;
}

function runProgram(graph: ObjectGraph, program: Step[]) {
  let nextUid = 0;
  const snapshots: Snapshot[] = [];
  /** Which frame saw each object first. */
  const ownerOf = new Map<Tracked, string>();
  const frames: ModelFrame[] = [];

  /** Resolves `name` where `context` says, and checks the object against the model. */
  function check(context: Context, name: Name, object: unknown): void {
    const owner = context[scopeOf[name]] as ModelFrame;
    coverage.resolutions++;
    if (!(object instanceof Tracked) || object.name !== name) {
      violation(`${name} in ${owner.uid}: got ${String(object)}`);
      return;
    }
    if (object.tag !== owner.uid) violation(`${name} in ${owner.uid} was built with the values of ${object.tag}`);
    const firstOwner = ownerOf.get(object);
    if (firstOwner === undefined) ownerOf.set(object, owner.uid);
    else if (firstOwner !== owner.uid) violation(`${name} of ${firstOwner} seen again in ${owner.uid}`);
    const earlier = owner.seen.get(name);
    if (earlier === undefined) owner.seen.set(name, object);
    else if (earlier !== object) violation(`${owner.uid} resolved two ${name}s`);
    if (object.disposals !== 0) violation(`${name} of ${owner.uid} resolved after its disposal`);
    for (const dependency of ['connection', 'unitOfWork'] as const) {
      const dep = (object as unknown as Record<string, unknown>)[dependency];
      if (dep !== undefined) check(context, dependency, dep);
    }
  }

  function resolveSync(context: Context, name: Name): void {
    const owner = context[scopeOf[name]];
    if (owner === undefined) {
      // No frame of that scope: OutOfScopeError, whatever other frames are open.
      try {
        graph.get(name);
        violation(`${name} resolved with no ${scopeOf[name]} frame open`);
      } catch (error) {
        if (!(error instanceof OutOfScopeError)) violation(`${name} outside its scope raised ${String(error)}`);
        else coverage.outOfScope++;
      }
      return;
    }
    if (name === 'token' || (asyncOnly.has(name) && owner.sync)) return;
    check(context, name, graph.get(name));
  }

  async function resolveAsync(context: Context, name: Name, twice: boolean): Promise<void> {
    if (name !== 'token') {
      resolveSync(context, name);
      if (twice) await pause(`between two ${name}`);
      if (twice) resolveSync(context, name);
      return;
    }
    const owner = context.request;
    if (owner === undefined) {
      const error = await graph.getAsync('token').then(
        () => undefined,
        (e: unknown) => e,
      );
      if (!(error instanceof OutOfScopeError)) violation(`getAsync('token') with no request frame: ${String(error)}`);
      else coverage.outOfScope++;
      return;
    }
    // Concurrent first requests of an async provider in one frame share one creation.
    const [a, b] = await Promise.all([graph.getAsync('token'), twice ? graph.getAsync('token') : undefined]);
    check(context, 'token', a);
    if (twice && b !== a) violation(`two concurrent getAsync('token') in ${owner.uid} made two tokens`);
  }

  /** After an inner frame ended, the enclosing frames' objects come back. */
  function comeBack(context: Context): void {
    for (const owner of [context.request, context.transaction]) {
      if (owner === undefined) continue;
      for (const [name, object] of owner.seen) {
        if (name === 'token') continue;
        if (graph.get(name) !== object) violation(`${owner.uid}'s ${name} did not come back after an inner frame`);
        coverage.comeBacks++;
      }
    }
  }

  /**
   * Everything the frame built was disposed exactly once, in reverse creation order. (An async
   * provider's object joins its frame when its promise settles, a few microtasks after its
   * constructor ran and maybe after a concurrent creation: it is left out of the order.)
   */
  function checkDisposed(frame: ModelFrame): void {
    const mine = (kind: Event['kind']) =>
      events.filter((e) => e.kind === kind && e.object.tag === frame.uid).map((e) => e.object);
    for (const object of mine('create')) {
      if (object.disposals !== 1) violation(`${object.name} of ${frame.uid} disposed ${object.disposals} times`);
    }
    const ordered = (objects: Tracked[]) => objects.filter((o) => !(o instanceof Token));
    const created = ordered(mine('create'));
    const disposed = ordered(mine('dispose'));
    const expected = [...created].reverse().map((o) => o.name);
    const actual = disposed.map((o) => o.name);
    if (expected.join() !== actual.join()) {
      violation(`${frame.uid} disposed ${actual.join(', ')}; expected ${expected.join(', ')}`);
    }
  }

  function open(step: FrameStep, context: Context, sync: boolean) {
    const frame: ModelFrame = {
      uid: `${step.scope[0]}${nextUid++}`,
      scope: step.scope,
      sync,
      seen: new Map(),
      outer: context[step.scope],
      closed: false,
    };
    if (sync) coverage.syncFrames++;
    else coverage.asyncFrames++;
    if (context[step.scope]) coverage.sameIdNested++;
    if (context[step.scope === 'request' ? 'transaction' : 'request']) coverage.otherIdNested++;
    if (step.throwAt !== null) coverage.workErrors++;
    frames.push(frame);
    const inner: Context = { ...context, [step.scope]: frame, inSync: sync };
    const values = step.scope === 'request' ? { requestTag: frame.uid } : { txTag: frame.uid };
    const error = step.throwAt === null ? undefined : new WorkError(`work of ${frame.uid}`);
    const result = { frame: frame.uid };
    return { frame, inner, values, error, result };
  }

  /** Checks what came out of a frame: its result, or exactly the error its work threw. */
  function outcome(
    frame: ModelFrame,
    error: WorkError | undefined,
    result: object,
    out: { value?: unknown; error?: unknown },
  ) {
    if (error) {
      if (out.error !== error) violation(`${frame.uid} threw ${String(out.error ?? 'nothing')}, not its work's error`);
    } else if ('error' in out) {
      violation(`${frame.uid} threw ${String(out.error)}`);
    } else if (out.value !== result) {
      violation(`${frame.uid} returned ${String(out.value)}`);
    }
    frame.closed = true;
    checkDisposed(frame);
    for (const snapshot of snapshots) {
      if (within(snapshot.context, frame)) resolveInSnapshot(snapshot);
    }
  }

  /** Whether a step of `context` ran inside `frame`. */
  function within(context: Context, frame: ModelFrame): boolean {
    for (let f = context[frame.scope]; f !== undefined; f = f.outer) if (f === frame) return true;
    return false;
  }

  /**
   * Resolves in a context kept inside frames that have ended since: the frame's ended, so the
   * nearest open frame of the scope answers (the outer one's objects come back), or none does
   * (OutOfScopeError).
   */
  function resolveInSnapshot({ run, context, name }: Snapshot): void {
    const now: Context = {
      request: openFrame(context.request),
      transaction: openFrame(context.transaction),
      inSync: false,
    };
    const owner = now[scopeOf[name]];
    if (owner === undefined) {
      try {
        run(() => graph.get(name));
        violation(`${name} resolved in the context of ended frames, with no ${scopeOf[name]} frame open`);
      } catch (error) {
        if (!(error instanceof OutOfScopeError)) violation(`${name} in the context of ended frames: ${String(error)}`);
        else coverage.snapshotsOutOfScope++;
      }
      return;
    }
    if (asyncOnly.has(name) && owner.sync) return;
    coverage.snapshotsInOuterFrame++;
    check(
      now,
      name,
      run(() => graph.get(name)),
    );
  }

  function runSync(steps: Step[], context: Context): void {
    for (const step of steps) {
      if (step.kind === 'pause') continue;
      if (step.kind === 'snapshot') {
        snapshots.push({ run: AsyncLocalStorage.snapshot(), context, name: step.name });
        continue;
      }
      if (step.kind === 'resolve') {
        resolveSync(context, step.name);
        if (step.twice) resolveSync(context, step.name);
        continue;
      }
      const { frame, inner, values, error, result } = open(step, context, true);
      const out: { value?: unknown; error?: unknown } = {};
      try {
        out.value = graph.runInScope(
          step.scope,
          () => {
            try {
              runSync(step.body.slice(0, step.throwAt ?? undefined), inner);
            } finally {
              workEnded.add(frame.uid);
            }
            if (error) throw error;
            return result;
          },
          { values },
        );
      } catch (e) {
        out.error = e;
      }
      outcome(frame, error, result, out);
      comeBack(context);
    }
  }

  async function runStep(step: Step, context: Context): Promise<void> {
    if (step.kind === 'pause') return pause('pause');
    if (step.kind === 'resolve') return resolveAsync(context, step.name, step.twice);
    if (step.kind === 'snapshot') {
      snapshots.push({ run: AsyncLocalStorage.snapshot(), context, name: step.name });
      return;
    }
    if (step.sync) {
      runSync([step], context);
      return;
    }
    const { frame, inner, values, error, result } = open(step, context, false);
    const out: { value?: unknown; error?: unknown } = {};
    try {
      out.value = await graph.runInScope(
        step.scope,
        async () => {
          try {
            await pause(`start of ${frame.uid}`);
            if (step.parallel) {
              await Promise.all(step.body.map((s) => runStep(s, inner)));
            } else {
              for (const s of step.body.slice(0, step.throwAt ?? undefined)) await runStep(s, inner);
            }
          } finally {
            workEnded.add(frame.uid);
          }
          if (error) throw error;
          return result;
        },
        { values },
      );
    } catch (e) {
      out.error = e;
    }
    outcome(frame, error, result, out);
    comeBack(context);
  }

  const done = Promise.all(program.map((step) => runStep(step, { inSync: false }))).then(
    () => {
      // Every frame has ended: in every context kept inside one, frame-scoped bindings are out of scope.
      for (const snapshot of snapshots) resolveInSnapshot(snapshot);
      return frames.length;
    },
    (error: unknown) => {
      violation(`the program failed: ${String(error)}`);
      return frames.length;
    },
  );
  return { done, ownerOf };
}

function newGraph() {
  return newObjectGraph({
    classes: [Connection, Cache, Cart, UnitOfWork, Journal],
    bindingSpecs: [new FramesSpec()],
    idToScope: { request: new ContextScope(), transaction: new ContextScope() },
  });
}

/** Concurrent top-level frames, now and then a resolution outside any frame. */
const programArb = fc.array(fc.oneof({ arbitrary: frameArb, weight: 5 }, { arbitrary: stepArb, weight: 1 }), {
  minLength: 1,
  maxLength: 5,
});

describe('context-scope frames (property)', () => {
  it('isolate objects per frame, dispose each exactly once in reverse order, pass work errors on unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(programArb, fc.scheduler(), async (program, s) => {
        events = [];
        violations = [];
        workEnded = new Set();
        scheduler = s;
        const graph = newGraph();
        const { done } = runProgram(graph, program);
        await s.waitFor(done);
        // No frame is left active: every frame-scoped binding is out of scope again.
        for (const name of Object.keys(scopeOf) as Name[]) {
          try {
            if (name === 'token') await graph.getAsync(name);
            else graph.get(name);
            violation(`${name} resolved after every frame ended`);
          } catch (error) {
            if (!(error instanceof OutOfScopeError)) violation(`${name} after the program raised ${String(error)}`);
          }
        }
        const undisposed = events.filter((e) => e.kind === 'create' && e.object.disposals !== 1);
        if (undisposed.length > 0) violation(`${undisposed.length} objects not disposed exactly once`);
        scheduler = undefined;
        if (violations.length > 0) throw new Error(violations.slice(0, 8).join('\n'));
      }),
      { numRuns: 1000, seed: 0x5eed },
    );
    // The programs did exercise every situation the property speaks of.
    for (const [what, count] of Object.entries(coverage)) expect([what, count > 50]).toEqual([what, true]);
  });
});
