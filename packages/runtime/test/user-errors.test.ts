import { BindingSpec, NothingInjectableForArgError, newObjectGraph, PROTOTYPE, type Scope } from '@pinion/runtime';
import { errorOf, specOf } from './support/assertions.js';

class PaymentDeclined extends Error {
  readonly code = 'CARD_DECLINED';
}

describe('an exception thrown by user code propagates unchanged: the same object (SPEC §8)', () => {
  it('from a constructor, for the root and for a dependency', () => {
    const declined = new PaymentDeclined('declined');
    class Gateway {
      constructor() {
        throw declined;
      }
    }
    class Checkout {
      constructor(readonly gateway: Gateway) {}
    }
    const graph = newObjectGraph({ classes: [Gateway, Checkout] });
    expect(errorOf(() => graph.provide(Gateway))).toBe(declined);
    expect(errorOf(() => graph.provide(Checkout))).toBe(declined);
    expect(errorOf(() => graph.get('checkout'))).toBe(declined);
  });

  it('from a provider method', () => {
    const declined = new PaymentDeclined('declined');
    class GatewaySpec extends BindingSpec {
      provideApiKey() {
        return 'key';
      }
      provideGateway(apiKey: string): never {
        throw Object.assign(declined, { apiKey });
      }
    }
    class Checkout {
      constructor(readonly gateway: unknown) {}
    }
    const graph = newObjectGraph({ classes: [Checkout], bindingSpecs: [new GatewaySpec()] });
    expect(errorOf(() => graph.provide(Checkout))).toBe(declined);
    expect((declined as PaymentDeclined & { apiKey?: string }).apiKey).toBe('key');
  });

  it('from a toProvider function', () => {
    const declined = new PaymentDeclined('declined');
    const graph = newObjectGraph({
      classes: [],
      bindingSpecs: [
        specOf((bind) =>
          bind('gateway').toProvider(() => {
            throw declined;
          }),
        ),
      ],
    });
    expect(errorOf(() => graph.get('gateway'))).toBe(declined);
  });

  it('from a call of a provider function, both after construction and inside a constructor', () => {
    const declined = new PaymentDeclined('declined');
    class Gateway {
      constructor() {
        throw declined;
      }
    }
    class Checkout {
      constructor(readonly provideGateway: () => Gateway) {}
    }
    class EagerCheckout {
      constructor(provideGateway: () => Gateway) {
        provideGateway();
      }
    }
    const graph = newObjectGraph({ classes: [Gateway, Checkout, EagerCheckout] });
    const checkout = graph.provide(Checkout);
    expect(errorOf(() => checkout.provideGateway())).toBe(declined);
    expect(errorOf(() => graph.provide(EagerCheckout))).toBe(declined);
  });

  it('whatever is thrown: values that are not errors, and errors that look like Pinion’s', () => {
    const lookalike = new NothingInjectableForArgError('"gateway"', 'user code');
    for (const value of ['a string', 42, { reason: 'object' }, lookalike]) {
      const graph = newObjectGraph({
        classes: [],
        bindingSpecs: [
          specOf((bind) =>
            bind('gateway').toProvider(() => {
              throw value;
            }),
          ),
        ],
      });
      expect(errorOf(() => graph.get('gateway'))).toBe(value);
    }
  });

  it('from deep inside a 1,000-deep chain', () => {
    const declined = new PaymentDeclined('declined');
    const links: (new () => { next?: unknown })[] = [];
    for (let i = 0; i < 1000; i++) {
      const next = i < 999 ? `'link${i + 1}'` : '';
      links.push(
        new Function(`return class Link${i} { constructor(next) { this.next = next } static inject = [${next}] }`)(),
      );
    }
    const graph = newObjectGraph({
      classes: links,
      bindingSpecs: [
        specOf((bind) =>
          bind('link999').toProvider(() => {
            throw declined;
          }),
        ),
      ],
    });
    expect(errorOf(() => graph.provide(links[0]))).toBe(declined);
  });

  it('from a custom scope and from isScopeUsableFromScope', () => {
    const fromScope = new Error('scope broke');
    const fromCheck = new Error('check broke');
    const brokenScope: Scope = {
      provide() {
        throw fromScope;
      },
    };
    const graph = newObjectGraph({
      classes: [],
      idToScope: { request: brokenScope },
      bindingSpecs: [specOf((bind) => bind('user').toProvider(() => ({}), { inScope: 'request' }))],
    });
    expect(errorOf(() => graph.get('user'))).toBe(fromScope);
    const checked = newObjectGraph({
      classes: [],
      bindingSpecs: [specOf((bind) => bind('user').toInstance({}))],
      isScopeUsableFromScope: () => {
        throw fromCheck;
      },
    });
    expect(errorOf(() => checked.get('user'))).toBe(fromCheck);
  });
});

describe('after a user exception, the graph keeps working', () => {
  it('does not keep a singleton whose construction failed: the next request builds it again', () => {
    let attempts = 0;
    class Flaky {
      readonly attempt = ++attempts;
      constructor() {
        if (this.attempt === 1) throw new Error('first attempt fails');
      }
    }
    class Consumer {
      constructor(readonly flaky: Flaky) {}
    }
    const graph = newObjectGraph({ classes: [Flaky, Consumer] });
    expect(() => graph.provide(Consumer)).toThrow('first attempt fails');
    const consumer = graph.provide(Consumer);
    expect(consumer.flaky.attempt).toBe(2);
    expect(graph.provide(Consumer)).toBe(consumer);
    expect(graph.get('flaky')).toBe(consumer.flaky);
  });

  it('does not mistake a retry for a cycle after a provider function failed inside a constructor', () => {
    let attempts = 0;
    class Flaky {
      constructor() {
        if (++attempts === 1) throw new Error('first attempt fails');
      }
    }
    class Eager {
      readonly flaky: Flaky;
      constructor(provideFlaky: () => Flaky) {
        this.flaky = provideFlaky();
      }
    }
    const graph = newObjectGraph({
      classes: [Flaky],
      bindingSpecs: [specOf((bind) => bind('eager').toClass(Eager, { inScope: PROTOTYPE }))],
    });
    expect(() => graph.provide(Eager)).toThrow('first attempt fails');
    expect(graph.provide(Eager).flaky).toBeInstanceOf(Flaky);
    expect(attempts).toBe(2);
  });
});
