import { ContextScope, GraphDisposingError, newObjectGraph } from '@pinion/runtime';
import { expectPinionErrorNaming, specOf } from './support/assertions.js';
import { recordUnhandledRejections } from './support/unhandled.js';

const unhandled = recordUnhandledRejections();
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

let made: Database[] = [];
class Database {
  disposed = 0;
  constructor() {
    made.push(this);
  }
  async [Symbol.asyncDispose]() {
    await sleep(20);
    this.disposed++;
  }
}
class Handler {
  constructor(readonly database: Database) {}
}

function appGraph() {
  made = [];
  return newObjectGraph({
    classes: [Database, Handler],
    bindingSpecs: [specOf((bind) => bind('handler').toClass(Handler, { inScope: 'request' }))],
    idToScope: { request: new ContextScope() },
  });
}

describe('graph.dispose() while frames are active', () => {
  it('hands out no singleton being disposed: requests raise GraphDisposingError until it settles', async () => {
    const graph = appGraph();
    const first = graph.runInScope('request', () => graph.get<Handler>('handler').database);
    const disposal = graph.dispose();
    expectPinionErrorNaming(
      () => graph.runInScope('request', () => graph.get('handler')),
      GraphDisposingError,
      'GRAPH_DISPOSING',
      '"database"',
      'class Database',
      'wait for dispose() to settle',
    );
    expect(() => graph.get('database')).toThrow(GraphDisposingError);
    await disposal;
    expect(first.disposed).toBe(1);
    const after = graph.get<Database>('database');
    expect(after).not.toBe(first);
    expect(after.disposed).toBe(0);
  });

  it('creates no singleton while it runs, so none is orphaned', async () => {
    const graph = appGraph();
    const disposal = graph.dispose();
    await expect(graph.getAsync('database')).rejects.toThrow(GraphDisposingError);
    await disposal;
    expect(made).toHaveLength(0);
  });

  it('never gives 200 concurrent frames the disposed singleton, and disposes every one it made', async () => {
    const graph = appGraph();
    const original = graph.get<Database>('database');
    const frames = Array.from({ length: 200 }, (_, i) =>
      graph.runInScope('request', async () => {
        await sleep(i % 40);
        try {
          const database = graph.get<Handler>('handler').database;
          return database.disposed === 0 ? 'live' : 'disposed';
        } catch (error) {
          if (error instanceof GraphDisposingError) return 'refused';
          throw error;
        }
      }),
    );
    await sleep(5);
    await graph.dispose();
    const outcomes = await Promise.all(frames);
    expect(outcomes).not.toContain('disposed');
    expect(outcomes).toContain('refused');
    expect(original.disposed).toBe(1);
    await graph.dispose();
    expect(made.every((database) => database.disposed === 1)).toBe(true);
    expect(unhandled.reasons).toEqual([]);
  });
});
