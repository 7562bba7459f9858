/**
 * SPEC §8: every error Pinion raises at graph creation and while providing. Each check asserts the
 * error's class, that it is a `PinionError`, its stable `code`, and that the message names the
 * binding keys / classes involved and a `file.ts:line:col` source location.
 * (Decorator errors: errors.decorators.test.ts.)
 */
import {
  AmbiguousArgNameError,
  type AnyClass,
  BadDependencyScopeError,
  type Bind,
  BindingSpec,
  ConflictingExplicitBindingsError,
  ConflictingRequiredBindingError,
  CyclicInjectionError,
  DirectlyPassingInjectedArgsError,
  EmptyBindingSpecError,
  GraphValidationError,
  getClassMetadata,
  InjectingNullDisallowedError,
  InvalidBindingTargetError,
  inject,
  MissingMetadataError,
  MissingRequiredBindingError,
  MultipleBindingTargetsError,
  NoBindingTargetError,
  NonExplicitlyBoundClassError,
  NothingInjectableForArgError,
  newObjectGraph,
  type ObjectGraphOptions,
  OnlyInstantiableViaProviderFunctionError,
  OverridingDefaultScopeError,
  PinionError,
  PROTOTYPE,
  provides,
  type Require,
  SINGLETON,
  SingletonScope,
  UNSCOPED,
  UninjectableParameterError,
  UnknownScopeError,
  WrongArgElementTypeError,
  WrongArgTypeError,
} from '@pinion/runtime';
import { errorOf } from './support/assertions.js';

/** A place in this test file, as Pinion's messages give it (class locations and call sites). */
const LOCATION = /test\/errors\.test\.ts:\d+:\d+/;
const LOCATIONS = /test\/errors\.test\.ts:\d+:\d+/g;

type PinionErrorClass<E extends PinionError> = abstract new (...args: never[]) => E;

/** What `fn` threw; fails the test when it throws nothing. */

/**
 * Asserts that `error` is a `errorClass` and a `PinionError` with `code`, and that its message
 * names a location in this file and every one of `mentions`.
 */
function expectPinionError<E extends PinionError>(
  error: unknown,
  errorClass: PinionErrorClass<E>,
  code: string,
  ...mentions: string[]
): E {
  expect(error).toBeInstanceOf(errorClass);
  expect(error).toBeInstanceOf(PinionError);
  const pinionError = error as E;
  expect(pinionError.code).toBe(code);
  expect(pinionError.message).toMatch(LOCATION);
  for (const mention of mentions) expect(pinionError.message).toContain(mention);
  return pinionError;
}

/** `test/errors.test.ts:12:9`: where the transformer says `cls` is declared. */
function where(cls: AnyClass): string {
  const metadata = getClassMetadata(cls);
  if (!metadata) throw new Error(`${cls.name} has no metadata`);
  return `${metadata.location.file}:${metadata.location.line}:${metadata.location.column}`;
}

/** `class Foo (test/errors.test.ts:12:9)`: how messages describe a class. */
const described = (cls: AnyClass) => `class ${cls.name} (${where(cls)})`;

/** A spec whose configure() is the given function. */
function specConfiguring(configure: (bind: Bind, require: Require) => void): BindingSpec {
  class ConfiguredSpec extends BindingSpec {
    configure(bind: Bind, require: Require) {
      configure(bind, require);
    }
  }
  return new ConfiguredSpec();
}

describe('errors raised at graph creation (inside newObjectGraph)', () => {
  class Port {}

  it('ConflictingExplicitBindingsError: two explicit bindings of one key, naming both', () => {
    const first = specConfiguring((bind) => bind('port').toInstance(8080));
    const second = specConfiguring((bind) => bind('port').toInstance(9090));
    class SecondSpec extends BindingSpec {
      providePort() {
        return 9090;
      }
    }
    const error = expectPinionError(
      errorOf(() => newObjectGraph({ classes: [], bindingSpecs: [first, second] })),
      ConflictingExplicitBindingsError,
      'CONFLICTING_EXPLICIT_BINDINGS',
      'multiple explicit bindings for "port"',
    );
    expect(error.message.match(LOCATIONS)).toHaveLength(2);
    expect(error.bindings).toEqual([
      expect.stringMatching(/^bind\("port"\) at .*test\/errors\.test\.ts:\d+:\d+$/),
      expect.any(String),
    ]);

    // A provider method is an explicit binding too: its class and location are named.
    expectPinionError(
      errorOf(() => newObjectGraph({ classes: [], bindingSpecs: [first, new SecondSpec()] })),
      ConflictingExplicitBindingsError,
      'CONFLICTING_EXPLICIT_BINDINGS',
      '"port"',
      `provider method SecondSpec.providePort (${where(SecondSpec)})`,
    );
  });

  it('ConflictingRequiredBindingError: a require()d key provided only by several implicit bindings', () => {
    const FirstClock = (() => {
      class Clock {}
      return Clock;
    })();
    const SecondClock = (() => {
      class Clock {}
      return Clock;
    })();
    const error = expectPinionError(
      errorOf(() =>
        newObjectGraph({
          classes: [FirstClock, SecondClock],
          bindingSpecs: [specConfiguring((_bind, require) => require('clock'))],
        }),
      ),
      ConflictingRequiredBindingError,
      'CONFLICTING_REQUIRED_BINDING',
      '"clock"',
      `class Clock (${where(FirstClock)})`,
      `class Clock (${where(SecondClock)})`,
    );
    // The require() call site is named as well.
    expect(error.requiredAt).toMatch(LOCATION);
  });

  it('MissingRequiredBindingError: a require()d key with no binding at all, naming the require() call site', () => {
    const error = expectPinionError(
      errorOf(() =>
        newObjectGraph({ classes: [], bindingSpecs: [specConfiguring((_bind, require) => require('databaseUrl'))] }),
      ),
      MissingRequiredBindingError,
      'MISSING_REQUIRED_BINDING',
      '"databaseUrl"',
    );
    expect(error.bindingKey).toBe('"databaseUrl"');
    expect(error.requiredAt).toMatch(LOCATION);
    expect(error.message).toContain(error.requiredAt);
  });

  it('EmptyBindingSpecError: a spec with neither configure() nor provider methods', () => {
    class NothingSpec extends BindingSpec {}
    expectPinionError(
      errorOf(() => newObjectGraph({ classes: [], bindingSpecs: [new NothingSpec()] })),
      EmptyBindingSpecError,
      'EMPTY_BINDING_SPEC',
      described(NothingSpec),
    );
  });

  it('UnknownScopeError: a provider method in a scope idToScope does not define names its binding', () => {
    class ClockSpec extends BindingSpec {
      @provides({ inScope: 'request' })
      provideClock() {
        return {};
      }
    }
    expectPinionError(
      errorOf(() => newObjectGraph({ classes: [], bindingSpecs: [new ClockSpec()] })),
      UnknownScopeError,
      'UNKNOWN_SCOPE',
      'unknown scope "request" in the binding "clock", provider method ClockSpec.provideClock',
    );
  });

  it('UnknownScopeError: a binding in a scope idToScope does not define', () => {
    for (const spec of [
      specConfiguring((bind) => bind('port').toClass(Port, { inScope: 'request' })),
      specConfiguring((bind) => bind('port').toProvider(() => 1, { inScope: 'request' })),
    ]) {
      expectPinionError(
        errorOf(() => newObjectGraph({ classes: [], bindingSpecs: [spec] })),
        UnknownScopeError,
        'UNKNOWN_SCOPE',
        'unknown scope "request"',
        'bind("port") at ',
      );
    }
  });

  it('OverridingDefaultScopeError: idToScope may not redefine SINGLETON or PROTOTYPE', () => {
    for (const id of [SINGLETON, PROTOTYPE]) {
      for (const idToScope of [{ [id]: new SingletonScope() }, new Map([[id, new SingletonScope()]])]) {
        // An option has no source location of its own: the message names where newObjectGraph was called.
        const error = expectPinionError(
          errorOf(() => newObjectGraph({ classes: [], idToScope })),
          OverridingDefaultScopeError,
          'OVERRIDING_DEFAULT_SCOPE',
          'idToScope',
          `default scope ${String(id)}`,
        );
        expect(error.scopeId).toBe(id);
      }
    }
  });

  it('InvalidBindingTargetError: toClass given a non-class, toProvider a non-function', () => {
    const cases: [(bind: Bind) => void, string][] = [
      [(bind) => bind('port').toClass(8080 as never), 'expected a class, got a number (8080)'],
      [(bind) => bind('port').toClass((() => Port) as never), 'expected a class, got an arrow function'],
      [(bind) => bind('port').toProvider('8080' as never), 'expected a function, got a string ("8080")'],
    ];
    for (const [configure, expected] of cases) {
      const error = expectPinionError(
        errorOf(() => newObjectGraph({ classes: [], bindingSpecs: [specConfiguring(configure)] })),
        InvalidBindingTargetError,
        'INVALID_BINDING_TARGET',
        '"port" cannot be bound at ',
        expected,
      );
      expect(error.location).toMatch(LOCATION);
    }
  });

  it('NoBindingTargetError: bind() never given a target', () => {
    const error = expectPinionError(
      errorOf(() => newObjectGraph({ classes: [], bindingSpecs: [specConfiguring((bind) => bind('port'))] })),
      NoBindingTargetError,
      'NO_BINDING_TARGET',
      'bind("port") at ',
    );
    expect(error.location).toMatch(LOCATION);
  });

  it('MultipleBindingTargetsError: one bind() given two targets', () => {
    const spec = specConfiguring((bind) => {
      const port = bind('port');
      port.toInstance(8080);
      port.toClass(Port);
    });
    expectPinionError(
      errorOf(() => newObjectGraph({ classes: [], bindingSpecs: [spec] })),
      MultipleBindingTargetsError,
      'MULTIPLE_BINDING_TARGETS',
      'bind("port") at ',
      'toInstance, toClass',
    );
  });

  describe('WrongArgTypeError / WrongArgElementTypeError for options of the wrong type (from JavaScript)', () => {
    // An option has no source location of its own. The message names the option (and, for an
    // element, its index), what was expected and what was given, and where newObjectGraph was called.
    class Spec extends BindingSpec {
      provideGreeting() {
        return 'hello';
      }
    }
    const wrongTypes: [string, ObjectGraphOptions, string, string][] = [
      ['classes', { classes: Port as never }, 'an array of classes', 'function Port'],
      ['modules', { modules: 'app' as never }, 'an array of module namespaces', 'a string ("app")'],
      ['bindingSpecs', { bindingSpecs: new Spec() as never }, 'an array of BindingSpec instances', 'an object (Spec)'],
      ['overridingSpecs', { overridingSpecs: {} as never }, 'an array of BindingSpec instances', 'an object (Object)'],
      ['onlyUseExplicitBindings', { onlyUseExplicitBindings: 'yes' as never }, 'a boolean', 'a string ("yes")'],
      ['allowInjectingNull', { allowInjectingNull: 1 as never }, 'a boolean', 'a number (1)'],
      ['getArgNamesFromClassName', { getArgNamesFromClassName: ['port'] as never }, 'a function', 'an array'],
      ['getArgNamesFromProviderFnName', { getArgNamesFromProviderFnName: null as never }, 'a function', 'null'],
      ['configureMethodName', { configureMethodName: 5 as never }, 'a method name', 'a number (5)'],
      ['dependenciesMethodName', { dependenciesMethodName: '' }, 'a method name', 'a string ("")'],
      ['idToScope', { idToScope: 'request' as never }, 'an object or Map of scopes', 'a string ("request")'],
      [
        'idToScope[request]',
        { idToScope: { request: {} as never } },
        'a scope (an object with a provide method)',
        'an object (Object)',
      ],
      ['isScopeUsableFromScope', { isScopeUsableFromScope: true as never }, 'a function', 'a boolean (true)'],
    ];
    it.each(wrongTypes)('WrongArgTypeError for %s', (option, options, expected, actual) => {
      const error = expectPinionError(
        errorOf(() => newObjectGraph({ classes: [], ...options })),
        WrongArgTypeError,
        'WRONG_ARG_TYPE',
        `wrong type for ${option} (given at `,
        `expected ${expected} but got ${actual}`,
      );
      expect(error.argName).toBe(option);
      expect(error.location).toMatch(LOCATION);
    });

    it('WrongArgTypeError for options that are not an object', () => {
      const error = expectPinionError(
        errorOf(() => newObjectGraph(42 as never)),
        WrongArgTypeError,
        'WRONG_ARG_TYPE',
        'newObjectGraph(options)',
        'expected an object but got a number (42)',
      );
      expect(error.argName).toBe('newObjectGraph(options)');
    });

    const wrongElements: [string, ObjectGraphOptions, number, string, string][] = [
      ['classes', { classes: [Port, 'Port' as never] }, 1, 'a class', 'a string ("Port")'],
      ['modules', { modules: [{}, {}, 7 as never] }, 2, 'a module namespace', 'a number (7)'],
      ['bindingSpecs', { bindingSpecs: [new Spec(), Spec as never] }, 1, 'a BindingSpec instance', 'function Spec'],
      ['overridingSpecs', { overridingSpecs: [null as never] }, 0, 'a BindingSpec instance', 'null'],
    ];
    it.each(wrongElements)(
      'WrongArgElementTypeError for an element of %s, naming its index',
      (option, options, index, expected, actual) => {
        const error = expectPinionError(
          errorOf(() => newObjectGraph({ classes: [], ...options })),
          WrongArgElementTypeError,
          'WRONG_ARG_ELEMENT_TYPE',
          `wrong type for element ${index} of ${option} (given at `,
          `expected ${expected} but got ${actual}`,
        );
        expect(error.argName).toBe(option);
        expect(error.index).toBe(index);
      },
    );

    it('naming options must return arrays of strings: the option and the name it was given are named', () => {
      expectPinionError(
        errorOf(() => newObjectGraph({ classes: [Port], getArgNamesFromClassName: () => 'port' as never })),
        WrongArgTypeError,
        'WRONG_ARG_TYPE',
        'wrong type for getArgNamesFromClassName("Port")',
        'expected an array of strings but got a string ("port")',
      );
      const element = expectPinionError(
        errorOf(() => newObjectGraph({ classes: [Port], getArgNamesFromClassName: () => ['port', 7 as never] })),
        WrongArgElementTypeError,
        'WRONG_ARG_ELEMENT_TYPE',
        'wrong type for element 1 of getArgNamesFromClassName("Port")',
        'expected a string but got a number (7)',
      );
      expect(element.index).toBe(1);
      expectPinionError(
        errorOf(() =>
          newObjectGraph({
            classes: [],
            bindingSpecs: [new Spec()],
            getArgNamesFromProviderFnName: () => undefined as never,
          }),
        ),
        WrongArgTypeError,
        'WRONG_ARG_TYPE',
        'wrong type for getArgNamesFromProviderFnName("provideGreeting")',
        'expected an array of strings but got undefined',
      );
    });

    it('WrongArgTypeError for arguments of provide(), get() and validate(), naming where they were called', () => {
      const graph = newObjectGraph({ classes: [] });
      expectPinionError(
        errorOf(() => graph.provide('Port' as never)),
        WrongArgTypeError,
        'WRONG_ARG_TYPE',
        'provide(cls) (given at ',
      );
      expectPinionError(
        errorOf(() => graph.get(Port as never)),
        WrongArgTypeError,
        'WRONG_ARG_TYPE',
        'get(name) (given at ',
      );
      expectPinionError(
        errorOf(() => graph.get('port', null as never)),
        WrongArgTypeError,
        'WRONG_ARG_TYPE',
        'get(name, options) (given at ',
      );
      expectPinionError(
        errorOf(() => graph.validate(Port as never)),
        WrongArgTypeError,
        'WRONG_ARG_TYPE',
        'validate(roots) (given at ',
      );
    });
  });
});

describe('errors raised while providing (provide() / get())', () => {
  it('NothingInjectableForArgError: no binding for an injected name, naming the parameter and its class', () => {
    class Mailer {
      constructor(readonly smtpHost: string) {}
    }
    // Lazy: the graph is created without complaint.
    const graph = newObjectGraph({ classes: [Mailer] });
    expectPinionError(
      errorOf(() => graph.provide(Mailer)),
      NothingInjectableForArgError,
      'NOTHING_INJECTABLE_FOR_ARG',
      `nothing injectable for "smtpHost", needed by parameter smtpHost of ${described(Mailer)}`,
    );
    // graph.get() is asked from no class: the message names the call and where it was made.
    expectPinionError(
      errorOf(() => graph.get('smtpHost')),
      NothingInjectableForArgError,
      'NOTHING_INJECTABLE_FOR_ARG',
      'nothing injectable for "smtpHost", needed by graph.get("smtpHost") at ',
    );
  });

  it('AmbiguousArgNameError: two classes of one derived name, naming both and the injection site', () => {
    const FirstCache = (() => {
      class Cache {}
      return Cache;
    })();
    const SecondCache = (() => {
      class Cache {}
      return Cache;
    })();
    class Repository {
      constructor(readonly cache: unknown) {}
    }
    const graph = newObjectGraph({ classes: [FirstCache, SecondCache, Repository] });
    const error = expectPinionError(
      errorOf(() => graph.provide(Repository)),
      AmbiguousArgNameError,
      'AMBIGUOUS_ARG_NAME',
      `parameter cache of ${described(Repository)}`,
      '"cache" ambiguously refers to any of',
    );
    expect(error.candidates).toEqual([`class Cache (${where(FirstCache)})`, `class Cache (${where(SecondCache)})`]);
  });

  it('CyclicInjectionError lists the whole path with each binding location (A → B → C → A)', () => {
    class A {
      constructor(readonly b: unknown) {}
    }
    class B {
      constructor(readonly c: unknown) {}
    }
    class C {
      constructor(readonly a: unknown) {}
    }
    const graph = newObjectGraph({ classes: [A, B, C] });
    const error = expectPinionError(
      errorOf(() => graph.provide(A)),
      CyclicInjectionError,
      'CYCLIC_INJECTION',
    );
    expect(error.path).toEqual([described(A), described(B), described(C), described(A)]);
    expect(error.bindingKeys).toEqual(['"a"', '"b"', '"c"', '"a"']);
    expect(error.message).toContain(
      [
        `"a": ${described(A)}, whose parameter b needs`,
        `"b": ${described(B)}, whose parameter c needs`,
        `"c": ${described(C)}, whose parameter a needs`,
        `"a": ${described(A)}`,
      ].join('\n  '),
    );
    expect(error.message).toContain(`in ${described(C)}, take the parameter provideA instead of a`);
    // Entering the cycle elsewhere names the path from there.
    const fromB = errorOf(() => graph.get('b')) as CyclicInjectionError;
    expect(fromB).toBeInstanceOf(CyclicInjectionError);
    expect(fromB.path).toEqual([described(B), described(C), described(A), described(B)]);
  });

  it('CyclicInjectionError through a provider function called while its requester is being built', () => {
    class Parent {
      readonly child: unknown;
      constructor(provideChild: () => unknown) {
        this.child = provideChild();
      }
    }
    class Child {
      constructor(readonly parent: Parent) {}
    }
    const error = expectPinionError(
      errorOf(() => newObjectGraph({ classes: [Parent, Child] }).provide(Parent)),
      CyclicInjectionError,
      'CYCLIC_INJECTION',
    );
    expect(error.path).toEqual([described(Parent), described(Child), described(Parent)]);
  });

  it('BadDependencyScopeError: isScopeUsableFromScope refuses an edge, naming the key, both scopes and the site', () => {
    class Session {}
    class Controller {
      constructor(readonly session: Session) {}
    }
    const spec = specConfiguring((bind) => bind('session').toClass(Session, { inScope: PROTOTYPE }));
    const graph = newObjectGraph({
      classes: [Controller],
      bindingSpecs: [spec],
      isScopeUsableFromScope: (inner, outer) => !(inner === PROTOTYPE && outer === SINGLETON),
    });
    expectPinionError(
      errorOf(() => graph.provide(Controller)),
      BadDependencyScopeError,
      'BAD_DEPENDENCY_SCOPE',
      `when injecting parameter session of ${described(Controller)}`,
      '"session" is in scope "prototype", which is not usable from scope "singleton"',
    );
    // The root's own edge, from UNSCOPED, is checked too; the message names where provide() was called.
    const strict = newObjectGraph({
      classes: [Session],
      isScopeUsableFromScope: (_inner, outer) => outer !== UNSCOPED,
    });
    expectPinionError(
      errorOf(() => strict.provide(Session)),
      BadDependencyScopeError,
      'BAD_DEPENDENCY_SCOPE',
      'when injecting graph.provide(Session) at ',
      '"session" is in scope "singleton", which is not usable from scope "unscoped"',
    );
  });

  it('InjectingNullDisallowedError: a provider method, a toProvider function or toInstance giving null or undefined', () => {
    class NullSpec extends BindingSpec {
      configure(bind: Bind) {
        bind('token').toProvider(() => undefined);
        bind('proxy').toInstance(null);
      }
      provideClock() {
        return null;
      }
    }
    class Service {
      constructor(readonly clock: unknown) {}
    }
    const graph = newObjectGraph({ classes: [Service], bindingSpecs: [new NullSpec()] });
    expectPinionError(
      errorOf(() => graph.provide(Service)),
      InjectingNullDisallowedError,
      'INJECTING_NULL_DISALLOWED',
      `cannot inject null for "clock" (from provider method NullSpec.provideClock (${where(NullSpec)}))`,
      'allowInjectingNull',
    );
    expectPinionError(
      errorOf(() => graph.get('token')),
      InjectingNullDisallowedError,
      'INJECTING_NULL_DISALLOWED',
      'cannot inject undefined for "token" (from bind("token") at ',
    );
    expectPinionError(
      errorOf(() => graph.get('proxy')),
      InjectingNullDisallowedError,
      'INJECTING_NULL_DISALLOWED',
      'cannot inject null for "proxy" (from bind("proxy") at ',
    );
  });

  it('NonExplicitlyBoundClassError: provide() of a class not marked @inject under onlyUseExplicitBindings', () => {
    class Plain {}
    const graph = newObjectGraph({ classes: [Plain], onlyUseExplicitBindings: true });
    expectPinionError(
      errorOf(() => graph.provide(Plain)),
      NonExplicitlyBoundClassError,
      'NON_EXPLICITLY_BOUND_CLASS',
      `cannot provide ${described(Plain)}`,
      'onlyUseExplicitBindings',
    );
  });

  it('OnlyInstantiableViaProviderFunctionError: a partially injected class injected directly', () => {
    class Palette {}
    @inject({ argNames: ['palette'] })
    class Widget {
      constructor(
        readonly palette: Palette,
        readonly size: number,
      ) {}
    }
    class Toolbar {
      constructor(readonly widget: Widget) {}
    }
    const graph = newObjectGraph({ classes: [Palette, Widget, Toolbar] });
    const error = expectPinionError(
      errorOf(() => graph.provide(Toolbar)),
      OnlyInstantiableViaProviderFunctionError,
      'ONLY_INSTANTIABLE_VIA_PROVIDER_FUNCTION',
      described(Widget),
      `needed by parameter widget of ${described(Toolbar)}`,
    );
    expect(error.directParams).toEqual(['size']);
  });

  it('DirectlyPassingInjectedArgsError: a provider function given more arguments than there are parameters left to the caller', () => {
    class Palette {}
    @inject({ argNames: ['palette'] })
    class Widget {
      constructor(
        readonly palette: Palette,
        readonly size: number,
      ) {}
    }
    class GreetingSpec extends BindingSpec {
      provideGreeting(name: string) {
        return `hello ${name}`;
      }
      provideName() {
        return 'Ada';
      }
    }
    class Toolbar {
      constructor(
        readonly provideWidget: (...args: unknown[]) => Widget,
        readonly providePalette: (...args: unknown[]) => Palette,
        readonly provideGreeting: (...args: unknown[]) => string,
      ) {}
    }
    const toolbar = newObjectGraph({ classes: [Palette, Widget, Toolbar], bindingSpecs: [new GreetingSpec()] }).provide(
      Toolbar,
    );
    expect(toolbar.provideWidget(3).size).toBe(3);
    const widget = expectPinionError(
      errorOf(() => toolbar.provideWidget(3, new Palette())),
      DirectlyPassingInjectedArgsError,
      'DIRECTLY_PASSING_INJECTED_ARGS',
      described(Widget),
      'injected parameters palette',
    );
    expect(widget.injectedParams).toEqual(['palette']);
    // Fully injected bindings take no direct arguments at all.
    expectPinionError(
      errorOf(() => toolbar.providePalette('red')),
      DirectlyPassingInjectedArgsError,
      'DIRECTLY_PASSING_INJECTED_ARGS',
      described(Palette),
    );
    expectPinionError(
      errorOf(() => toolbar.provideGreeting('Grace')),
      DirectlyPassingInjectedArgsError,
      'DIRECTLY_PASSING_INJECTED_ARGS',
      `provider method GreetingSpec.provideGreeting (${where(GreetingSpec)})`,
      'injected parameters name',
    );
  });

  it('MissingMetadataError: a class with constructor parameters the transformer never saw', () => {
    // Built at run time, so no transformer sees it: it has parameters but no names for them.
    type LegacyClass = new (db: unknown) => unknown;
    const Legacy = new Function('return class Legacy { constructor(db) { this.db = db; } }')() as LegacyClass;
    expect(getClassMetadata(Legacy)).toBeUndefined();
    class Signup {
      constructor(readonly legacy: unknown) {}
    }
    const graph = newObjectGraph({ classes: [Legacy, Signup] });
    const error = expectPinionError(
      errorOf(() => graph.provide(Signup)),
      MissingMetadataError,
      'MISSING_METADATA',
      'class Legacy',
      `needed by parameter legacy of ${described(Signup)}`,
      'transformer is not configured',
      'pinionVite() from @pinion/transformer/vite',
      'node --import @pinion/transformer/register',
      '@pinion/transformer/jest',
      '`pinion-annotate <outDir>`',
      'static inject',
    );
    expect(error.cls).toBe('class Legacy (unknown location)');
    // Provided directly, the message names the provide() call and where it was made.
    expectPinionError(
      errorOf(() => graph.provide(Legacy)),
      MissingMetadataError,
      'MISSING_METADATA',
      'needed by graph.provide(Legacy) at ',
    );
  });

  it('UninjectableParameterError: a destructured constructor parameter, naming its position, class and requester', () => {
    class Scheduler {
      constructor(
        readonly clock: unknown,
        { interval }: { interval: number },
      ) {
        void interval;
      }
    }
    class Tuple {
      constructor([first]: number[]) {
        void first;
      }
    }
    class Cron {
      constructor(readonly scheduler: Scheduler) {}
    }
    class Clock {}
    const graph = newObjectGraph({ classes: [Scheduler, Tuple, Cron, Clock] });
    const error = expectPinionError(
      errorOf(() => graph.provide(Cron)),
      UninjectableParameterError,
      'UNINJECTABLE_PARAMETER',
      `parameter 2 of ${described(Scheduler)}, needed by parameter scheduler of ${described(Cron)}, is destructured`,
    );
    expect(error.position).toBe(1);
    expectPinionError(
      errorOf(() => graph.provide(Tuple)),
      UninjectableParameterError,
      'UNINJECTABLE_PARAMETER',
      `parameter 1 of ${described(Tuple)}, needed by graph.provide(Tuple) at `,
    );
  });
});

describe('validate()', () => {
  it('reports all problems at once in one GraphValidationError, each its own Pinion error, constructing nothing', () => {
    const constructed: string[] = [];
    // Missing binding.
    class Mailer {
      constructor(readonly smtpHost: string) {
        constructed.push('Mailer');
      }
    }
    // Ambiguity.
    const FirstCache = (() => {
      class Cache {
        constructor() {
          constructed.push('Cache');
        }
      }
      return Cache;
    })();
    const SecondCache = (() => {
      class Cache {
        constructor() {
          constructed.push('Cache');
        }
      }
      return Cache;
    })();
    class Repository {
      constructor(readonly cache: unknown) {
        constructed.push('Repository');
      }
    }
    // Cycle.
    class Chicken {
      constructor(readonly egg: unknown) {
        constructed.push('Chicken');
      }
    }
    class Egg {
      constructor(readonly chicken: Chicken) {
        constructed.push('Egg');
      }
    }
    // Scope violation: a prototype injected into a singleton.
    class Session {
      constructor() {
        constructed.push('Session');
      }
    }
    class Controller {
      constructor(readonly session: Session) {
        constructed.push('Controller');
      }
    }
    // Uninjectable destructured parameter.
    class Settings {
      constructor({ verbose }: { verbose: boolean }) {
        constructed.push(`Settings ${verbose}`);
      }
    }
    class Healthy {
      constructor() {
        constructed.push('Healthy');
      }
    }
    class SessionSpec extends BindingSpec {
      configure(bind: Bind) {
        bind('session').toClass(Session, { inScope: PROTOTYPE });
      }
      provideGreeting(name: string) {
        constructed.push(`greeting ${name}`);
        return name;
      }
    }
    const graph = newObjectGraph({
      classes: [Mailer, FirstCache, SecondCache, Repository, Chicken, Egg, Controller, Settings, Healthy],
      bindingSpecs: [new SessionSpec()],
      isScopeUsableFromScope: (inner, outer) => !(inner === PROTOTYPE && outer === SINGLETON),
    });

    const error = expectPinionError(
      errorOf(() => graph.validate()),
      GraphValidationError,
      'GRAPH_VALIDATION',
    );
    expect(constructed).toEqual([]);
    for (const problem of error.problems) {
      expect(problem).toBeInstanceOf(PinionError);
      expect(problem.message).toMatch(LOCATION);
      expect(error.message).toContain(problem.code);
    }
    const ofClass = <E extends PinionError>(errorClass: PinionErrorClass<E>) =>
      error.problems.filter((problem): problem is E => problem instanceof errorClass);

    // The explicit provider method's missing "name", and Mailer's missing "smtpHost".
    expect(ofClass(NothingInjectableForArgError).map((p) => p.message)).toEqual(
      expect.arrayContaining([
        expect.stringContaining(
          `"name", needed by parameter name of provider method SessionSpec.provideGreeting (${where(SessionSpec)})`,
        ),
        expect.stringContaining(`"smtpHost", needed by parameter smtpHost of ${described(Mailer)}`),
      ]),
    );
    expect(ofClass(AmbiguousArgNameError)).toHaveLength(1);
    expect(ofClass(AmbiguousArgNameError)[0].candidates).toEqual([
      `class Cache (${where(FirstCache)})`,
      `class Cache (${where(SecondCache)})`,
    ]);
    expect(ofClass(CyclicInjectionError).map((p) => p.path)).toContainEqual([
      described(Chicken),
      described(Egg),
      described(Chicken),
    ]);
    expect(ofClass(BadDependencyScopeError)).toHaveLength(1);
    expect(ofClass(BadDependencyScopeError)[0].message).toContain(`parameter session of ${described(Controller)}`);
    expect(ofClass(UninjectableParameterError)).toHaveLength(1);
    expect(ofClass(UninjectableParameterError)[0].message).toContain(
      `parameter 1 of ${described(Settings)}, needed by graph.provide(Settings)`,
    );
    expect(error.problems.some((problem) => problem.message.includes('Healthy'))).toBe(false);
    expect(error.message).toContain(`${error.problems.length} problems`);

    // validate() built nothing, and the graph still works for what is sound.
    expect(constructed).toEqual([]);
    expect(graph.provide(Healthy)).toBeInstanceOf(Healthy);
  });

  it('checks only the given roots (and every explicit binding), and passes when they are sound', () => {
    class Healthy {}
    class Broken {
      constructor(readonly missing: unknown) {}
    }
    const graph = newObjectGraph({ classes: [Healthy, Broken] });
    expect(() => graph.validate([Healthy])).not.toThrow();
    const error = expectPinionError(
      errorOf(() => graph.validate([Broken])),
      GraphValidationError,
      'GRAPH_VALIDATION',
      '1 problem:',
    );
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toBeInstanceOf(NothingInjectableForArgError);
  });
});

describe("the user's own exceptions propagate unchanged (the same object, never a Pinion error)", () => {
  const failure = new Error('disk on fire');

  it('from a constructor, also deep in a chain', () => {
    class Disk {
      constructor() {
        throw failure;
      }
    }
    class Volume {
      constructor(readonly disk: Disk) {}
    }
    class Backup {
      constructor(readonly volume: Volume) {}
    }
    const graph = newObjectGraph({ classes: [Disk, Volume, Backup] });
    expect(errorOf(() => graph.provide(Backup))).toBe(failure);
    expect(errorOf(() => graph.provide(Disk))).toBe(failure);
    expect(errorOf(() => graph.get('volume'))).toBe(failure);
  });

  it('from a provider method', () => {
    class DiskSpec extends BindingSpec {
      provideDisk() {
        throw failure;
      }
    }
    class Volume {
      constructor(readonly disk: unknown) {}
    }
    const graph = newObjectGraph({ classes: [Volume], bindingSpecs: [new DiskSpec()] });
    expect(errorOf(() => graph.provide(Volume))).toBe(failure);
    expect(errorOf(() => graph.get('disk'))).toBe(failure);
  });

  it('from a toProvider function', () => {
    const spec = specConfiguring((bind) =>
      bind('disk').toProvider(() => {
        throw failure;
      }),
    );
    class Volume {
      constructor(readonly disk: unknown) {}
    }
    const graph = newObjectGraph({ classes: [Volume], bindingSpecs: [spec] });
    expect(errorOf(() => graph.provide(Volume))).toBe(failure);
    expect(errorOf(() => graph.get('disk'))).toBe(failure);
  });

  it('through a provider function, and non-Error values too', () => {
    const thrown = { reason: 'not an Error' };
    class Disk {
      constructor() {
        throw thrown;
      }
    }
    class Volume {
      constructor(readonly provideDisk: () => Disk) {}
    }
    const volume = newObjectGraph({ classes: [Disk, Volume] }).provide(Volume);
    expect(errorOf(() => volume.provideDisk())).toBe(thrown);
  });
});
