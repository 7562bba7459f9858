import {
  AsyncProviderError,
  type Bind,
  BindingSpec,
  ContextScope,
  newObjectGraph,
  PinionError,
  PROTOTYPE,
  provides,
} from '@pinion/runtime';

const location = /test\/async-provider\.test\.ts:\d+:\d+/;

describe('a synchronous provide of something that needs an async provider', () => {
  class Database {}
  class Repository {
    constructor(readonly database: Database) {}
  }

  it('raises AsyncProviderError naming the async provider method and its location', () => {
    class AsyncSpec extends BindingSpec {
      async provideDatabase() {
        return new Database();
      }
    }
    const graph = newObjectGraph({ classes: [Repository], bindingSpecs: [new AsyncSpec()] });
    let error: unknown;
    try {
      graph.provide(Repository);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AsyncProviderError);
    expect(error).toBeInstanceOf(PinionError);
    expect((error as AsyncProviderError).code).toBe('ASYNC_PROVIDER');
    expect((error as Error).message).toContain('"database"');
    expect((error as Error).message).toContain('AsyncSpec.provideDatabase');
    expect((error as Error).message).toMatch(location);
  });

  it('raises it for an async toProvider function and an async generator provider method too', () => {
    class ProviderSpec extends BindingSpec {
      configure(bind: Bind) {
        bind('database').toProvider(async () => new Database());
      }
      async *provideClock() {
        yield Date.now();
      }
    }
    const graph = newObjectGraph({ classes: [Repository], bindingSpecs: [new ProviderSpec()] });
    expect(() => graph.get('database')).toThrow(AsyncProviderError);
    expect(() => graph.get('database')).toThrow(/bind\("database"\) at .*async-provider\.test\.ts:\d+:\d+/);
    expect(() => graph.get('clock')).toThrow(AsyncProviderError);
  });

  it('leaves synchronous providers alone, even when they return a promise on purpose', () => {
    class PromiseSpec extends BindingSpec {
      providePending() {
        return Promise.resolve(42);
      }
    }
    const graph = newObjectGraph({ classes: [], bindingSpecs: [new PromiseSpec()] });
    expect(graph.get('pending')).toBeInstanceOf(Promise);
  });
});

describe('provideAsync and getAsync', () => {
  const tick = (ms = 0) => new Promise<void>((resolve) => setTimeout(resolve, ms));

  class Config {
    constructor(readonly url: string) {}
  }
  class Database {
    constructor(readonly config: Config) {}
  }
  class Cache {}
  class Service {
    constructor(
      readonly database: Database,
      readonly cache: Cache,
      readonly clock: number,
    ) {}
  }

  /** Async providers that record when they start and end, so concurrency shows. */
  function graphWithTimeline(delay = 5) {
    const timeline: string[] = [];
    let databases = 0;
    class AsyncSpec extends BindingSpec {
      async provideDatabase(config: Config) {
        timeline.push('database start');
        databases++;
        await tick(delay);
        timeline.push('database end');
        return new Database(config);
      }
      async provideCache() {
        timeline.push('cache start');
        await tick(delay);
        timeline.push('cache end');
        return new Cache();
      }
      provideConfig() {
        return new Config('postgres://db');
      }
      provideClock() {
        return 42;
      }
    }
    const graph = newObjectGraph({ classes: [Service], bindingSpecs: [new AsyncSpec()] });
    return { graph, timeline, count: () => databases };
  }

  it('resolves a graph with async providers, starting independent ones at once', async () => {
    const { graph, timeline } = graphWithTimeline();
    const service = await graph.provideAsync(Service);
    expect(service).toBeInstanceOf(Service);
    expect(service.database.config.url).toBe('postgres://db');
    expect(service.cache).toBeInstanceOf(Cache);
    expect(service.clock).toBe(42);
    expect(timeline.slice(0, 2).sort()).toEqual(['cache start', 'database start']);
    expect(await graph.getAsync('database')).toBe(service.database);
  });

  it('creates each async singleton once under 1,000 concurrent first requests', async () => {
    const { graph, count } = graphWithTimeline();
    const services = await Promise.all(Array.from({ length: 1000 }, () => graph.provideAsync(Service)));
    expect(count()).toBe(1);
    expect(new Set(services.map((s) => s.database)).size).toBe(1);
  });

  it('does not keep a failed async singleton: the next request retries', async () => {
    let attempts = 0;
    class FlakySpec extends BindingSpec {
      async provideDatabase() {
        attempts++;
        await tick();
        if (attempts === 1) throw new Error('connection refused');
        return new Database(new Config('retry'));
      }
    }
    const graph = newObjectGraph({ classes: [], bindingSpecs: [new FlakySpec()] });
    await expect(graph.getAsync('database')).rejects.toThrow('connection refused');
    const database = await graph.getAsync<Database>('database');
    expect(database.config.url).toBe('retry');
    expect(await graph.getAsync('database')).toBe(database);
    expect(attempts).toBe(2);
  });

  it('lets synchronous provide use an async singleton once it exists', async () => {
    const { graph } = graphWithTimeline(0);
    expect(() => graph.provide(Service)).toThrow(AsyncProviderError);
    const service = await graph.provideAsync(Service);
    expect(graph.get('database')).toBe(service.database);
    expect(graph.provide(Service)).toBe(service);
  });

  it('creates a request-scoped async object once per frame, even when asked for concurrently', async () => {
    let made = 0;
    class RequestSpec extends BindingSpec {
      @provides({ inScope: 'request' })
      async provideUser() {
        await tick();
        return { user: ++made };
      }
    }
    const graph = newObjectGraph({
      classes: [],
      bindingSpecs: [new RequestSpec()],
      idToScope: { request: new ContextScope() },
    });
    const frame = () =>
      graph.runInScope('request', async () => {
        const [a, b] = await Promise.all([graph.getAsync('user'), graph.getAsync('user')]);
        expect(b).toBe(a);
        return a;
      });
    const [first, second] = await Promise.all([frame(), frame()]);
    expect(first).not.toBe(second);
    expect(made).toBe(2);
  });

  it('resolves graphs without async providers too', async () => {
    const graph = newObjectGraph({ classes: [Config], bindingSpecs: [] });
    await expect(graph.getAsync('config')).rejects.toThrow(/"url"/);
    class Plain {}
    const plainGraph = newObjectGraph({ classes: [Plain] });
    expect(await plainGraph.provideAsync(Plain)).toBe(plainGraph.provide(Plain));
  });
});

describe('provideAsync once the async singletons exist', () => {
  it('builds synchronously (no promise per object), with fresh transients and the same singletons', async () => {
    const built: string[] = [];
    class Connection {}
    class Repository {
      constructor(readonly connection: Connection) {
        built.push('repository');
      }
    }
    class Service {
      constructor(readonly repository: Repository) {
        built.push('service');
      }
    }
    class AsyncSpec extends BindingSpec {
      calls = 0;
      configure(bind: Bind) {
        bind('service').toClass(Service, { inScope: PROTOTYPE });
        bind('repository').toClass(Repository, { inScope: PROTOTYPE });
      }
      async provideConnection() {
        this.calls++;
        await new Promise((resolve) => setTimeout(resolve, 1));
        return new Connection();
      }
    }
    const spec = new AsyncSpec();
    const graph = newObjectGraph({ classes: [Service, Repository], bindingSpecs: [spec] });
    const first = graph.provideAsync(Service);
    expect(built).toEqual([]); // the connection does not exist yet: nothing can be built before it
    const firstService = await first;
    expect(built).toEqual(['repository', 'service']);

    const second = graph.getAsync<Service>('service');
    // The connection exists: the objects were built before getAsync returned its promise.
    expect(built).toEqual(['repository', 'service', 'repository', 'service']);
    const secondService = await second;
    expect(secondService).not.toBe(firstService);
    expect(secondService.repository).not.toBe(firstService.repository);
    expect(secondService.repository.connection).toBe(firstService.repository.connection);
    expect(spec.calls).toBe(1);
  });
});
