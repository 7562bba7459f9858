import { AsyncProviderError, type Bind, BindingSpec, newObjectGraph, PinionError } from '@pinion/runtime';

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
