// Phase 2: a million sequential request frames (sync, with an async one every ASYNC_EVERY),
// counting creations and disposals without keeping any object, then the heap after a forced GC.
import { BindingSpec, ContextScope, newObjectGraph, provides, SINGLETON, scopeOrder } from '@pinion/runtime';
import { Checks, settledHeap } from './support.mjs';

const counts = { created: 0, disposed: 0, twice: 0 };

class Config {}

class Unit {
  static inject = ['requestInfo', 'config'];
  constructor(requestInfo, config) {
    this.requestInfo = requestInfo;
    this.config = config;
    this.disposals = 0;
    counts.created++;
  }
  [Symbol.dispose]() {
    if (this.disposals++ > 0) counts.twice++;
    counts.disposed++;
  }
}

/** Disposed by the binding's `dispose` option. */
class Helper {
  static inject = ['unit'];
  constructor(unit) {
    this.unit = unit;
    this.disposals = 0;
    counts.created++;
  }
}

class Work {
  static inject = ['unit', 'helper', 'scratch'];
  constructor(unit, helper, scratch) {
    this.unit = unit;
    this.helper = helper;
    this.scratch = scratch;
    this.disposals = 0;
    counts.created++;
  }
  [Symbol.dispose]() {
    if (this.disposals++ > 0) counts.twice++;
    counts.disposed++;
  }
}

/** Only async frames ask for it: a sync frame could not dispose it. */
class AsyncResource {
  static inject = ['work'];
  constructor(work) {
    this.work = work;
    this.disposals = 0;
    counts.created++;
  }
  async [Symbol.asyncDispose]() {
    await null;
    if (this.disposals++ > 0) counts.twice++;
    counts.disposed++;
  }
}

class Spec extends BindingSpec {
  configure(bind) {
    bind('requestInfo').toScopeValue('request');
    bind('unit').toClass(Unit, { inScope: 'request' });
    bind('helper').toClass(Helper, {
      inScope: 'request',
      dispose: (helper) => {
        if (helper.disposals++ > 0) counts.twice++;
        counts.disposed++;
      },
    });
    bind('work').toClass(Work, { inScope: 'request' });
    bind('asyncResource').toClass(AsyncResource, { inScope: 'request' });
  }

  *provideScratch() {
    const scratch = { disposals: 0 };
    counts.created++;
    try {
      yield scratch;
    } finally {
      if (scratch.disposals++ > 0) counts.twice++;
      counts.disposed++;
    }
  }
}
{
  const descriptor = Object.getOwnPropertyDescriptor(Spec.prototype, 'provideScratch');
  provides({ inScope: 'request' })(Spec.prototype, 'provideScratch', descriptor);
}

const ASYNC_EVERY = 100;

/**
 * Runs frames `from` .. `to - 1`. Each resolves `work` twice (the same object), checks it was
 * built from this frame's values, and after the frame checks everything it held was disposed.
 */
async function run(graph, checks, from, to) {
  for (let i = from; i < to; i++) {
    const info = { i };
    if (i % ASYNC_EVERY === 0) {
      const work = await graph.runInScope(
        'request',
        async () => {
          const resource = await graph.getAsync('asyncResource');
          await null;
          const work = graph.get('work');
          if (resource.work !== work) checks.fail('async frame resolved two works', i);
          return resource;
        },
        { values: { requestInfo: info } },
      );
      if (work.disposals !== 1 || work.work.disposals !== 1) checks.fail('async frame objects not disposed', i);
      continue;
    }
    const work = graph.runInScope(
      'request',
      () => {
        const work = graph.get('work');
        if (graph.get('work') !== work || graph.get('unit') !== work.unit) checks.fail('same frame, two objects', i);
        if (work.unit.requestInfo !== info) checks.fail('object built with another frame`s values', i);
        return work;
      },
      { values: { requestInfo: info } },
    );
    if (
      work.disposals !== 1 ||
      work.unit.disposals !== 1 ||
      work.helper.disposals !== 1 ||
      work.scratch.disposals !== 1
    ) {
      checks.fail('not disposed when the frame ended', i);
    }
  }
}

export async function sequentialPhase({ frames }) {
  const checks = new Checks('sequential');
  Object.assign(counts, { created: 0, disposed: 0, twice: 0 });
  const graph = newObjectGraph({
    classes: [Config],
    bindingSpecs: [new Spec()],
    idToScope: { request: new ContextScope() },
    isScopeUsableFromScope: scopeOrder([SINGLETON, 'request']),
  });
  const warmUp = Math.min(20_000, frames);
  await run(graph, checks, 0, warmUp);
  const heapBefore = await settledHeap();
  const started = performance.now();
  await run(graph, checks, warmUp, warmUp + frames);
  const elapsed = performance.now() - started;
  const heapAfter = await settledHeap();
  checks.expect(counts.disposed === counts.created, 'created and disposed counts differ', () => {
    return `${counts.created} created, ${counts.disposed} disposed`;
  });
  checks.expect(counts.twice === 0, 'disposed twice', counts.twice);
  await graph.dispose();
  const asyncFrames = Math.ceil((warmUp + frames) / ASYNC_EVERY) - Math.ceil(warmUp / ASYNC_EVERY);
  return {
    checks,
    figures: {
      frames,
      warmUpFrames: warmUp,
      asyncFrames,
      objects: counts.created,
      disposals: counts.disposed,
      disposedTwice: counts.twice,
      heapBefore,
      heapAfter,
      seconds: elapsed / 1000,
      framesPerSecond: Math.round(frames / (elapsed / 1000)),
    },
  };
}
