import { ContextScope, KeyedScope, newObjectGraph, OutOfScopeError } from '@pinion/runtime';
import { specOf } from './support/assertions.js';
import { recordUnhandledRejections } from './support/unhandled.js';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const unhandled = recordUnhandledRejections();

class Cart {
  static made = 0;
  readonly id = ++Cart.made;
  disposed = false;
  [Symbol.dispose]() {
    this.disposed = true;
  }
}
class Session {}

function shopGraph() {
  return newObjectGraph({
    classes: [Cart, Session],
    bindingSpecs: [
      specOf((bind) => {
        bind('cart').toClass(Cart, { inScope: 'request' });
        bind('session').toClass(Session, { inScope: 'session' });
      }),
    ],
    idToScope: { request: new ContextScope(), session: new KeyedScope() },
  });
}

/** What `get` gives: the object, or the name of the error it raised. */
function attempt(get: () => unknown): unknown {
  try {
    return get();
  } catch (error) {
    return (error as Error).name;
  }
}

describe('await using frames of handlers started in the same turn', () => {
  it('never hand one handler the live objects of another', async () => {
    const graph = shopGraph();
    const handle = async (ms: number) => {
      let own: Cart;
      {
        await using _frame = graph.enterScope('request');
        own = graph.get<Cart>('cart');
        await sleep(ms);
        expect(graph.get('cart')).toBe(own);
      }
      return { own, after: attempt(() => graph.get('cart')) };
    };
    const [a, b] = await Promise.all([handle(50), handle(5)]);
    expect(b.after).toBe('OutOfScopeError');
    expect(a.after).toBe('OutOfScopeError');
    expect(a.own).not.toBe(b.own);
    expect([a.own.disposed, b.own.disposed]).toEqual([true, true]);
  });

  it('holds for 1,000 overlapping frames of random lengths', async () => {
    const graph = shopGraph();
    const seen = new Set<Cart>();
    const handle = async (i: number) => {
      let own: Cart;
      {
        await using _frame = graph.enterScope('request');
        own = graph.get<Cart>('cart');
        expect(seen.has(own)).toBe(false);
        seen.add(own);
        for (let step = 0; step < 3; step++) {
          await sleep((i * 7919 + step * 104729) % 13);
          expect(graph.get('cart')).toBe(own);
        }
        expect(own.disposed).toBe(false);
      }
      expect(own.disposed).toBe(true);
      expect(() => graph.get('cart')).toThrow(OutOfScopeError);
    };
    await Promise.all(Array.from({ length: 1000 }, (_, i) => handle(i)));
    expect(seen.size).toBe(1000);
    expect(unhandled.reasons).toEqual([]);
  }, 20_000);

  it('bring an outer frame of the same flow back when an inner one ends', async () => {
    const graph = shopGraph();
    await using _session = graph.enterScope('session', { key: 'alice' });
    await using _outer = graph.enterScope('request');
    const outer = graph.get('cart');
    const session = graph.get('session');
    await sleep(1);
    {
      await using _inner = graph.enterScope('request');
      expect(graph.get('cart')).not.toBe(outer);
      expect(graph.get('session')).toBe(session);
      await sleep(1);
    }
    expect(graph.get('cart')).toBe(outer);
    expect(graph.get('session')).toBe(session);
  });

  it('keep a frame of another scope entered just before in the same run visible in the block', async () => {
    const graph = shopGraph();
    const handle = async (key: string) => {
      await using _session = graph.enterScope('session', { key });
      await using _request = graph.enterScope('request');
      const session = graph.get('session');
      await sleep(2);
      expect(graph.get('session')).toBe(session);
      return session;
    };
    const [alice, bob] = await Promise.all([handle('alice'), handle('bob')]);
    expect(alice).not.toBe(bob);
  });

  it('bring the outer frame back after a synchronous inner block', () => {
    const graph = shopGraph();
    using _outer = graph.enterScope('request');
    const outer = graph.get('cart');
    {
      using _inner = graph.enterScope('request');
      expect(graph.get('cart')).not.toBe(outer);
    }
    expect(graph.get('cart')).toBe(outer);
  });
});
