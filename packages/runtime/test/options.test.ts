import {
  AmbiguousArgNameError,
  type AnyClass,
  annotateArg,
  BadDependencyScopeError,
  type Bind,
  type BindingKey,
  BindingSpec,
  ConflictingExplicitBindingsError,
  EmptyBindingSpecError,
  InjectingNullDisallowedError,
  inject,
  NonExplicitlyBoundClassError,
  NoSuchArgToInjectError,
  NothingInjectableForArgError,
  newObjectGraph,
  OverridingDefaultScopeError,
  PROTOTYPE,
  type Scope,
  type ScopeId,
  SINGLETON,
  UNSCOPED,
  UnknownScopeError,
} from '@pinion/runtime';
import { expectPinionError, expectPinionErrorNaming } from './support/assertions.js';
import * as mailModule from './support/options-module.js';

// Module-level classes of this file: the default `classes` finds them.
class Engine {}
class Car {
  constructor(readonly engine: Engine) {}
}

/** A place in this package's test files, as Pinion's messages give it. */

/** A scope that keeps one object per binding key, and records every key it is asked for. */
class RecordingScope implements Scope {
  readonly requested: BindingKey[] = [];
  private readonly objects = new Map<string, unknown>();

  provide<T>(bindingKey: BindingKey, createFn: () => T): T {
    this.requested.push(bindingKey);
    const id = bindingKey.toString();
    if (!this.objects.has(id)) this.objects.set(id, createFn());
    return this.objects.get(id) as T;
  }
}

describe('SPEC §4 newObjectGraph options', () => {
  describe('classes', () => {
    it('defaults to every module-level class whose module has loaded, this file included', () => {
      const graph = newObjectGraph();

      const car = graph.provide(Car);

      expect(car.engine).toBeInstanceOf(Engine);
      expect(graph.get('engine')).toBe(car.engine);
      // The classes of an imported module are loaded too.
      expect(graph.get('mailer')).toBeInstanceOf(mailModule.Mailer);
    });

    it('does not find classes declared inside functions by default', () => {
      class LocalOnly {}
      const graph = newObjectGraph();

      expectPinionErrorNaming(
        () => graph.get('localOnly'),
        NothingInjectableForArgError,
        'NOTHING_INJECTABLE_FOR_ARG',
        '"localOnly"',
      );
      expect(graph.provide(LocalOnly)).toBeInstanceOf(LocalOnly);
    });

    it('gives implicit bindings to exactly the classes passed', () => {
      class Wheel {}
      class Bike {
        constructor(readonly wheel: Wheel) {}
      }
      const graph = newObjectGraph({ classes: [Wheel, Bike] });

      expect(graph.provide(Bike).wheel).toBeInstanceOf(Wheel);
      expectPinionError(
        () => graph.provide(Car),
        NothingInjectableForArgError,
        'NOTHING_INJECTABLE_FOR_ARG',
        '"engine"',
        'parameter engine of class Car (test/options.test.ts:',
      );
    });
  });

  describe('classes and modules together', () => {
    it('count a class listed twice, or both listed and exported by a module, once', () => {
      class Wheel {}
      @inject()
      class Frame {}
      const graph = newObjectGraph({ classes: [Wheel, Wheel, Frame, Frame, mailModule.Mailer], modules: [mailModule] });

      expect(graph.get('wheel')).toBeInstanceOf(Wheel);
      expect(graph.get('frame')).toBeInstanceOf(Frame);
      expect(graph.get('mailer')).toBeInstanceOf(mailModule.Mailer);
    });
  });

  describe('modules', () => {
    it("binds the exported classes of module namespace objects, and nothing else of the module's", () => {
      const graph = newObjectGraph({ modules: [mailModule] });

      const mailer = graph.provide(mailModule.Mailer);

      expect(mailer.templates).toBeInstanceOf(mailModule.Templates);
      expect(graph.get('mailer')).toBe(mailer);
      expect(graph.get('defaultExportedClock')).toBeInstanceOf(mailModule.default);
      for (const name of ['unexportedHelper', 'notAClass', 'notAClassEither']) {
        expectPinionErrorNaming(
          () => graph.get(name),
          NothingInjectableForArgError,
          'NOTHING_INJECTABLE_FOR_ARG',
          `"${name}"`,
        );
      }
      // Given modules, the default class list is not used: this file's classes are not bound.
      expectPinionErrorNaming(
        () => graph.get('engine'),
        NothingInjectableForArgError,
        'NOTHING_INJECTABLE_FOR_ARG',
        '"engine"',
      );
    });

    it('adds the classes of the modules to `classes`', () => {
      class Outbox {
        constructor(readonly mailer: mailModule.Mailer) {}
      }
      const graph = newObjectGraph({ classes: [Outbox], modules: [mailModule] });

      const outbox = graph.provide(Outbox);

      expect(outbox.mailer).toBeInstanceOf(mailModule.Mailer);
      expect(outbox.mailer.templates).toBeInstanceOf(mailModule.Templates);
    });
  });

  describe('bindingSpecs', () => {
    it('adds the bindings of the given specs', () => {
      class Server {
        constructor(readonly port: number) {}
      }
      class Spec extends BindingSpec {
        configure(bind: Bind) {
          bind('port').toInstance(8080);
        }
      }

      const graph = newObjectGraph({ classes: [Server], bindingSpecs: [new Spec()] });

      expect(graph.provide(Server).port).toBe(8080);
    });

    it('defaults to no specs', () => {
      class Server {
        constructor(readonly port: number) {}
      }
      const graph = newObjectGraph({ classes: [Server] });

      expectPinionError(
        () => graph.provide(Server),
        NothingInjectableForArgError,
        'NOTHING_INJECTABLE_FOR_ARG',
        '"port"',
        'class Server (test/options.test.ts:',
      );
    });
  });

  describe('onlyUseExplicitBindings', () => {
    class Implicit {}
    @inject()
    class Explicit {}
    @inject()
    class NeedsImplicit {
      constructor(readonly implicit: Implicit) {}
    }
    class Spec extends BindingSpec {
      configure(bind: Bind) {
        bind('port').toInstance(8080);
      }
    }
    const graph = () =>
      newObjectGraph({
        classes: [Implicit, Explicit, NeedsImplicit],
        bindingSpecs: [new Spec()],
        onlyUseExplicitBindings: true,
      });

    it('gives classes no implicit binding', () => {
      expectPinionErrorNaming(
        () => graph().get('implicit'),
        NothingInjectableForArgError,
        'NOTHING_INJECTABLE_FOR_ARG',
        '"implicit"',
      );
      expectPinionError(
        () => graph().provide(NeedsImplicit),
        NothingInjectableForArgError,
        'NOTHING_INJECTABLE_FOR_ARG',
        '"implicit"',
        'class NeedsImplicit (test/options.test.ts:',
      );
    });

    it('still binds @inject classes and the bindings of specs', () => {
      const g = graph();

      expect(g.get('explicit')).toBeInstanceOf(Explicit);
      expect(g.provide(Explicit)).toBe(g.get('explicit'));
      expect(g.get('port')).toBe(8080);
    });

    it('refuses to provide a class not marked @inject with NonExplicitlyBoundClassError', () => {
      expectPinionError(
        () => graph().provide(Implicit),
        NonExplicitlyBoundClassError,
        'NON_EXPLICITLY_BOUND_CLASS',
        'class Implicit (test/options.test.ts:',
      );
    });

    it('defaults to false: every class gets an implicit binding and can be provided', () => {
      const g = newObjectGraph({ classes: [Implicit, Explicit] });

      expect(g.get('implicit')).toBeInstanceOf(Implicit);
      expect(g.provide(Implicit)).toBe(g.get('implicit'));
    });
  });

  describe('allowInjectingNull', () => {
    class Consumer {
      constructor(readonly maybe: unknown) {}
    }
    class NullProviderSpec extends BindingSpec {
      provideMaybe() {
        return null;
      }
    }
    class UndefinedProviderSpec extends BindingSpec {
      configure(bind: Bind) {
        bind('maybe').toProvider(() => undefined);
      }
    }
    class NullInstanceSpec extends BindingSpec {
      configure(bind: Bind) {
        bind('maybe').toInstance(null);
      }
    }

    it('raises InjectingNullDisallowedError, naming the binding and its provider, when a provider gives null', () => {
      const graph = newObjectGraph({ classes: [Consumer], bindingSpecs: [new NullProviderSpec()] });

      expectPinionError(
        () => graph.provide(Consumer),
        InjectingNullDisallowedError,
        'INJECTING_NULL_DISALLOWED',
        'null',
        '"maybe"',
        'NullProviderSpec.provideMaybe (test/options.test.ts:',
      );
    });

    it('raises it too for undefined from toProvider and for toInstance(null)', () => {
      const fromProvider = newObjectGraph({ classes: [Consumer], bindingSpecs: [new UndefinedProviderSpec()] });
      const fromInstance = newObjectGraph({ classes: [Consumer], bindingSpecs: [new NullInstanceSpec()] });

      expectPinionError(
        () => fromProvider.provide(Consumer),
        InjectingNullDisallowedError,
        'INJECTING_NULL_DISALLOWED',
        'undefined',
        'bind("maybe")',
      );
      expectPinionError(
        () => fromInstance.get('maybe'),
        InjectingNullDisallowedError,
        'INJECTING_NULL_DISALLOWED',
        'null',
        'bind("maybe")',
      );
    });

    it('lets null and undefined through when set', () => {
      const cases: [BindingSpec, null | undefined][] = [
        [new NullProviderSpec(), null],
        [new UndefinedProviderSpec(), undefined],
        [new NullInstanceSpec(), null],
      ];
      for (const [spec, expected] of cases) {
        const graph = newObjectGraph({ classes: [Consumer], bindingSpecs: [spec], allowInjectingNull: true });

        const consumer = graph.provide(Consumer);

        expect(consumer.maybe).toBe(expected);
      }
    });
  });

  describe('getArgNamesFromClassName', () => {
    it('replaces the class-name rule', () => {
      class Engine {}
      const graph = newObjectGraph({ classes: [Engine], getArgNamesFromClassName: (name) => [`my${name}`] });

      expect(graph.get('myEngine')).toBeInstanceOf(Engine);
      expectPinionErrorNaming(
        () => graph.get('engine'),
        NothingInjectableForArgError,
        'NOTHING_INJECTABLE_FOR_ARG',
        '"engine"',
      );
    });
  });

  describe('getArgNamesFromProviderFnName', () => {
    it('replaces the provider-method-name rule', () => {
      class Spec extends BindingSpec {
        port() {
          return 8080;
        }
        providePort() {
          return 1;
        }
      }
      const graph = newObjectGraph({
        classes: [],
        bindingSpecs: [new Spec()],
        getArgNamesFromProviderFnName: (name) => (name === 'port' ? ['port'] : []),
      });

      expect(graph.get('port')).toBe(8080);
    });
  });

  describe('configureMethodName and dependenciesMethodName', () => {
    class DependencySpec extends BindingSpec {
      setUp(bind: Bind) {
        bind('fromDependency').toInstance('dependency configured');
      }
      configure() {
        throw new Error('configure() must not be called when configureMethodName is setUp');
      }
    }
    class MainSpec extends BindingSpec {
      setUp(bind: Bind) {
        bind('fromMain').toInstance('main configured');
      }
      children() {
        return [new DependencySpec()];
      }
      configure() {
        throw new Error('configure() must not be called when configureMethodName is setUp');
      }
      dependencies(): BindingSpec[] {
        throw new Error('dependencies() must not be called when dependenciesMethodName is children');
      }
    }

    it('calls the methods of the custom names, and ignores the default ones', () => {
      const graph = newObjectGraph({
        classes: [],
        bindingSpecs: [new MainSpec()],
        configureMethodName: 'setUp',
        dependenciesMethodName: 'children',
      });

      expect(graph.get('fromMain')).toBe('main configured');
      expect(graph.get('fromDependency')).toBe('dependency configured');
    });

    it('counts a spec with only a default-named configure() as empty', () => {
      class OnlyConfigure extends BindingSpec {
        configure(bind: Bind) {
          bind('x').toInstance(1);
        }
      }

      expectPinionError(
        () => newObjectGraph({ classes: [], bindingSpecs: [new OnlyConfigure()], configureMethodName: 'setUp' }),
        EmptyBindingSpecError,
        'EMPTY_BINDING_SPEC',
        'class OnlyConfigure (test/options.test.ts:',
      );
    });
  });

  describe('idToScope', () => {
    class ScopedSpec extends BindingSpec {
      constructor(private readonly scopeId: ScopeId) {
        super();
      }
      configure(bind: Bind) {
        bind('session').toProvider(() => ({ id: Math.random() }), { inScope: this.scopeId });
      }
    }

    function expectScopeUsed(
      scopeId: ScopeId,
      scope: RecordingScope,
      idToScope: Record<string | symbol, Scope> | Map<ScopeId, Scope>,
    ) {
      const graph = newObjectGraph({ classes: [], bindingSpecs: [new ScopedSpec(scopeId)], idToScope });

      const first = graph.get('session');
      const second = graph.get('session');

      expect(second).toBe(first);
      expect(scope.requested).toHaveLength(2);
      expect(scope.requested.map((key) => [key.name, key.annotation, key.toString()])).toEqual([
        ['session', undefined, '"session"'],
        ['session', undefined, '"session"'],
      ]);
    }

    it('takes custom scopes as a Record', () => {
      const scope = new RecordingScope();
      expectScopeUsed('request', scope, { request: scope });
    });

    it('takes custom scopes as a Map', () => {
      const scope = new RecordingScope();
      expectScopeUsed('request', scope, new Map([['request', scope]]));
    });

    it('takes symbol scope ids, in a Record and in a Map', () => {
      const REQUEST = Symbol('request');
      const inRecord = new RecordingScope();
      expectScopeUsed(REQUEST, inRecord, { [REQUEST]: inRecord });
      const inMap = new RecordingScope();
      expectScopeUsed(REQUEST, inMap, new Map([[REQUEST, inMap]]));
    });

    it('refuses, at graph creation, a binding in a scope it does not define', () => {
      expectPinionError(
        () => newObjectGraph({ classes: [], bindingSpecs: [new ScopedSpec('request')] }),
        UnknownScopeError,
        'UNKNOWN_SCOPE',
        '"request"',
        'bind("session")',
      );
    });

    it('may not redefine SINGLETON or PROTOTYPE', () => {
      for (const id of [SINGLETON, PROTOTYPE]) {
        // The message names the scope and where newObjectGraph was called.
        expectPinionError(
          () => newObjectGraph({ classes: [], idToScope: { [id]: new RecordingScope() } }),
          OverridingDefaultScopeError,
          'OVERRIDING_DEFAULT_SCOPE',
          `default scope ${String(id)}`,
        );
        expectPinionError(
          () => newObjectGraph({ classes: [], idToScope: new Map([[id, new RecordingScope()]]) }),
          OverridingDefaultScopeError,
          'OVERRIDING_DEFAULT_SCOPE',
          `default scope ${String(id)}`,
        );
      }
    });
  });

  describe('isScopeUsableFromScope', () => {
    class Leaf {}
    class Temporary {}
    class Root {
      constructor(
        readonly leaf: Leaf,
        readonly temporary: Temporary,
      ) {}
    }
    class Unbound {
      constructor(readonly leaf: Leaf) {}
    }
    class Spec extends BindingSpec {
      configure(bind: Bind) {
        bind('temporary').toClass(Temporary, { inScope: PROTOTYPE });
      }
    }

    it('is asked (inner, outer) for every edge walked, the root edge from UNSCOPED included', () => {
      const edges: [ScopeId, ScopeId][] = [];
      const graph = newObjectGraph({
        classes: [Leaf, Root],
        bindingSpecs: [new Spec()],
        isScopeUsableFromScope: (inner, outer) => {
          edges.push([inner, outer]);
          return true;
        },
      });

      graph.provide(Root);

      expect(edges).toEqual(
        expect.arrayContaining([
          [SINGLETON, UNSCOPED],
          [SINGLETON, SINGLETON],
          [PROTOTYPE, SINGLETON],
        ]),
      );
    });

    it('checks the direct dependencies of a class built directly against UNSCOPED', () => {
      const edges: [ScopeId, ScopeId][] = [];
      const graph = newObjectGraph({
        classes: [Leaf],
        isScopeUsableFromScope: (inner, outer) => {
          edges.push([inner, outer]);
          return true;
        },
      });

      graph.provide(Unbound);

      expect(edges).toEqual([[SINGLETON, UNSCOPED]]);
    });

    it('raises BadDependencyScopeError, naming the binding, both scopes and the injection site, when it says no', () => {
      const graph = newObjectGraph({
        classes: [Leaf, Root],
        bindingSpecs: [new Spec()],
        isScopeUsableFromScope: (inner, outer) => !(inner === PROTOTYPE && outer === SINGLETON),
      });

      expectPinionError(
        () => graph.provide(Root),
        BadDependencyScopeError,
        'BAD_DEPENDENCY_SCOPE',
        '"temporary"',
        '"prototype"',
        '"singleton"',
        'parameter temporary of class Root (test/options.test.ts:',
      );
      expect(graph.get('leaf')).toBeInstanceOf(Leaf);
    });

    it('defaults to allowing every edge', () => {
      const graph = newObjectGraph({ classes: [Leaf, Root], bindingSpecs: [new Spec()] });

      expect(graph.provide(Root).temporary).toBeInstanceOf(Temporary);
    });
  });

  describe('overridingSpecs', () => {
    class Db {}
    class FakeDb {}
    @inject()
    class Cache {}
    class FakeCache {}
    class Service {
      constructor(
        readonly db: Db,
        readonly cache: Cache,
        readonly port: number,
        readonly clock: string,
      ) {}
    }
    class AppSpec extends BindingSpec {
      configure(bind: Bind) {
        bind('port').toInstance(8080);
      }
      provideClock() {
        return 'system clock';
      }
    }
    class TestSpec extends BindingSpec {
      configure(bind: Bind) {
        bind('port').toInstance(0);
        bind('db').toClass(FakeDb);
        bind('cache').toClass(FakeCache);
      }
      provideClock() {
        return 'fake clock';
      }
    }
    const classes = [Db, FakeDb, Cache, FakeCache, Service];

    it('replaces explicit and implicit bindings of the same key, without ConflictingExplicitBindingsError', () => {
      const graph = newObjectGraph({ classes, bindingSpecs: [new AppSpec()], overridingSpecs: [new TestSpec()] });

      const service = graph.provide(Service);

      expect(service.port).toBe(0);
      expect(service.clock).toBe('fake clock');
      expect(service.db).toBeInstanceOf(FakeDb);
      expect(service.cache).toBeInstanceOf(FakeCache);
    });

    it('is what makes the same bindings legal: as a regular spec they conflict', () => {
      expectPinionError(
        () => newObjectGraph({ classes, bindingSpecs: [new AppSpec(), new TestSpec()] }),
        ConflictingExplicitBindingsError,
        'CONFLICTING_EXPLICIT_BINDINGS',
        '"port"',
        'bind("port") at ',
      );
    });

    it('replaces an ambiguous implicit key too', () => {
      const FirstDb = class Db {};
      const SecondDb = class Db {};
      class Override extends BindingSpec {
        configure(bind: Bind) {
          bind('db').toClass(FakeDb);
        }
      }
      const graph = newObjectGraph({ classes: [FirstDb, SecondDb], overridingSpecs: [new Override()] });

      expect(graph.get('db')).toBeInstanceOf(FakeDb);
    });

    it('still refuses two overriding bindings of one key', () => {
      class OtherTestSpec extends BindingSpec {
        configure(bind: Bind) {
          bind('port').toInstance(1);
        }
      }

      expectPinionError(
        () => newObjectGraph({ classes, overridingSpecs: [new TestSpec(), new OtherTestSpec()] }),
        ConflictingExplicitBindingsError,
        'CONFLICTING_EXPLICIT_BINDINGS',
        '"port"',
      );
    });
  });

  describe('each graph', () => {
    it('has its own singletons', () => {
      let provided = 0;
      class Shared {}
      class Spec extends BindingSpec {
        configure(bind: Bind) {
          bind('sharedAlias').toClass(Shared);
        }
        provideCounter() {
          provided++;
          return { provided };
        }
      }
      const options = { classes: [Shared], bindingSpecs: [new Spec()] };
      const first = newObjectGraph(options);
      const second = newObjectGraph(options);

      expect(first.get('shared')).not.toBe(second.get('shared'));
      expect(first.get('sharedAlias')).not.toBe(second.get('sharedAlias'));
      expect(first.get('counter')).not.toBe(second.get('counter'));
      expect(first.get('counter')).toBe(first.get('counter'));
      expect(provided).toBe(2);
      const defaultFirst = newObjectGraph();
      const defaultSecond = newObjectGraph();
      expect(defaultFirst.provide(Car)).toBe(defaultFirst.provide(Car));
      expect(defaultFirst.provide(Car)).not.toBe(defaultSecond.provide(Car));
    });
  });

  // Graphs built from one `classes` array share the bindings derived from it while the array holds
  // the same classes: none of that may ever be seen.
  describe('graphs built from the same classes array', () => {
    const makeWheel = () => class Wheel {};

    it('see the array as it is when each graph is built', () => {
      const Wheel = makeWheel();
      const OtherWheel = makeWheel();
      class Bike {
        constructor(readonly wheel: unknown) {}
      }
      const classes: AnyClass[] = [Wheel, Bike];
      const first = newObjectGraph({ classes });
      expect(first.provide(Bike).wheel).toBeInstanceOf(Wheel);

      classes[0] = OtherWheel;
      const second = newObjectGraph({ classes });
      expect(second.provide(Bike).wheel).toBeInstanceOf(OtherWheel);
      expect(first.get('wheel')).toBeInstanceOf(Wheel);

      classes.push(Wheel);
      expectPinionErrorNaming(
        () => newObjectGraph({ classes }).provide(Bike),
        AmbiguousArgNameError,
        'AMBIGUOUS_ARG_NAME',
        '"wheel"',
      );
      classes.length = 2;
      expect(newObjectGraph({ classes }).provide(Bike).wheel).toBeInstanceOf(OtherWheel);
      // A graph keeps the classes it was built from: validate() does not see the later ones.
      first.validate();
    });

    it('see a class decorated after an earlier graph took it', () => {
      const Wheel = makeWheel();
      const SpareWheel = makeWheel();
      const classes = [Wheel, SpareWheel];
      expectPinionErrorNaming(
        () => newObjectGraph({ classes, onlyUseExplicitBindings: true }).get('wheel'),
        NothingInjectableForArgError,
        'NOTHING_INJECTABLE_FOR_ARG',
      );
      expectPinionErrorNaming(
        () => newObjectGraph({ classes }).get('wheel'),
        AmbiguousArgNameError,
        'AMBIGUOUS_ARG_NAME',
      );

      inject()(Wheel);
      expect(newObjectGraph({ classes, onlyUseExplicitBindings: true }).get('wheel')).toBeInstanceOf(Wheel);
      expect(newObjectGraph({ classes }).get('wheel')).toBeInstanceOf(Wheel);

      inject()(SpareWheel);
      expectPinionErrorNaming(
        () => newObjectGraph({ classes }),
        ConflictingExplicitBindingsError,
        'CONFLICTING_EXPLICIT_BINDINGS',
        '"wheel"',
      );
    });

    it('check the decorations of their classes again for each graph', () => {
      class Lamp {
        static inject = ['bulb'];
      }
      annotateArg('bulb', 'bright')(Lamp);
      const classes = [Lamp];
      newObjectGraph({ classes });
      newObjectGraph({ classes });

      (Lamp as unknown as { inject: string[] }).inject = ['socket'];
      expectPinionErrorNaming(
        () => newObjectGraph({ classes }),
        NoSuchArgToInjectError,
        'NO_SUCH_ARG_TO_INJECT',
        'bulb',
      );
    });

    it('see parameters annotated after an earlier graph planned the class', () => {
      class Bulb {}
      class Socket {}
      class Lamp {
        constructor(
          readonly bulb: Bulb,
          readonly socket: Socket,
        ) {}
      }
      const classes = [Bulb, Socket, Lamp];
      expect(newObjectGraph({ classes }).provide(Lamp).bulb).toBeInstanceOf(Bulb);

      annotateArg('bulb', 'bright')(Lamp);
      expectPinionErrorNaming(
        () => newObjectGraph({ classes }).provide(Lamp),
        NothingInjectableForArgError,
        'NOTHING_INJECTABLE_FOR_ARG',
        '"bulb" annotated with "bright"',
      );
      // The same record, grown by a second annotation.
      annotateArg('socket', 'wall')(Lamp);
      class Spec extends BindingSpec {
        configure(bind: Bind) {
          bind('bulb', { annotatedWith: 'bright' }).toClass(Bulb);
        }
      }
      expectPinionErrorNaming(
        () => newObjectGraph({ classes, bindingSpecs: [new Spec()] }).provide(Lamp),
        NothingInjectableForArgError,
        'NOTHING_INJECTABLE_FOR_ARG',
        '"socket" annotated with "wall"',
      );
    });

    it('plan each graph with its own specs and isScopeUsableFromScope', () => {
      class Wheel {}
      class Bike {
        constructor(readonly wheel: Wheel) {}
      }
      const classes = [Wheel, Bike];
      expect(newObjectGraph({ classes }).provide(Bike).wheel).toBeInstanceOf(Wheel);
      expect(newObjectGraph({ classes }).provide(Bike).wheel).toBeInstanceOf(Wheel);

      const spare = new Wheel();
      class Spec extends BindingSpec {
        configure(bind: Bind) {
          bind('wheel').toInstance(spare);
        }
      }
      expect(newObjectGraph({ classes, bindingSpecs: [new Spec()] }).provide(Bike).wheel).toBe(spare);
      const edges: [ScopeId, ScopeId][] = [];
      const isScopeUsableFromScope = (inner: ScopeId, outer: ScopeId) => edges.push([inner, outer]) > 0;
      newObjectGraph({ classes, isScopeUsableFromScope }).provide(Bike);
      expect(edges).toEqual([
        [SINGLETON, UNSCOPED],
        [SINGLETON, SINGLETON],
      ]);
    });

    it('share singletons within a graph whatever it planned first', () => {
      class Wheel {}
      class Bike {
        constructor(readonly wheel: Wheel) {}
      }
      const classes = [Wheel, Bike];
      newObjectGraph({ classes }).provide(Bike);
      const graph = newObjectGraph({ classes });
      const wheel = graph.provide(Wheel);

      expect(graph.provide(Bike).wheel).toBe(wheel);
      expect(graph.get('bike')).toBe(graph.provide(Bike));
    });

    it('see static inject given later to a class without a constructor', () => {
      class Wheel {}
      class Bike {
        constructor(readonly wheel: Wheel) {}
      }
      const classes = [Wheel, Bike];
      expect(newObjectGraph({ classes }).provide(Bike).wheel).toBeInstanceOf(Wheel);
      expect(newObjectGraph({ classes }).provide(Bike).wheel).toBeInstanceOf(Wheel);

      (Wheel as unknown as { inject: string[] }).inject = ['tyre'];
      expectPinionErrorNaming(
        () => newObjectGraph({ classes }).provide(Bike),
        NothingInjectableForArgError,
        'NOTHING_INJECTABLE_FOR_ARG',
        '"tyre"',
      );
    });

    it('call a custom getArgNamesFromClassName for every graph', () => {
      class Wheel {}
      class Bike {}
      const asked: string[] = [];
      const getArgNamesFromClassName = (name: string) => {
        asked.push(name);
        return [`the${name}`];
      };
      const classes = [Wheel, Bike];
      newObjectGraph({ classes, getArgNamesFromClassName });
      const graph = newObjectGraph({ classes, getArgNamesFromClassName });

      expect(asked).toEqual(['Wheel', 'Bike', 'Wheel', 'Bike']);
      expect(graph.get('theWheel')).toBeInstanceOf(Wheel);
    });
  });
});
