import {
  AsyncDisposalRequiredError,
  BindingSpec,
  ContextScope,
  newObjectGraph,
  PinionError,
  provides,
} from '@pinion/runtime';
import { errorOf, specOf } from './support/assertions.js';

/** What was disposed, in order, shared by the classes below. */
let log: string[] = [];
beforeEach(() => {
  log = [];
});

class Connection {
  [Symbol.dispose]() {
    log.push('connection');
  }
}
class Session {
  constructor(readonly connection: Connection) {}
  [Symbol.dispose]() {
    log.push('session');
  }
}
class AsyncCache {
  async [Symbol.asyncDispose]() {
    await Promise.resolve();
    log.push('asyncCache');
  }
}
class Handler {
  constructor(
    readonly session: Session,
    readonly asyncCache: AsyncCache,
  ) {}
  [Symbol.dispose]() {
    log.push('handler');
  }
}
class Plain {}

const requestScoped = specOf((bind) => {
  bind('connection').toClass(Connection, { inScope: 'request' });
  bind('session').toClass(Session, { inScope: 'request' });
  bind('asyncCache').toClass(AsyncCache, { inScope: 'request' });
  bind('handler').toClass(Handler, { inScope: 'request' });
  bind('plain').toClass(Plain, { inScope: 'request' });
});

const graphOf = (...bindingSpecs: BindingSpec[]) =>
  newObjectGraph({
    classes: [Connection, Session, AsyncCache, Handler, Plain],
    bindingSpecs,
    idToScope: { request: new ContextScope() },
  });

describe('when a frame ends', () => {
  it('disposes every object it created, once, in reverse creation order', async () => {
    const graph = graphOf(requestScoped);
    await graph.runInScope('request', async () => {
      graph.provide(Handler);
      graph.provide(Handler);
      graph.provide(Plain);
    });
    expect(log).toEqual(['handler', 'asyncCache', 'session', 'connection']);
  });

  it('disposes when the work threw, and the work error comes out unchanged', async () => {
    const graph = graphOf(requestScoped);
    const failure = new Error('work failed');
    await expect(
      graph.runInScope('request', async () => {
        graph.provide(Session);
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(log).toEqual(['session', 'connection']);
    expect(() =>
      graph.runInScope('request', () => {
        graph.provide(Connection);
        throw failure;
      }),
    ).toThrow(failure);
    expect(log).toEqual(['session', 'connection', 'connection']);
  });

  it('runs every disposer when one throws, and combines the errors as `using` does', async () => {
    const broken = new Error('session close failed');
    const spec = specOf((bind) => {
      bind('connection').toClass(Connection, { inScope: 'request' });
      bind('session').toClass(Session, {
        inScope: 'request',
        dispose: () => {
          throw broken;
        },
      });
    });
    const graph = graphOf(spec);
    // Only a disposer failed: its error as is.
    await expect(graph.runInScope('request', async () => graph.provide(Session))).rejects.toBe(broken);
    expect(log).toEqual(['connection']);
    // The work failed too: a SuppressedError whose `error` is the disposer's and `suppressed` the work's.
    const failure = new Error('work failed');
    const error = await graph
      .runInScope('request', async () => {
        graph.provide(Session);
        throw failure;
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'SuppressedError', error: broken, suppressed: failure });
    expect(log).toEqual(['connection', 'connection']);
  });

  it('chains several disposer errors, the last disposed outermost', () => {
    const first = new Error('first disposed');
    const second = new Error('second disposed');
    const graph = graphOf(
      specOf((bind) => {
        bind('connection').toClass(Connection, {
          inScope: 'request',
          dispose: () => {
            throw second;
          },
        });
        bind('session').toClass(Session, {
          inScope: 'request',
          dispose: () => {
            throw first;
          },
        });
      }),
    );
    const error = errorOf(() => graph.runInScope('request', () => graph.provide(Session)));
    expect(error).toMatchObject({ name: 'SuppressedError', error: second, suppressed: first });
  });

  it('calls a binding-time disposer with the object, instead of its own dispose method', async () => {
    const disposed: unknown[] = [];
    const graph = graphOf(
      specOf((bind) => {
        bind('connection').toClass(Connection, {
          inScope: 'request',
          dispose: async (c) => {
            await Promise.resolve();
            disposed.push(c);
          },
        });
      }),
    );
    const connection = await graph.runInScope('request', async () => graph.provide(Connection));
    expect(disposed).toEqual([connection]);
    expect(log).toEqual([]);
  });

  it('disposes the objects already built when a constructor throws halfway', () => {
    const failure = new Error('handler constructor failed');
    class FailingHandler {
      constructor(readonly session: Session) {
        throw failure;
      }
    }
    const graph = newObjectGraph({
      classes: [Connection, Session, FailingHandler],
      bindingSpecs: [
        specOf((bind) => {
          bind('connection').toClass(Connection, { inScope: 'request' });
          bind('session').toClass(Session, { inScope: 'request' });
          bind('failingHandler').toClass(FailingHandler, { inScope: 'request' });
        }),
      ],
      idToScope: { request: new ContextScope() },
    });
    expect(() => graph.runInScope('request', () => graph.provide(FailingHandler))).toThrow(failure);
    expect(log).toEqual(['session', 'connection']);
  });
});

describe('a frame ended synchronously that holds an object only disposable asynchronously', () => {
  it('starts that disposal and raises AsyncDisposalRequiredError whose `disposal` is its promise', async () => {
    const graph = graphOf(requestScoped);
    const error = errorOf(() => graph.runInScope('request', () => graph.provide(Handler)));
    expect(error).toBeInstanceOf(AsyncDisposalRequiredError);
    expect(error).toBeInstanceOf(PinionError);
    expect(error.code).toBe('ASYNC_DISPOSAL_REQUIRED');
    expect(error.message).toContain('the frame of scope "request"');
    expect(error.message).toContain('await using');
    // The bindings whose objects need async disposal are named.
    expect(error.bindings).toEqual(['"asyncCache"']);
    expect(error.message).toContain('("asyncCache")');
    // The handler was disposed synchronously; the rest waits for the async cache, in order.
    expect(log).toEqual(['handler']);
    await error.disposal;
    expect(log).toEqual(['handler', 'asyncCache', 'session', 'connection']);
  });

  it('raises it from `using` too, while `await using` disposes everything in order', async () => {
    const graph = graphOf(requestScoped);
    const error = errorOf(() => {
      using _frame = graph.enterScope('request');
      graph.provide(AsyncCache);
    });
    expect(error).toBeInstanceOf(AsyncDisposalRequiredError);
    await error.disposal;
    expect(log).toEqual(['asyncCache']);
    log = [];
    {
      await using _frame = graph.enterScope('request');
      graph.provide(Handler);
    }
    expect(log).toEqual(['handler', 'asyncCache', 'session', 'connection']);
  });
});

describe('generator provider methods', () => {
  it('run their code after `yield` when the frame ends', async () => {
    const steps: string[] = [];
    let opened = 0;
    class DbSpec extends BindingSpec {
      @provides({ inScope: 'request' })
      *provideDb() {
        const name = `db${++opened}`;
        steps.push(`open ${name}`);
        try {
          yield { name };
        } finally {
          steps.push(`close ${name}`);
        }
      }
    }
    const graph = newObjectGraph({
      classes: [],
      bindingSpecs: [new DbSpec()],
      idToScope: { request: new ContextScope() },
    });
    await graph.runInScope('request', async () => {
      const db = graph.get<{ name: string }>('db');
      expect(db).toEqual({ name: 'db1' });
      expect(graph.get('db')).toBe(db);
      expect(steps).toEqual(['open db1']);
    });
    expect(steps).toEqual(['open db1', 'close db1']);
    graph.runInScope('request', () => graph.get('db'));
    expect(steps).toEqual(['open db1', 'close db1', 'open db2', 'close db2']);
  });

  it('as singletons, run it when the graph is disposed', async () => {
    const steps: string[] = [];
    class DbSpec extends BindingSpec {
      *provideDb() {
        steps.push('open');
        try {
          yield { name: 'db' };
        } finally {
          steps.push('close');
        }
      }
    }
    const graph = newObjectGraph({ classes: [], bindingSpecs: [new DbSpec()] });
    expect(graph.get('db')).toBe(graph.get('db'));
    expect(steps).toEqual(['open']);
    await graph.dispose();
    expect(steps).toEqual(['open', 'close']);
  });

  it('may be async generators, finished asynchronously in reverse creation order', async () => {
    const steps: string[] = [];
    class PoolSpec extends BindingSpec {
      configure() {}
      async *providePool() {
        steps.push('pool open');
        try {
          yield { pool: true };
        } finally {
          await Promise.resolve();
          steps.push('pool closed');
        }
      }
    }
    class Repository {
      constructor(readonly pool: { pool: boolean }) {}
      [Symbol.dispose]() {
        steps.push('repository disposed');
      }
    }
    const graph = newObjectGraph({
      classes: [Repository],
      bindingSpecs: [new PoolSpec(), specOf((bind) => bind('repository').toClass(Repository, { inScope: 'request' }))],
      idToScope: { request: new ContextScope() },
    });
    await graph.runInScope('request', async () => {
      const repository = await graph.provideAsync(Repository);
      expect(repository.pool).toEqual({ pool: true });
    });
    expect(steps).toEqual(['pool open', 'repository disposed']);
    await graph.dispose();
    expect(steps).toEqual(['pool open', 'repository disposed', 'pool closed']);
  });
});

describe('graph.dispose()', () => {
  it('disposes singletons in reverse creation order, once', async () => {
    const graph = newObjectGraph({ classes: [Connection, Session] });
    graph.provide(Session);
    await graph.dispose();
    expect(log).toEqual(['session', 'connection']);
    await graph.dispose();
    expect(log).toEqual(['session', 'connection']);
  });

  it('is what `await using graph` calls, and singletons asked for later are created anew', async () => {
    let kept: Session | undefined;
    {
      await using graph = newObjectGraph({ classes: [Connection, Session] });
      kept = graph.provide(Session);
    }
    expect(log).toEqual(['session', 'connection']);
    const graph = newObjectGraph({ classes: [Connection, Session] });
    const first = graph.provide(Session);
    await graph.dispose();
    expect(graph.provide(Session)).not.toBe(first);
    expect(kept).toBeInstanceOf(Session);
  });

  it('leaves instances given to toInstance to their owner', async () => {
    const connection = new Connection();
    const graph = newObjectGraph({
      classes: [Session],
      bindingSpecs: [specOf((bind) => bind('connection').toInstance(connection))],
    });
    graph.provide(Session);
    await graph.dispose();
    expect(log).toEqual(['session']);
  });
});

describe('an async creation still in flight when its frame ends', () => {
  function slowGraph() {
    let release: () => void = () => {};
    class SlowSpec extends BindingSpec {
      @provides({ inScope: 'request' })
      async provideSlowThing() {
        await new Promise<void>((resolve) => {
          release = resolve;
        });
        return new Connection();
      }
    }
    const graph = newObjectGraph({
      classes: [],
      bindingSpecs: [new SlowSpec()],
      idToScope: { request: new ContextScope() },
    });
    return { graph, release: () => release() };
  }

  it('is awaited by an async frame end, and disposed with the frame', async () => {
    const { graph, release } = slowGraph();
    let late: Promise<unknown> | undefined;
    const ended = graph.runInScope('request', async () => {
      late = graph.getAsync('slowThing'); // not awaited: the work ends first
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(log).toEqual([]);
    release();
    await ended;
    expect(log).toEqual(['connection']);
    await expect(late).resolves.toBeInstanceOf(Connection);
  });

  it('is disposed on arrival when the frame ended synchronously', async () => {
    const { graph, release } = slowGraph();
    let late: Promise<unknown> | undefined;
    graph.runInScope('request', () => {
      late = graph.getAsync('slowThing');
    });
    await new Promise((resolve) => setImmediate(resolve));
    release();
    const thing = await late;
    expect(thing).toBeInstanceOf(Connection);
    expect(log).toEqual(['connection']);
  });
});
