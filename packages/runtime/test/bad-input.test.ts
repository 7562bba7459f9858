/**
 * Bad input from plain JavaScript callers (issue 11): every wrong argument of a binding spec's
 * `bind` / `require` / targets and of the decorators reaches a Pinion error naming the argument,
 * the value given and where it was given, never a raw TypeError; and no message builder throws,
 * whatever value it has to describe (BigInts, symbols, null-prototype objects, hostile Proxies).
 */
import {
  annotateArg,
  type Bind,
  BindingKey,
  BindingSpec,
  InvalidBindingTargetError,
  inject,
  MissingRequiredBindingError,
  NothingInjectableForArgError,
  newObjectGraph,
  provides,
  type Require,
  WrongArgElementTypeError,
  WrongArgTypeError,
} from '@pinion/runtime';
import { errorOf, expectPinionError, LOCATION } from './support/assertions.js';

/** A graph whose one spec configures with `configure`: the public way to reach `bind` and `require`. */
const graphConfiguring = (configure: (bind: Bind, require: Require) => void) =>
  newObjectGraph({
    classes: [],
    bindingSpecs: [
      new (class extends BindingSpec {
        configure(bind: Bind, require: Require) {
          configure(bind, require);
        }
      })(),
    ],
  });

/** Asserts a WrongArgTypeError naming `arg` and `actual`, with a location in this file. */
function expectWrongArg(fn: () => unknown, arg: string, actual: string): void {
  expectPinionError(fn, WrongArgTypeError, 'WRONG_ARG_TYPE', `wrong type for ${arg}`, `but got ${actual}`);
  expect(errorOf(fn).location).toMatch(LOCATION);
}

class Port {}

/** A Proxy on which every trap throws. */
function hostile<T extends object>(target: T): T {
  const handler = new Proxy(
    {},
    {
      get: () => () => {
        throw new Error('trap');
      },
    },
  );
  return new Proxy(target, handler);
}

function revoked<T extends object>(target: T): T {
  const { proxy, revoke } = Proxy.revocable(target, {});
  revoke();
  return proxy;
}

const nullPrototype = () => Object.create(null) as object;

/** An object with no prototype whose own string form throws. */
const unprintable = () =>
  Object.assign(Object.create(null) as object, {
    toString() {
      throw new Error('no string form');
    },
  });

describe('bind(name) and require(name) from plain JavaScript', () => {
  it.each<[unknown, string]>([
    [5, 'a number (5)'],
    [10n, 'a bigint (10n)'],
    [Symbol('port'), 'a symbol (Symbol(port))'],
    [{ name: 'port' }, 'an object (Object)'],
    [nullPrototype(), 'an object (no prototype)'],
    [undefined, 'undefined'],
    [null, 'null'],
    ['', 'a string ("")'],
    [['port'], 'an array (length 1)'],
    [Port, 'function Port'],
  ])('bind(%p) is a WrongArgTypeError at graph creation', (name, described) => {
    expectWrongArg(() => graphConfiguring((bind) => bind(name as never).toInstance(1)), 'bind(name)', described);
  });

  it('require() of a name that is not a string is a WrongArgTypeError', () => {
    expectWrongArg(
      () => graphConfiguring((_bind, require) => require(10n as never)),
      'require(name)',
      'a bigint (10n)',
    );
  });

  it('options that are not an object are refused', () => {
    expectWrongArg(() => graphConfiguring((bind) => bind('port', 5 as never)), 'bind("port", options)', 'a number (5)');
    expectWrongArg(
      () => graphConfiguring((_bind, require) => require('port', 'hot' as never)),
      'require("port", options)',
      'a string ("hot")',
    );
  });

  it('any annotation is described in messages, whatever its string form', () => {
    const requireMissing = (annotatedWith: unknown) => () =>
      graphConfiguring((_bind, require) => require('port', { annotatedWith }));
    for (const [annotation, described] of [
      [10n, '"port" annotated with 10n'],
      [unprintable(), '"port" annotated with an object (no prototype)'],
      [hostile({}), '"port" annotated with an object'],
    ] as const) {
      expectPinionError(requireMissing(annotation), MissingRequiredBindingError, 'MISSING_REQUIRED_BINDING', described);
    }
  });
});

describe('binding targets and their options', () => {
  it('a dispose that is not a function is refused when bound, not when its frame ends', () => {
    expectWrongArg(
      () => graphConfiguring((bind) => bind('port').toClass(Port, { dispose: 5 as never })),
      'bind("port").toClass(cls, { dispose })',
      'a number (5)',
    );
    expectWrongArg(
      () => graphConfiguring((bind) => bind('port').toProvider(() => 1, { dispose: 'x' as never })),
      'bind("port").toProvider(fn, { dispose })',
      'a string ("x")',
    );
  });

  it('inScope must be a string or a symbol', () => {
    for (const [inScope, described] of [
      [5, 'a number (5)'],
      [10n, 'a bigint (10n)'],
      [null, 'null'],
      [{}, 'an object (Object)'],
    ] as const) {
      const configures: [string, (bind: Bind) => void][] = [
        ['bind("port").toClass(cls, { inScope })', (bind) => bind('port').toClass(Port, { inScope } as never)],
        ['bind("port").toProvider(fn, { inScope })', (bind) => bind('port').toProvider(() => 1, { inScope } as never)],
        ['bind("port").toInstance(value, { inScope })', (bind) => bind('port').toInstance(1, { inScope } as never)],
      ];
      for (const [arg, configure] of configures) expectWrongArg(() => graphConfiguring(configure), arg, described);
    }
    expectWrongArg(
      () => graphConfiguring((bind) => bind('port').toScopeValue(7 as never)),
      'bind("port").toScopeValue(scopeId)',
      'a number (7)',
    );
  });

  it('options that are not an object are refused', () => {
    expectWrongArg(
      () => graphConfiguring((bind) => bind('port').toClass(Port, 'singleton' as never)),
      'bind("port").toClass(cls, options)',
      'a string ("singleton")',
    );
    expectWrongArg(
      () => graphConfiguring((bind) => bind('port').toProvider(() => 1, [] as never)),
      'bind("port").toProvider(fn, options)',
      'an array (length 0)',
    );
    expectWrongArg(
      () => graphConfiguring((bind) => bind('port').toInstance(1, null as never)),
      'bind("port").toInstance(value, options)',
      'null',
    );
  });

  it('toClass of a non-class and toProvider of a non-function are InvalidBindingTargetErrors', () => {
    const cases: [(bind: Bind) => void, string][] = [
      [(bind) => bind('port').toClass(undefined as never), 'expected a class, got undefined'],
      [
        (bind) => bind('port').toClass(async function fetchPort() {} as never),
        'got function fetchPort (not a constructor)',
      ],
      [(bind) => bind('port').toProvider({} as never), 'expected a function, got an object (Object)'],
      [(bind) => bind('port').toProvider(10n as never), 'expected a function, got a bigint (10n)'],
    ];
    for (const [configure, expected] of cases) {
      expectPinionError(
        () => graphConfiguring(configure),
        InvalidBindingTargetError,
        'INVALID_BINDING_TARGET',
        expected,
      );
    }
  });
});

describe('describing wrong values never throws', () => {
  /** How a wrong `toClass` target is described in its InvalidBindingTargetError. */
  const described = (value: unknown): string => {
    const error = errorOf(() => graphConfiguring((bind) => bind('port').toClass(value as never)));
    expect(error).toBeInstanceOf(InvalidBindingTargetError);
    return error.message.replace(/^.* got /s, '');
  };

  it('names primitives with their value', () => {
    expect(described(10n)).toBe('a bigint (10n)');
    expect(described(Symbol('port'))).toBe('a symbol (Symbol(port))');
    expect(described(-0)).toBe('a number (-0)');
    expect(described(true)).toBe('a boolean (true)');
    expect(described(null)).toBe('null');
  });

  it('cuts long strings', () => {
    expect(described('x'.repeat(100))).toBe(`a string ("${'x'.repeat(40)}…")`);
  });

  it('names objects by their constructor without running their code', () => {
    class Config {
      toString(): string {
        throw new Error('toString');
      }
      [Symbol.toPrimitive](): never {
        throw new Error('toPrimitive');
      }
    }
    class Sneaky {}
    Object.defineProperty(Sneaky.prototype, 'constructor', {
      get() {
        throw new Error('constructor getter');
      },
    });
    expect(described(new Config())).toBe('an object (Config)');
    expect(described(new Sneaky())).toBe('an object');
    expect(described(nullPrototype())).toBe('an object (no prototype)');
    expect(described(unprintable())).toBe('an object (no prototype)');
    expect(described([1, 2])).toBe('an array (length 2)');
  });

  it('survives Proxies that throw on every trap, and revoked ones', () => {
    expect(described(hostile({}))).toBe('an object');
    expect(described(hostile([]))).toBe('an array');
    expect(described(hostile(class Hidden {}))).toBe('a function');
    expect(described(revoked({}))).toBe('a revoked Proxy');
    expect(described(revoked(class Gone {}))).toBe('a function');
  });

  it('names functions that are not classes', () => {
    const makePort = () => new Port();
    expect(described(makePort)).toBe('an arrow function (makePort)');
    expect(described(() => new Port())).toBe('an arrow function');
    expect(described(Math.max)).toBe('function max (not a constructor)');
  });
});

describe('BindingKey.toString()', () => {
  it('keeps its format for ordinary annotations', () => {
    class Primary {}
    const qualifier = { toString: () => 'Qualifier(primary)' };
    expect(new BindingKey('db').toString()).toBe('"db"');
    expect(new BindingKey('db', 'primary').toString()).toBe('"db" annotated with "primary"');
    expect(new BindingKey('db', Symbol('primary')).toString()).toBe('"db" annotated with Symbol(primary)');
    expect(new BindingKey('db', 3).toString()).toBe('"db" annotated with 3');
    expect(new BindingKey('db', qualifier).toString()).toBe('"db" annotated with Qualifier(primary)');
    expect(new BindingKey('db', Primary).toString()).toBe('"db" annotated with function Primary');
    expect(new BindingKey('db', { tier: 1 }).toString()).toBe('"db" annotated with an object (Object)');
  });

  it('never throws, whatever the annotation', () => {
    expect(new BindingKey('db', nullPrototype()).toString()).toBe('"db" annotated with an object (no prototype)');
    expect(new BindingKey('db', unprintable()).toString()).toBe('"db" annotated with an object (no prototype)');
    expect(new BindingKey('db', 10n).toString()).toBe('"db" annotated with 10n');
    expect(new BindingKey('db', hostile({})).toString()).toBe('"db" annotated with an object');
    expect(new BindingKey('db', revoked({})).toString()).toBe('"db" annotated with a revoked Proxy');
    expect(new BindingKey(10n as never).toString()).toBe('a bigint (10n)');
  });

  it('get() of a missing name annotated with a null-prototype object is NothingInjectableForArgError', () => {
    const graph = newObjectGraph({ classes: [] });
    const error = errorOf(() => graph.get('missing', { annotatedWith: unprintable() }));
    expect(error).toBeInstanceOf(NothingInjectableForArgError);
    expect(error.code).toBe('NOTHING_INJECTABLE_FOR_ARG');
    expect(error.message).toContain('"missing" annotated with an object (no prototype)');
  });
});

describe('decorators from plain JavaScript', () => {
  /** Applies `decorator` to a method the way standard decorators do. */
  const onMethod = (decorator: (target: unknown, context: unknown) => unknown) =>
    decorator(function provideGreeting() {}, { kind: 'method', name: 'provideGreeting' });
  /** The same under `experimentalDecorators`: (prototype, key, descriptor). */
  const onLegacyMethod = (decorator: (target: unknown, key: unknown, descriptor: unknown) => unknown) =>
    decorator({}, 'provideGreeting', { value: function provideGreeting() {} });

  it('@provides given a name that is neither a string nor options', () => {
    for (const [name, value] of [
      [5, 'a number (5)'],
      [null, 'null'],
      ['', 'a string ("")'],
      [Symbol('greeting'), 'a symbol (Symbol(greeting))'],
    ] as const) {
      expectWrongArg(() => onMethod(provides(name as never)), '@provides(name) on method provideGreeting', value);
      expectWrongArg(() => onLegacyMethod(provides(name as never)), '@provides(name) on method provideGreeting', value);
    }
  });

  it('@provides given options that are not an object, or an inScope that is not a scope id', () => {
    expectWrongArg(() => onMethod(provides('greeting', 5 as never)), '@provides(name, options)', 'a number (5)');
    expectWrongArg(() => onMethod(provides({ inScope: 10n as never })), '@provides(…, { inScope })', 'a bigint (10n)');
  });

  it('@inject given options that are not an object, or argNames that are not an array of strings', () => {
    class Widget {
      constructor(readonly palette: string) {}
    }
    const apply = (options: unknown) => () => inject(options as never)(Widget);
    expectWrongArg(apply(null), '@inject(options) on class Widget', 'null');
    expectWrongArg(apply('palette'), '@inject(options) on class Widget', 'a string ("palette")');
    expectWrongArg(apply({ argNames: 'palette' }), '@inject({ argNames }) on class Widget', 'a string ("palette")');
    expectPinionError(
      apply({ allExcept: [10n] }),
      WrongArgElementTypeError,
      'WRONG_ARG_ELEMENT_TYPE',
      'element 0 of @inject({ allExcept }) on class Widget',
      'a bigint (10n)',
    );
  });

  it('@annotateArg given a name that is not a string, or no annotation', () => {
    class Widget {
      constructor(readonly palette: string) {}
    }
    expectWrongArg(
      () => annotateArg(5 as never, 'dark')(Widget),
      '@annotateArg(argName) on class Widget',
      'a number (5)',
    );
    expectWrongArg(
      () => (annotateArg as (name: string) => (target: unknown) => unknown)('palette')(Widget),
      '@annotateArg("palette", annotation) on class Widget',
      'undefined',
    );
    expectWrongArg(
      () => onMethod(annotateArg(Symbol('name') as never, 'en')),
      '@annotateArg(argName) on method provideGreeting',
      'a symbol (Symbol(name))',
    );
  });

  it('a decorator applied to what it cannot decorate names it', () => {
    const field = { kind: 'field', name: 'port' };
    expectWrongArg(() => provides('greeting')(undefined, field), 'the target of @provides', 'a field (port)');
    expectWrongArg(() => inject()(undefined as never, field), 'the target of @inject', 'a field (port)');
    expectWrongArg(() => onLegacyMethod(inject()), 'the target of @inject', 'a method (provideGreeting)');
    expectWrongArg(() => annotateArg('port', 'http')(Port, undefined, 0), 'the target of @annotateArg', 'parameter 1');
    expectWrongArg(() => provides('greeting')(Port), 'the target of @provides', 'function Port');
  });
});
