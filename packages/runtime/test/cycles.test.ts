import {
  type AnyClass,
  type Bind,
  BindingSpec,
  CyclicInjectionError,
  getClassMetadata,
  newObjectGraph,
  PROTOTYPE,
} from '@pinion/runtime';
import { errorOf, LOCATION, specOf } from './support/assertions.js';

/** `class A (test/cycles.test.ts:12:11)`: how messages describe an implicit class binding. */
function described(cls: AnyClass): string {
  const location = getClassMetadata(cls)?.location;
  if (!location) throw new Error(`${cls.name} has no metadata`);
  return `class ${cls.name} (${location.file}:${location.line}:${location.column})`;
}

function expectCycle(error: any, path: string[]): void {
  expect(error).toBeInstanceOf(CyclicInjectionError);
  expect(error.code).toBe('CYCLIC_INJECTION');
  expect(error.path).toEqual(path);
  for (const step of path) expect(error.message).toContain(step);
  expect(error.message).toMatch(LOCATION);
  // The steps appear in order in the message.
  const positions = path.slice(0, -1).map((step) => error.message.indexOf(step));
  expect([...positions].sort((a, b) => a - b)).toEqual(positions);
}

describe('CyclicInjectionError lists the whole cycle with each binding’s location (SPEC §8)', () => {
  it('reports a cycle of two classes', () => {
    class Chicken {
      constructor(readonly egg: unknown) {}
    }
    class Egg {
      constructor(readonly chicken: Chicken) {}
    }
    const graph = newObjectGraph({ classes: [Chicken, Egg] });
    expectCycle(
      errorOf(() => graph.provide(Chicken)),
      [described(Chicken), described(Egg), described(Chicken)],
    );
    expectCycle(
      errorOf(() => graph.get('egg')),
      [described(Egg), described(Chicken), described(Egg)],
    );
  });

  it('reports a cycle of three classes, from wherever it is entered', () => {
    class Rock {
      constructor(readonly paper: unknown) {}
    }
    class Paper {
      constructor(readonly scissors: unknown) {}
    }
    class Scissors {
      constructor(readonly rock: Rock) {}
    }
    const graph = newObjectGraph({ classes: [Rock, Paper, Scissors] });
    expectCycle(
      errorOf(() => graph.provide(Rock)),
      [described(Rock), described(Paper), described(Scissors), described(Rock)],
    );
    expectCycle(
      errorOf(() => graph.provide(Scissors)),
      [described(Scissors), described(Rock), described(Paper), described(Scissors)],
    );
  });

  it('reports a class that needs itself', () => {
    class Node {
      constructor(readonly node: Node) {}
    }
    const graph = newObjectGraph({ classes: [Node] });
    expectCycle(
      errorOf(() => graph.provide(Node)),
      [described(Node), described(Node)],
    );
  });

  it('reports only the cycle when it is reached from outside it', () => {
    class Ping {
      constructor(readonly pong: unknown) {}
    }
    class Pong {
      constructor(readonly ping: Ping) {}
    }
    class Table {
      constructor(readonly ping: Ping) {}
    }
    const graph = newObjectGraph({ classes: [Ping, Pong, Table] });
    const error = errorOf(() => graph.provide(Table));
    expectCycle(error, [described(Ping), described(Pong), described(Ping)]);
  });

  it('locates explicit bindings and provider methods in the cycle', () => {
    class Chicken {
      constructor(readonly egg: unknown) {}
    }
    class FarmSpec extends BindingSpec {
      configure(bind: Bind) {
        bind('chicken').toClass(Chicken);
      }
      provideEgg(chicken: Chicken) {
        return { chicken };
      }
    }
    const graph = newObjectGraph({ classes: [], bindingSpecs: [new FarmSpec()] });
    const error = errorOf(() => graph.get('chicken'));
    expect(error).toBeInstanceOf(CyclicInjectionError);
    expect(error.code).toBe('CYCLIC_INJECTION');
    expect(error.path).toHaveLength(3);
    expect(error.path[0]).toMatch(/^bind\("chicken"\) at .*test\/cycles\.test\.ts:\d+:\d+$/);
    expect(error.path[1]).toMatch(/^provider method FarmSpec\.provideEgg \(test\/cycles\.test\.ts:\d+:\d+\)$/);
    expect(error.path[2]).toBe(error.path[0]);
  });

  it('keeps raising it on every attempt, and does not break the rest of the graph', () => {
    class Chicken {
      constructor(readonly egg: unknown) {}
    }
    class Egg {
      constructor(readonly chicken: Chicken) {}
    }
    class Farmer {}
    const graph = newObjectGraph({ classes: [Chicken, Egg, Farmer] });
    expect(() => graph.provide(Chicken)).toThrow(CyclicInjectionError);
    expect(() => graph.provide(Chicken)).toThrow(CyclicInjectionError);
    expect(graph.provide(Farmer)).toBeInstanceOf(Farmer);
  });
});

describe('cycles through provider-function arguments', () => {
  class Parent {
    constructor(readonly provideChild: () => Child) {}
  }
  class Child {
    constructor(readonly parent: Parent) {}
  }

  it('are harmless while the function is not called', () => {
    const graph = newObjectGraph({ classes: [Parent, Child] });
    const parent = graph.provide(Parent);
    expect(typeof parent.provideChild).toBe('function');
  });

  it('work when the function is called after construction', () => {
    const graph = newObjectGraph({ classes: [Parent, Child] });
    const parent = graph.provide(Parent);
    const child = parent.provideChild();
    expect(child).toBeInstanceOf(Child);
    expect(child.parent).toBe(parent);
    expect(graph.provide(Child)).toBe(child);
  });

  it('work for PROTOTYPE bindings when the function is called after construction', () => {
    const graph = newObjectGraph({
      classes: [],
      bindingSpecs: [
        specOf((bind) => {
          bind('parent').toClass(Parent, { inScope: PROTOTYPE });
          bind('child').toClass(Child, { inScope: PROTOTYPE });
        }),
      ],
    });
    const parent = graph.provide(Parent);
    const child = parent.provideChild();
    expect(child.parent).toBeInstanceOf(Parent);
    expect(child.parent).not.toBe(parent);
    expect(parent.provideChild()).not.toBe(child);
  });

  describe('raise CyclicInjectionError, not a stack overflow, when the function is called while the cycle is being built', () => {
    class EagerParent {
      readonly child: EagerChild;
      constructor(provideEagerChild: () => EagerChild) {
        this.child = provideEagerChild();
      }
    }
    class EagerChild {
      constructor(readonly eagerParent: EagerParent) {}
    }

    it('for SINGLETON bindings', () => {
      const graph = newObjectGraph({ classes: [EagerParent, EagerChild] });
      const error = errorOf(() => graph.provide(EagerParent));
      expect(error).toBeInstanceOf(CyclicInjectionError);
      expect(error.code).toBe('CYCLIC_INJECTION');
      expect(error.path).toEqual([described(EagerParent), described(EagerChild), described(EagerParent)]);
      expect(error.message).toMatch(LOCATION);
    });

    it('naming every binding on the way back, for a longer cycle', () => {
      class Head {
        readonly body: unknown;
        constructor(provideBody: () => unknown) {
          this.body = provideBody();
        }
      }
      class Body {
        constructor(readonly tail: unknown) {}
      }
      class Tail {
        constructor(readonly head: Head) {}
      }
      const graph = newObjectGraph({ classes: [Head, Body, Tail] });
      const error = errorOf(() => graph.provide(Head));
      expect(error).toBeInstanceOf(CyclicInjectionError);
      expect(error.code).toBe('CYCLIC_INJECTION');
      expect(error.path).toEqual([described(Head), described(Body), described(Tail), described(Head)]);
    });

    it('for PROTOTYPE bindings', () => {
      const graph = newObjectGraph({
        classes: [EagerParent, EagerChild],
        bindingSpecs: [
          specOf((bind) => {
            bind('eagerParent').toClass(EagerParent, { inScope: PROTOTYPE });
            bind('eagerChild').toClass(EagerChild, { inScope: PROTOTYPE });
          }),
        ],
      });
      const error = errorOf(() => graph.provide(EagerParent));
      expect(error).toBeInstanceOf(CyclicInjectionError);
      expect(error.code).toBe('CYCLIC_INJECTION');
      expect(error.path).toEqual([
        expect.stringMatching(/^bind\("eagerParent"\) at .*test\/cycles\.test\.ts:\d+:\d+$/),
        expect.stringMatching(/^bind\("eagerChild"\) at .*test\/cycles\.test\.ts:\d+:\d+$/),
        error.path[0],
      ]);
      expect(error.message).toMatch(LOCATION);
    });

    it('and the graph still works for other objects afterwards', () => {
      class Bystander {}
      const graph = newObjectGraph({ classes: [EagerParent, EagerChild, Bystander] });
      expect(() => graph.provide(EagerParent)).toThrow(CyclicInjectionError);
      expect(() => graph.provide(EagerParent)).toThrow(CyclicInjectionError);
      expect(graph.provide(Bystander)).toBeInstanceOf(Bystander);
    });
  });
});

describe('deep dependency chains', () => {
  const DEPTH = 10_000;

  /** Link0 needs link1, … Link9999 needs nothing; written without the transformer, named by `static inject`. */
  function chain(closeTheLoop = false): (new () => { next?: unknown })[] {
    const links: (new () => { next?: unknown })[] = [];
    for (let i = 0; i < DEPTH; i++) {
      const next = i < DEPTH - 1 ? `'link${i + 1}'` : closeTheLoop ? "'link0'" : '';
      links.push(
        new Function(`return class Link${i} { constructor(next) { this.next = next } static inject = [${next}] }`)(),
      );
    }
    return links;
  }

  function nodes(head: any): any[] {
    const all = [];
    for (let node = head; node; node = node.next) all.push(node);
    return all;
  }

  it('resolves a 10,000-deep chain of SINGLETON bindings without a stack overflow, twice', () => {
    const links = chain();
    const graph = newObjectGraph({ classes: links });
    const first = graph.provide(links[0]);
    const all = nodes(first);
    expect(all).toHaveLength(DEPTH);
    expect(all[DEPTH - 1]).toBeInstanceOf(links[DEPTH - 1]);
    expect(graph.provide(links[0])).toBe(first);
    expect(graph.get('link5000')).toBe(all[5000]);
  });

  it('reuses singletons already made when a deep chain is resolved from its middle first', () => {
    const links = chain();
    const graph = newObjectGraph({ classes: links });
    const middle = graph.get('link5000');
    const all = nodes(graph.provide(links[0]));
    expect(all).toHaveLength(DEPTH);
    expect(all[5000]).toBe(middle);
  });

  it('resolves a 10,000-deep chain of PROTOTYPE bindings without a stack overflow, twice', () => {
    const links = chain();
    const spec = specOf((bind) => {
      for (const [i, link] of links.entries()) bind(`link${i}`).toClass(link, { inScope: PROTOTYPE });
    });
    const graph = newObjectGraph({ classes: [], bindingSpecs: [spec] });
    const first = nodes(graph.provide(links[0]));
    const second = nodes(graph.get('link0'));
    expect(first).toHaveLength(DEPTH);
    expect(second).toHaveLength(DEPTH);
    expect(second[0]).not.toBe(first[0]);
    expect(second[DEPTH - 1]).not.toBe(first[DEPTH - 1]);
    expect(second[DEPTH - 1]).toBeInstanceOf(links[DEPTH - 1]);
  });

  it('reports a 10,000-long cycle without a stack overflow', () => {
    const links = chain(true);
    const graph = newObjectGraph({ classes: links });
    const error = errorOf(() => graph.provide(links[0]));
    expect(error).toBeInstanceOf(CyclicInjectionError);
    expect(error.code).toBe('CYCLIC_INJECTION');
    expect(error.path).toHaveLength(DEPTH + 1);
    expect(error.path[0]).toBe(error.path[DEPTH]);
    expect(error.path[0]).toContain('class Link0');
    expect(error.path[DEPTH - 1]).toContain(`class Link${DEPTH - 1}`);
  });
});
