// biome-ignore-all lint/suspicious/noShadowRestrictedNames: parameters named after Object.prototype's properties are the point
import {
  BindingSpec,
  getClassMetadata,
  NothingInjectableForArgError,
  newObjectGraph,
  type Scope,
  UnknownScopeError,
} from '@pinion/runtime';
import { errorOf, LOCATION, specOf, where } from './support/assertions.js';

/** Names that are properties of every plain object: a lookup in `{}` would find them. */
const OBJECT_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'] as const;

/** Every own property of Object.prototype with its descriptor, to compare before and after. */
function objectPrototypeSnapshot() {
  return Object.getOwnPropertyNames(Object.prototype).map((name) => [
    name,
    Object.getOwnPropertyDescriptor(Object.prototype, name),
  ]);
}

const before = objectPrototypeSnapshot();

afterAll(() => {
  // Nothing in this file may have written to Object.prototype.
  expect(objectPrototypeSnapshot()).toEqual(before);
});

describe('binding names that are properties of Object.prototype are ordinary names (SPEC §8)', () => {
  it.each(OBJECT_NAMES)('binds %s with toInstance and gets it back', (name) => {
    const value = { boundAs: name };
    const graph = newObjectGraph({ classes: [], bindingSpecs: [specOf((bind) => bind(name).toInstance(value))] });
    expect(graph.get(name)).toBe(value);
  });

  it('injects all of them as parameter names of a class named by hand', () => {
    const Odd: new () => { values: unknown[] } = new Function(
      `return class Odd { constructor(a, b, c, d, e) { this.values = [a, b, c, d, e] } static inject = ${JSON.stringify(OBJECT_NAMES)} }`,
    )();
    const values = OBJECT_NAMES.map((name) => ({ boundAs: name }));
    const graph = newObjectGraph({
      classes: [Odd],
      bindingSpecs: [
        specOf((bind) => {
          for (const [i, name] of OBJECT_NAMES.entries()) bind(name).toInstance(values[i]);
        }),
      ],
    });
    expect(graph.provide(Odd).values).toEqual(values);
    expect(graph.provide(Odd).values[0]).toBe(values[0]);
  });

  it('injects them as the parameter names of a transformed class', () => {
    class Odd {
      readonly values: unknown[];
      constructor(
        __proto__: unknown,
        constructor: unknown,
        toString: unknown,
        hasOwnProperty: unknown,
        valueOf: unknown,
      ) {
        this.values = [__proto__, constructor, toString, hasOwnProperty, valueOf];
      }
    }
    expect(getClassMetadata(Odd)?.params?.map((p) => p.name)).toEqual([...OBJECT_NAMES]);
    const values = OBJECT_NAMES.map((name) => `value of ${name}`);
    const graph = newObjectGraph({
      classes: [Odd],
      bindingSpecs: [
        specOf((bind) => {
          for (const [i, name] of OBJECT_NAMES.entries()) bind(name).toInstance(values[i]);
        }),
      ],
    });
    expect(graph.provide(Odd).values).toEqual(values);
  });

  it('derives them from class names and provider-method names', () => {
    class Constructor {}
    class ToString {}
    class HasOwnProperty {}
    class NamesSpec extends BindingSpec {
      provideValueOf() {
        return 'from provideValueOf';
      }
    }
    class Consumer {
      readonly values: unknown[];
      constructor(constructor: Constructor, toString: ToString, hasOwnProperty: HasOwnProperty, valueOf: string) {
        this.values = [constructor, toString, hasOwnProperty, valueOf];
      }
    }
    const graph = newObjectGraph({
      classes: [Constructor, ToString, HasOwnProperty, Consumer],
      bindingSpecs: [new NamesSpec()],
    });
    const [constructor, toString, hasOwnProperty, valueOf] = graph.provide(Consumer).values;
    expect(constructor).toBeInstanceOf(Constructor);
    expect(toString).toBeInstanceOf(ToString);
    expect(hasOwnProperty).toBeInstanceOf(HasOwnProperty);
    expect(valueOf).toBe('from provideValueOf');
    expect(graph.get('constructor')).toBe(constructor);
  });

  it('accepts them as annotations', () => {
    const graph = newObjectGraph({
      classes: [],
      bindingSpecs: [
        specOf((bind) => {
          bind('db', { annotatedWith: '__proto__' }).toInstance('proto db');
          bind('db', { annotatedWith: 'constructor' }).toInstance('constructor db');
        }),
      ],
    });
    expect(graph.get('db', { annotatedWith: '__proto__' })).toBe('proto db');
    expect(graph.get('db', { annotatedWith: 'constructor' })).toBe('constructor db');
    expect(() => graph.get('db', { annotatedWith: 'toString' })).toThrow(NothingInjectableForArgError);
  });

  it('accepts them as scope ids', () => {
    const made: string[] = [];
    const scope = (id: string): Scope => ({
      provide(_key, createFn) {
        made.push(id);
        return createFn();
      },
    });
    const idToScope = Object.defineProperty({ constructor: scope('constructor') }, '__proto__', {
      value: scope('__proto__'),
      enumerable: true,
    });
    const graph = newObjectGraph({
      classes: [],
      idToScope,
      bindingSpecs: [
        specOf((bind) => {
          bind('a').toProvider(() => 'a', { inScope: '__proto__' });
          bind('b').toProvider(() => 'b', { inScope: 'constructor' });
        }),
      ],
    });
    expect([graph.get('a'), graph.get('b')]).toEqual(['a', 'b']);
    expect(made).toEqual(['__proto__', 'constructor']);
  });
});

describe('nothing is looked up through Object.prototype', () => {
  it.each(OBJECT_NAMES)('raises NothingInjectableForArgError for get(%j) when nothing is bound to it', (name) => {
    const graph = newObjectGraph({ classes: [] });
    const error = errorOf(() => graph.get(name));
    expect(error).toBeInstanceOf(NothingInjectableForArgError);
    expect(error.code).toBe('NOTHING_INJECTABLE_FOR_ARG');
    expect(error.message).toContain(JSON.stringify(name));
  });

  it('raises NothingInjectableForArgError for a parameter of such a name with no binding, naming the class and its location', () => {
    class Widget {
      constructor(readonly toString: () => string) {}
    }
    const graph = newObjectGraph({ classes: [Widget] });
    const error = errorOf(() => graph.provide(Widget));
    expect(error).toBeInstanceOf(NothingInjectableForArgError);
    expect(error.code).toBe('NOTHING_INJECTABLE_FOR_ARG');
    expect(error.message).toContain('"toString"');
    expect(error.message).toContain(`parameter toString of class Widget (${where(Widget)})`);
    expect(error.message).toMatch(LOCATION);
  });

  it('does not take scope ids from Object.prototype: inScope "toString" is unknown', () => {
    const error = errorOf(() =>
      newObjectGraph({
        classes: [],
        idToScope: {},
        bindingSpecs: [specOf((bind) => bind('a').toProvider(() => 'a', { inScope: 'toString' }))],
      }),
    );
    expect(error).toBeInstanceOf(UnknownScopeError);
    expect(error.code).toBe('UNKNOWN_SCOPE');
    expect(error.message).toContain('"toString"');
    expect(error.message).toMatch(LOCATION);
  });
});

describe('no prototype pollution', () => {
  it('leaves Object.prototype and new objects untouched after binding and injecting __proto__', () => {
    const payload = { polluted: true };
    class Victim {
      readonly parts: unknown[];
      constructor(__proto__: unknown, constructor: unknown) {
        this.parts = [__proto__, constructor];
      }
    }
    const graph = newObjectGraph({
      classes: [Victim],
      bindingSpecs: [
        specOf((bind) => {
          bind('__proto__').toInstance(payload);
          bind('constructor').toInstance(payload);
          bind('toString').toInstance(payload);
        }),
      ],
    });
    expect(graph.provide(Victim).parts).toEqual([payload, payload]);
    expect(graph.get('__proto__')).toBe(payload);
    graph.get('toString');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
    expect(objectPrototypeSnapshot()).toEqual(before);
    expect(String({})).toBe('[object Object]');
  });
});
