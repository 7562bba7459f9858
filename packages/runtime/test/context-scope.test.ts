import {
  BadDependencyScopeError,
  ContextScope,
  newObjectGraph,
  OutOfScopeError,
  PROTOTYPE,
  SINGLETON,
  scopeOrder,
  UNSCOPED,
  UnknownScopeError,
  WrongArgTypeError,
} from '@pinion/runtime';
import { expectPinionError, specOf } from './support/assertions.js';

const tick = (ms = 0) => new Promise<void>((resolve) => setTimeout(resolve, ms));

class Clock {}
class RequestContext {
  constructor(
    readonly request: { id: number },
    readonly clock: Clock,
  ) {}
}
class Transaction {
  constructor(readonly requestContext: RequestContext) {}
}

function requestGraph() {
  return newObjectGraph({
    classes: [Clock, RequestContext, Transaction],
    bindingSpecs: [
      specOf((bind) => {
        bind('request').toScopeValue('request');
        bind('requestContext').toClass(RequestContext, { inScope: 'request' });
        bind('transaction').toClass(Transaction, { inScope: 'transaction' });
      }),
    ],
    idToScope: { request: new ContextScope(), transaction: new ContextScope() },
  });
}

describe('graph.runInScope on a ContextScope', () => {
  it('gives one instance per binding per frame, returns what fn returns, and a new frame gets new objects', () => {
    const graph = requestGraph();
    const [a1, a2] = graph.runInScope('request', () => [graph.provide(RequestContext), graph.get('requestContext')], {
      values: { request: { id: 1 } },
    });
    expect(a1).toBeInstanceOf(RequestContext);
    expect(a2).toBe(a1);
    expect((a1 as RequestContext).request).toEqual({ id: 1 });
    const b = graph.runInScope('request', () => graph.provide(RequestContext), { values: { request: { id: 2 } } });
    expect(b).not.toBe(a1);
    expect(b.request).toEqual({ id: 2 });
    // The singleton is shared across frames.
    expect(b.clock).toBe((a1 as RequestContext).clock);
  });

  it('returns a promise for an async fn, settling with its value', async () => {
    const graph = requestGraph();
    const result = graph.runInScope(
      'request',
      async () => {
        await tick();
        return graph.provide(RequestContext).request.id;
      },
      { values: { request: { id: 7 } } },
    );
    expect(result).toBeInstanceOf(Promise);
    await expect(result).resolves.toBe(7);
  });

  it('keeps 200 concurrent async frames apart across awaits', async () => {
    const graph = requestGraph();
    const seen = await Promise.all(
      Array.from({ length: 200 }, (_, id) =>
        graph.runInScope(
          'request',
          async () => {
            const first = graph.provide(RequestContext);
            await tick(id % 3);
            const second = graph.provide(RequestContext);
            await Promise.resolve();
            return { id, first, second, third: graph.provide(RequestContext) };
          },
          { values: { request: { id } } },
        ),
      ),
    );
    for (const { id, first, second, third } of seen) {
      expect(second).toBe(first);
      expect(third).toBe(first);
      expect(first.request.id).toBe(id);
    }
    expect(new Set(seen.map((s) => s.first)).size).toBe(200);
  });

  it('lets a frame of another id nested inside see the outer one', () => {
    const graph = requestGraph();
    graph.runInScope(
      'request',
      () => {
        const outer = graph.provide(RequestContext);
        const t1 = graph.runInScope('transaction', () => graph.provide(Transaction));
        const t2 = graph.runInScope('transaction', () => graph.provide(Transaction));
        expect(t1.requestContext).toBe(outer);
        expect(t2.requestContext).toBe(outer);
        expect(t2).not.toBe(t1);
      },
      { values: { request: { id: 1 } } },
    );
  });

  it('opens a fresh inner frame for the same id, and the outer objects come back after it ends', async () => {
    const graph = requestGraph();
    await graph.runInScope(
      'request',
      async () => {
        const outer = graph.provide(RequestContext);
        const inner = await graph.runInScope(
          'request',
          async () => {
            await tick();
            return graph.provide(RequestContext);
          },
          { values: { request: { id: 2 } } },
        );
        expect(inner).not.toBe(outer);
        expect(inner.request.id).toBe(2);
        expect(graph.provide(RequestContext)).toBe(outer);
        expect(graph.get('request')).toEqual({ id: 1 });
      },
      { values: { request: { id: 1 } } },
    );
  });

  it('rejects an id that is not a context scope, naming it and the call site', () => {
    const graph = requestGraph();
    expectPinionError(() => graph.runInScope('session', () => 1), UnknownScopeError, 'UNKNOWN_SCOPE', '"session"');
    expectPinionError(
      () => graph.runInScope(SINGLETON, () => 1),
      UnknownScopeError,
      'UNKNOWN_SCOPE',
      '"singleton"',
      'ContextScope or KeyedScope',
    );
    expectPinionError(
      () => graph.runInScope('request', 'not a function' as never),
      WrongArgTypeError,
      'WRONG_ARG_TYPE',
      'a function',
    );
  });
});

describe('a context-scoped binding requested with no active frame', () => {
  it('raises OutOfScopeError naming the binding, the scope id and how to open a frame', () => {
    const graph = requestGraph();
    expectPinionError(
      () => graph.provide(Transaction),
      OutOfScopeError,
      'OUT_OF_SCOPE',
      '"transaction"',
      'graph.runInScope("transaction", fn)',
      'bind("transaction") at test/context-scope.test.ts:',
    );
  });

  it('raises it after the frame has ended, even for a reference kept from inside', async () => {
    const graph = requestGraph();
    const resolve = await graph.runInScope('request', async () => () => graph.provide(RequestContext), {
      values: { request: { id: 1 } },
    });
    expect(() => resolve()).toThrow(OutOfScopeError);
  });

  it('raises it for a frame value the frame did not supply, naming the value and how to pass it', () => {
    const graph = requestGraph();
    expectPinionError(
      () => graph.runInScope('request', () => graph.provide(RequestContext)),
      OutOfScopeError,
      'OUT_OF_SCOPE',
      '"request"',
      'has no value "request"',
      'values: { request: … }',
    );
  });
});

describe('graph.enterScope', () => {
  it('opens a frame for the rest of the block with `using`', () => {
    const graph = requestGraph();
    let first: RequestContext;
    {
      using frame = graph.enterScope('request', { values: { request: { id: 3 } } });
      expect(frame.scopeId).toBe('request');
      first = graph.provide(RequestContext);
      expect(graph.provide(RequestContext)).toBe(first);
      expect(first.request.id).toBe(3);
    }
    expect(() => graph.provide(RequestContext)).toThrow(OutOfScopeError);
  });

  it('works with `await using` inside concurrent async functions', async () => {
    const graph = requestGraph();
    const handle = async (id: number) => {
      await Promise.resolve();
      await using _frame = graph.enterScope('request', { values: { request: { id } } });
      const first = graph.provide(RequestContext);
      await tick(id % 2);
      expect(graph.provide(RequestContext)).toBe(first);
      return first.request.id;
    };
    await expect(Promise.all([1, 2, 3, 4].map(handle))).resolves.toEqual([1, 2, 3, 4]);
  });

  it('ends its frame once, however often it is disposed', () => {
    const graph = requestGraph();
    const frame = graph.enterScope('request', { values: { request: { id: 1 } } });
    const inside = graph.provide(RequestContext);
    frame[Symbol.dispose]();
    frame[Symbol.dispose]();
    expect(() => graph.provide(RequestContext)).toThrow(OutOfScopeError);
    expect(inside.request.id).toBe(1);
  });
});

describe('isScopeUsableFromScope with context scopes: scopeOrder', () => {
  const allowed = scopeOrder([SINGLETON, 'session', 'request']);

  it('lets shorter-lived objects use longer-lived ones, never the reverse', () => {
    expect(allowed(SINGLETON, 'request')).toBe(true);
    expect(allowed('session', 'request')).toBe(true);
    expect(allowed('request', 'request')).toBe(true);
    expect(allowed('request', SINGLETON)).toBe(false);
    expect(allowed('request', 'session')).toBe(false);
    expect(allowed('session', SINGLETON)).toBe(false);
  });

  it('leaves scopes outside the list unrestricted', () => {
    expect(allowed(PROTOTYPE, SINGLETON)).toBe(true);
    expect(allowed('request', PROTOTYPE)).toBe(true);
    expect(allowed('request', UNSCOPED)).toBe(true);
  });

  it('makes a singleton that captures a request object a BadDependencyScopeError', () => {
    class Cache {
      constructor(readonly requestContext: RequestContext) {}
    }
    const graph = newObjectGraph({
      classes: [Clock, RequestContext, Cache],
      bindingSpecs: [
        specOf((bind) => {
          bind('request').toScopeValue('request');
          bind('requestContext').toClass(RequestContext, { inScope: 'request' });
        }),
      ],
      idToScope: { request: new ContextScope() },
      isScopeUsableFromScope: scopeOrder([SINGLETON, 'request']),
    });
    expectPinionError(
      () => graph.runInScope('request', () => graph.provide(Cache), { values: { request: { id: 1 } } }),
      BadDependencyScopeError,
      'BAD_DEPENDENCY_SCOPE',
      '"requestContext"',
      'parameter requestContext of class Cache',
    );
  });
});
