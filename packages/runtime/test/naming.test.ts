import {
  type AnyClass,
  BindingSpec,
  defaultGetArgNamesFromClassName,
  defaultGetArgNamesFromProviderFnName,
  getClassMetadata,
  NothingInjectableForArgError,
  newObjectGraph,
} from '@pinion/runtime';
import fc from 'fast-check';
import { errorOf, expectPinionError, expectPinionErrorNaming, specOf } from './support/assertions.js';

/** A place in this package's test files, as Pinion's messages give it. */

describe('SPEC §3 naming: class name → binding name (getArgNamesFromClassName, default)', () => {
  const examples: [className: string, bindingName: string][] = [
    ['DatabaseConnection', 'databaseConnection'],
    ['_Foo', 'foo'],
    ['A', 'a'],
    ['HTTPServer', 'httpServer'],
    ['URLParser', 'urlParser'],
    ['ABC', 'abc'],
    ['Foo2Bar', 'foo2Bar'],
    ['X1', 'x1'],
  ];

  it.each(examples)('maps %s to %s', (className, bindingName) => {
    expect(defaultGetArgNamesFromClassName(className)).toEqual([bindingName]);
  });

  it.each(['databaseConnection', 'foo', 'x1', '__Foo', '__foo', '_foo', '', '_'])(
    'gives %p no binding name',
    (className) => {
      expect(defaultGetArgNamesFromClassName(className)).toEqual([]);
    },
  );

  it('injects each class of the examples under its derived name', () => {
    class DatabaseConnection {}
    class _Foo {}
    class A {}
    class HTTPServer {}
    class URLParser {}
    class ABC {}
    class Foo2Bar {}
    class X1 {}
    class Consumer {
      constructor(
        readonly databaseConnection: DatabaseConnection,
        readonly foo: _Foo,
        readonly a: A,
        readonly httpServer: HTTPServer,
        readonly urlParser: URLParser,
        readonly abc: ABC,
        readonly foo2Bar: Foo2Bar,
        readonly x1: X1,
      ) {}
    }
    const graph = newObjectGraph({
      classes: [DatabaseConnection, _Foo, A, HTTPServer, URLParser, ABC, Foo2Bar, X1, Consumer],
    });

    const consumer = graph.provide(Consumer);

    expect(consumer.databaseConnection).toBeInstanceOf(DatabaseConnection);
    expect(consumer.foo).toBeInstanceOf(_Foo);
    expect(consumer.a).toBeInstanceOf(A);
    expect(consumer.httpServer).toBeInstanceOf(HTTPServer);
    expect(consumer.urlParser).toBeInstanceOf(URLParser);
    expect(consumer.abc).toBeInstanceOf(ABC);
    expect(consumer.foo2Bar).toBeInstanceOf(Foo2Bar);
    expect(consumer.x1).toBeInstanceOf(X1);
    expect(graph.get('httpServer')).toBe(consumer.httpServer);
    expect(graph.get('foo')).toBe(consumer.foo);
  });

  it('binds nothing for a class whose name starts with a lowercase letter, or with __', () => {
    class lowercaseStart {}
    class __Foo {}
    class Consumer {
      constructor(readonly lowercaseStart: unknown) {}
    }
    const graph = newObjectGraph({ classes: [lowercaseStart, __Foo, Consumer] });

    for (const name of ['lowercaseStart', 'foo', '_foo', '__Foo', '__foo']) {
      // graph.get() is called from no place in a class: its message names the call instead of a location.
      expectPinionErrorNaming(
        () => graph.get(name),
        NothingInjectableForArgError,
        'NOTHING_INJECTABLE_FOR_ARG',
        `nothing injectable for "${name}", needed by graph.get("${name}")`,
      );
    }
    expectPinionError(
      () => graph.provide(Consumer),
      NothingInjectableForArgError,
      'NOTHING_INJECTABLE_FOR_ARG',
      '"lowercaseStart"',
      'parameter lowercaseStart of class Consumer (test/naming.test.ts:',
    );
    // With no binding of its own, provide() builds such a class directly: a new object each call.
    expect(graph.provide(__Foo)).toBeInstanceOf(__Foo);
    expect(graph.provide(__Foo)).not.toBe(graph.provide(__Foo));
    expect(graph.provide(lowercaseStart)).not.toBe(graph.provide(lowercaseStart));
  });
});

describe('SPEC §3 naming: non-ASCII names (the default rules read Unicode letter categories)', () => {
  it.each([
    ['Ärger', 'ärger'],
    ['ÄÖÜber', 'äöÜber'],
    ['AÀb', 'aÀb'],
    ['ÀBc', 'àBc'],
    ['ABÀ', 'abà'],
    ['ABé', 'aBé'],
    ['AB\u0301c', 'ab\u0301c'],
    ['ΣΦΑλ', 'σφΑλ'],
    ['_Ωmega', 'ωmega'],
    ['Xé', 'xé'],
    ['HTTPé', 'httPé'],
    ['𝐀𝐁c', '𝐀𝐁c'],
  ])('maps %s to %s', (className, bindingName) => {
    expect(defaultGetArgNamesFromClassName(className)).toEqual([bindingName]);
  });

  it.each(['éclair', '_ébauche', 'ßtraße', '1A', '$A', '\u0301A'])('gives %p no binding name', (className) => {
    expect(defaultGetArgNamesFromClassName(className)).toEqual([]);
  });

  it.each([
    ['provideÄrger', 'ärger'],
    ['provideABé', 'aBé'],
  ])('maps provider %s to %s', (methodName, bindingName) => {
    expect(defaultGetArgNamesFromProviderFnName(methodName)).toEqual([bindingName]);
  });

  it.each(['provideéclair', 'provideFoo\nBar', 'provide\u2028Foo', 'PROVIDEFoo'])(
    'gives provider %p no binding name',
    (methodName) => {
      expect(defaultGetArgNamesFromProviderFnName(methodName)).toEqual([]);
    },
  );

  // The rules as SPEC §3 states them, with Unicode regexes only: the defaults must agree with them
  // on every name (they read ASCII names without regexes).
  const reference = {
    lower(name: string): string {
      const run = /^\p{Lu}+/u.exec(name)?.[0] ?? '';
      const startsWord = run.length > 1 && /^\p{Ll}/u.test(name.slice(run.length));
      const lowered = startsWord ? run.length - 1 : run.length;
      return name.slice(0, lowered).toLowerCase() + name.slice(lowered);
    },
    className(className: string): string[] {
      const name = className.startsWith('_') ? className.slice(1) : className;
      return /^\p{Lu}/u.test(name) ? [reference.lower(name)] : [];
    },
    providerFnName(methodName: string): string[] {
      const match = /^provide(\p{Lu}.*)$/u.exec(methodName);
      return match ? [reference.lower(match[1])] : [];
    },
  };
  const names = fc.oneof(
    fc.string({ unit: fc.constantFrom(...'_AaBbZz09$ÀàÉéΣσ\u0301\n\u2028ßİ'.split(''), '𝐀', '𝐚') }),
    fc.string({ unit: 'grapheme' }),
    fc.string({ unit: 'binary' }),
    fc.string(),
  );

  it('agree with the Unicode rules on any class name', () => {
    fc.assert(
      fc.property(names, (name) => {
        expect(defaultGetArgNamesFromClassName(name)).toEqual(reference.className(name));
      }),
      { numRuns: 5000 },
    );
  });

  it('agree with the Unicode rules on any method name', () => {
    fc.assert(
      fc.property(names, (name) => {
        const methodName = `provide${name}`;
        expect(defaultGetArgNamesFromProviderFnName(methodName)).toEqual(reference.providerFnName(methodName));
        expect(defaultGetArgNamesFromProviderFnName(name)).toEqual(reference.providerFnName(name));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('SPEC §3 naming: provider method → binding name (getArgNamesFromProviderFnName, default)', () => {
  it.each([
    ['provideFoo', 'foo'],
    ['provideHTTPServer', 'httpServer'],
    ['provideDatabaseConnection', 'databaseConnection'],
    ['provideX1', 'x1'],
  ])('maps %s to %s', (methodName, bindingName) => {
    expect(defaultGetArgNamesFromProviderFnName(methodName)).toEqual([bindingName]);
  });

  it.each(['provide', 'providefoo', 'provide_foo', 'makeFoo', 'getFoo', 'foo', 'Provider', 'provider'])(
    'gives %p no binding name',
    (methodName) => {
      expect(defaultGetArgNamesFromProviderFnName(methodName)).toEqual([]);
    },
  );

  it('binds provideFoo as foo and provideHTTPServer as httpServer, and no other method', () => {
    class Spec extends BindingSpec {
      provideFoo() {
        return 'the foo';
      }
      provideHTTPServer() {
        return { port: 80 };
      }
      makeBar() {
        return 'the bar';
      }
      providebaz() {
        return 'the baz';
      }
    }
    const graph = newObjectGraph({ classes: [], bindingSpecs: [new Spec()] });

    expect(graph.get('foo')).toBe('the foo');
    expect(graph.get('httpServer')).toEqual({ port: 80 });
    expect(graph.get('httpServer')).toBe(graph.get('httpServer'));
    for (const name of ['bar', 'makeBar', 'baz', 'providebaz', 'hTTPServer']) {
      expectPinionErrorNaming(
        () => graph.get(name),
        NothingInjectableForArgError,
        'NOTHING_INJECTABLE_FOR_ARG',
        `"${name}"`,
      );
    }
  });
});

describe('SPEC §3 naming: custom getArgNamesFromClassName', () => {
  it('gives a class one binding per returned name, each its own singleton', () => {
    class Clock {}
    class Consumer {
      constructor(
        readonly clock: Clock,
        readonly timeSource: Clock,
      ) {}
    }
    const graph = newObjectGraph({
      classes: [Clock, Consumer],
      getArgNamesFromClassName: (name) =>
        name === 'Clock' ? ['clock', 'timeSource'] : defaultGetArgNamesFromClassName(name),
    });

    const consumer = graph.provide(Consumer);

    expect(consumer.clock).toBeInstanceOf(Clock);
    expect(consumer.timeSource).toBeInstanceOf(Clock);
    expect(consumer.clock).not.toBe(consumer.timeSource);
    expect(graph.get('clock')).toBe(consumer.clock);
    expect(graph.get('timeSource')).toBe(consumer.timeSource);
    // provide() goes through the first name whose binding targets the class.
    expect(graph.provide(Clock)).toBe(consumer.clock);
  });

  it('gives a class for which it returns no name no binding', () => {
    class Hidden {}
    class Consumer {
      constructor(readonly hidden: Hidden) {}
    }
    const graph = newObjectGraph({
      classes: [Hidden, Consumer],
      getArgNamesFromClassName: (name) => (name === 'Hidden' ? [] : defaultGetArgNamesFromClassName(name)),
    });

    expectPinionError(
      () => graph.provide(Consumer),
      NothingInjectableForArgError,
      'NOTHING_INJECTABLE_FOR_ARG',
      '"hidden"',
      'class Consumer (test/naming.test.ts:',
    );
    expect(graph.provide(Hidden)).not.toBe(graph.provide(Hidden));
  });

  it('is given the source name of each class, whatever names it returns', () => {
    const seen: string[] = [];
    class HTTPServer {}
    class _Private {}
    const graph = newObjectGraph({
      classes: [HTTPServer, _Private],
      getArgNamesFromClassName: (name) => {
        seen.push(name);
        return [`the${name}`];
      },
    });

    expect(seen).toEqual(expect.arrayContaining(['HTTPServer', '_Private']));
    expect(graph.get('theHTTPServer')).toBeInstanceOf(HTTPServer);
    expect(graph.get('the_Private')).toBeInstanceOf(_Private);
    expectPinionErrorNaming(
      () => graph.get('httpServer'),
      NothingInjectableForArgError,
      'NOTHING_INJECTABLE_FOR_ARG',
      '"httpServer"',
    );
  });
});

describe('SPEC §3 naming: custom getArgNamesFromProviderFnName', () => {
  const makeRule = (methodName: string) => {
    const match = /^make([A-Z].*)$/.exec(methodName);
    return match ? [match[1][0].toLowerCase() + match[1].slice(1)] : [];
  };

  it('binds the methods it names, and no longer the provideX ones', () => {
    class Spec extends BindingSpec {
      makeClock() {
        return 'clock from makeClock';
      }
      provideGreeting() {
        return 'hello';
      }
    }
    class Needy {
      constructor(readonly greeting: string) {}
    }
    const graph = newObjectGraph({
      classes: [Needy],
      bindingSpecs: [new Spec()],
      getArgNamesFromProviderFnName: makeRule,
    });

    expect(graph.get('clock')).toBe('clock from makeClock');
    expectPinionError(
      () => graph.provide(Needy),
      NothingInjectableForArgError,
      'NOTHING_INJECTABLE_FOR_ARG',
      '"greeting"',
      'class Needy (test/naming.test.ts:',
    );
  });

  it('gives a method one binding per returned name, each its own singleton', () => {
    let calls = 0;
    class Spec extends BindingSpec {
      provideClock() {
        calls++;
        return { call: calls };
      }
    }
    const graph = newObjectGraph({
      classes: [],
      bindingSpecs: [new Spec()],
      getArgNamesFromProviderFnName: (name) => (name === 'provideClock' ? ['clock', 'timeSource'] : []),
    });

    const clock = graph.get('clock');
    const timeSource = graph.get('timeSource');

    expect(clock).not.toBe(timeSource);
    expect(graph.get('clock')).toBe(clock);
    expect(graph.get('timeSource')).toBe(timeSource);
    expect(calls).toBe(2);
  });

  it('also decides which parameters receive provider functions', () => {
    let made = 0;
    class Widget {
      readonly serial = ++made;
    }
    class Factory {
      constructor(readonly makeWidget: () => Widget) {}
    }
    const graph = newObjectGraph({ classes: [Widget, Factory], getArgNamesFromProviderFnName: makeRule });

    const factory = graph.provide(Factory);

    expect(typeof factory.makeWidget).toBe('function');
    expect(factory.makeWidget()).toBeInstanceOf(Widget);
    expect(factory.makeWidget()).toBe(graph.get('widget'));
    expect(made).toBe(1);
  });
});

describe('locations in messages', () => {
  it('give class locations and call sites from one base, the project root', () => {
    class Port {}
    const error = errorOf(() =>
      newObjectGraph({
        classes: [Port],
        bindingSpecs: [specOf((bind) => bind('port').toClass(Port, { inScope: 'nowhere' }))],
      }),
    );
    const [, classFile] = /class Port \(([^:]+):\d+:\d+\)/.exec(describedLocationOf(Port)) ?? [];
    const [, callFile] = /bind\("port"\) at ([^:]+):\d+:\d+/.exec(error.message) ?? [];
    expect(classFile).toBe('test/naming.test.ts');
    expect(callFile).toBe(classFile);
  });
});

function describedLocationOf(cls: AnyClass): string {
  const location = getClassMetadata(cls)?.location;
  return `class ${cls.name} (${location?.file}:${location?.line}:${location?.column})`;
}
