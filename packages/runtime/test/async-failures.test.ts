import { type Bind, BindingSpec, inject, newObjectGraph, PROTOTYPE } from '@pinion/runtime';
import { recordUnhandledRejections } from './support/unhandled.js';

const unhandled = recordUnhandledRejections();
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe('an async creation that fails beside another', () => {
  it('leaves no rejection unhandled when a sync constructor throws while an async provider rejects', async () => {
    class Broken {
      constructor() {
        throw new Error('broken constructor');
      }
    }
    class Root {
      constructor(
        readonly remoteConfig: unknown,
        readonly broken: Broken,
      ) {}
    }
    class RemoteSpec extends BindingSpec {
      async provideRemoteConfig() {
        await sleep(1);
        throw new Error('remote config unreachable');
      }
    }
    const graph = newObjectGraph({ classes: [Root, Broken], bindingSpecs: [new RemoteSpec()] });
    await expect(graph.provideAsync(Root)).rejects.toThrow('broken constructor');
    await sleep(20);
    expect(unhandled.reasons).toEqual([]);
  });

  it('rejects with the first failure and leaves the other handled when two async providers reject', async () => {
    class Root {
      constructor(
        readonly first: unknown,
        readonly second: unknown,
      ) {}
    }
    class Spec extends BindingSpec {
      async provideFirst() {
        throw new Error('first');
      }
      async provideSecond() {
        await sleep(1);
        throw new Error('second');
      }
    }
    const graph = newObjectGraph({ classes: [Root], bindingSpecs: [new Spec()] });
    await expect(graph.provideAsync(Root)).rejects.toThrow('first');
    await sleep(20);
    expect(unhandled.reasons).toEqual([]);
  });
});

describe('partial injection through a provider function', () => {
  it('works when the injected parameters need async providers', async () => {
    class Order {
      constructor(
        readonly database: { url: string },
        readonly quantity: number,
      ) {}
    }
    inject({ argNames: ['database'] })(Order);
    class Shop {
      constructor(readonly provideOrder: (quantity: number) => Promise<Order>) {}
    }
    class Spec extends BindingSpec {
      configure(bind: Bind) {
        bind('order').toClass(Order, { inScope: PROTOTYPE });
      }
      async provideDatabase() {
        await sleep(1);
        return { url: 'db://orders' };
      }
    }
    const graph = newObjectGraph({ classes: [Shop], bindingSpecs: [new Spec()] });
    const shop = await graph.provideAsync(Shop);
    const [a, b] = await Promise.all([shop.provideOrder(3), shop.provideOrder(5)]);
    expect(a).toBeInstanceOf(Order);
    expect([a.quantity, b.quantity]).toEqual([3, 5]);
    expect(a.database.url).toBe('db://orders');
    expect(a.database).toBe(b.database);
  });
});
