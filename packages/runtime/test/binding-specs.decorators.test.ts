import {
  annotateArg,
  type Bind,
  BindingSpec,
  ConflictingExplicitBindingsError,
  ConflictingRequiredBindingError,
  inject,
  MissingRequiredBindingError,
  NothingInjectableForArgError,
  newObjectGraph,
  PROTOTYPE,
  provides,
  type Require,
  SingletonScope,
  WrongArgElementTypeError,
  WrongArgTypeError,
} from '@pinion/runtime';
import { expectPinionError, expectPinionErrorNaming } from './support/assertions.js';

// Runs twice: with TypeScript's standard decorators and with `experimentalDecorators`.

/** A place in this package's test files, as Pinion's messages give it. */

describe('SPEC §5 binding specs', () => {
  describe('configure(bind, require)', () => {
    it('is called with bind and require', () => {
      const received: string[] = [];
      class Spec extends BindingSpec {
        configure(bind: Bind, require: Require) {
          received.push(typeof bind, typeof require);
          bind('port').toInstance(8080);
          require('port');
        }
      }

      const graph = newObjectGraph({ classes: [], bindingSpecs: [new Spec()] });

      expect(received).toEqual(['function', 'function']);
      expect(graph.get('port')).toBe(8080);
    });

    it('binds toClass: instances of the class, with its own parameters injected, singleton by default', () => {
      class Clock {}
      class SystemClock {}
      class MemoryCache {
        constructor(readonly clock: Clock) {}
      }
      class Spec extends BindingSpec {
        configure(bind: Bind) {
          bind('cache').toClass(MemoryCache);
          bind('clock').toClass(SystemClock);
        }
      }
      const graph = newObjectGraph({ classes: [Clock], bindingSpecs: [new Spec()] });

      const cache = graph.get<MemoryCache>('cache');

      expect(cache).toBeInstanceOf(MemoryCache);
      expect(cache.clock).toBeInstanceOf(SystemClock);
      expect(graph.get('cache')).toBe(cache);
    });

    it('binds toClass in a scope: PROTOTYPE makes a new object for each injection', () => {
      class RequestHandler {}
      class Server {
        constructor(
          readonly requestHandler: RequestHandler,
          readonly fallbackHandler: RequestHandler,
        ) {}
      }
      class Spec extends BindingSpec {
        configure(bind: Bind) {
          bind('requestHandler').toClass(RequestHandler, { inScope: PROTOTYPE });
          bind('fallbackHandler').toClass(RequestHandler, { inScope: PROTOTYPE });
        }
      }
      const graph = newObjectGraph({ classes: [Server], bindingSpecs: [new Spec()] });

      const server = graph.provide(Server);

      expect(server.requestHandler).toBeInstanceOf(RequestHandler);
      expect(server.fallbackHandler).not.toBe(server.requestHandler);
      expect(graph.get('requestHandler')).not.toBe(graph.get('requestHandler'));
    });

    it('binds toInstance: this very value', () => {
      const config = { url: 'postgres://localhost' };
      class Spec extends BindingSpec {
        configure(bind: Bind) {
          bind('config').toInstance(config);
          bind('retries').toInstance(3, { inScope: PROTOTYPE });
        }
      }
      const graph = newObjectGraph({ classes: [], bindingSpecs: [new Spec()] });

      expect(graph.get('config')).toBe(config);
      expect(graph.get('retries')).toBe(3);
    });

    it('binds toProvider: called with no arguments whenever the scope asks — once for a singleton, each time for a prototype', () => {
      const calls: { name: string; args: unknown[] }[] = [];
      const provider =
        (name: string) =>
        (...args: unknown[]) => {
          calls.push({ name, args });
          return { name, call: calls.length };
        };
      class Spec extends BindingSpec {
        configure(bind: Bind) {
          bind('single').toProvider(provider('single'));
          bind('fresh').toProvider(provider('fresh'), { inScope: PROTOTYPE });
        }
      }
      const graph = newObjectGraph({ classes: [], bindingSpecs: [new Spec()] });
      expect(calls).toEqual([]);

      const singles = [graph.get('single'), graph.get('single'), graph.get('single')];
      const freshes = [graph.get('fresh'), graph.get('fresh'), graph.get('fresh')];

      expect(new Set(singles).size).toBe(1);
      expect(new Set(freshes).size).toBe(3);
      expect(calls.filter((c) => c.name === 'single')).toHaveLength(1);
      expect(calls.filter((c) => c.name === 'fresh')).toHaveLength(3);
      expect(calls.every((c) => c.args.length === 0)).toBe(true);
    });

    it('memoizes toClass per class and scope: two names of one class share it; other scopes do not', () => {
      class Pool {}
      class Spec extends BindingSpec {
        configure(bind: Bind) {
          bind('a').toClass(Pool);
          bind('b').toClass(Pool);
          bind('c').toClass(Pool, { inScope: PROTOTYPE });
          bind('d').toClass(Pool, { inScope: 'custom' });
          bind('e').toClass(Pool, { inScope: 'custom' });
        }
      }
      const graph = newObjectGraph({
        classes: [],
        bindingSpecs: [new Spec()],
        idToScope: { custom: new SingletonScope() },
      });

      const a = graph.get('a');

      expect(a).toBeInstanceOf(Pool);
      expect(graph.get('b')).toBe(a);
      expect(graph.get('c')).not.toBe(a);
      expect(graph.get('c')).not.toBe(graph.get('c'));
      expect(graph.get('d')).not.toBe(a);
      expect(graph.get('e')).toBe(graph.get('d'));
    });
  });

  describe('annotations: bind(name, { annotatedWith }) and @annotateArg', () => {
    class Db {}
    class PrimaryDb {}
    class ReplicaDb {}
    class DbSpec extends BindingSpec {
      configure(bind: Bind) {
        bind('db', { annotatedWith: 'primary' }).toClass(PrimaryDb);
        bind('db', { annotatedWith: 'replica' }).toClass(ReplicaDb);
      }
    }

    it('injects a parameter annotated on its class from the equally annotated binding only', () => {
      @annotateArg('db', 'primary')
      class Writer {
        constructor(readonly db: Db) {}
      }
      @annotateArg('db', 'replica')
      class Reader {
        constructor(readonly db: Db) {}
      }
      class Plain {
        constructor(readonly db: Db) {}
      }
      const graph = newObjectGraph({ classes: [Db, Writer, Reader, Plain], bindingSpecs: [new DbSpec()] });

      expect(graph.provide(Writer).db).toBeInstanceOf(PrimaryDb);
      expect(graph.provide(Reader).db).toBeInstanceOf(ReplicaDb);
      expect(graph.provide(Plain).db).toBeInstanceOf(Db);
      expect(graph.get('db', { annotatedWith: 'primary' })).toBe(graph.provide(Writer).db);
    });

    it('injects an annotated parameter of a provider method from the equally annotated binding', () => {
      class ReportSpec extends BindingSpec {
        @annotateArg('db', 'replica')
        provideReport(db: Db) {
          return { db };
        }
        @provides('audit')
        @annotateArg('db', 'primary')
        makeAudit(db: Db) {
          return { db };
        }
      }
      const graph = newObjectGraph({ classes: [Db], bindingSpecs: [new DbSpec(), new ReportSpec()] });

      expect(graph.get<{ db: Db }>('report').db).toBeInstanceOf(ReplicaDb);
      expect(graph.get<{ db: Db }>('audit').db).toBeInstanceOf(PrimaryDb);
    });

    it('never matches an annotated parameter with an unannotated or differently annotated binding', () => {
      @annotateArg('db', 'archive')
      class Archiver {
        constructor(readonly db: Db) {}
      }
      // `Db` has an implicit unannotated binding and the spec binds "primary" and "replica": none is "archive".
      const graph = newObjectGraph({ classes: [Db, Archiver], bindingSpecs: [new DbSpec()] });

      expectPinionError(
        () => graph.provide(Archiver),
        NothingInjectableForArgError,
        'NOTHING_INJECTABLE_FOR_ARG',
        '"db" annotated with "archive"',
        'parameter db of class Archiver (test/binding-specs.decorators.test.ts:',
      );
    });

    it('never matches an unannotated parameter with an annotated binding', () => {
      class Plain {
        constructor(readonly db: Db) {}
      }
      const graph = newObjectGraph({ classes: [Plain], bindingSpecs: [new DbSpec()] });

      expectPinionError(
        () => graph.provide(Plain),
        NothingInjectableForArgError,
        'NOTHING_INJECTABLE_FOR_ARG',
        'nothing injectable for "db",',
        'parameter db of class Plain (test/binding-specs.decorators.test.ts:',
      );
    });

    it('compares annotations by identity, so any value, a symbol included, can annotate', () => {
      const PRIMARY = Symbol('primary');
      class SymbolSpec extends BindingSpec {
        configure(bind: Bind) {
          bind('db', { annotatedWith: PRIMARY }).toClass(PrimaryDb);
        }
      }
      @annotateArg('db', PRIMARY)
      class Writer {
        constructor(readonly db: Db) {}
      }
      @annotateArg('db', Symbol('primary'))
      class Impostor {
        constructor(readonly db: Db) {}
      }
      const graph = newObjectGraph({ classes: [Writer], bindingSpecs: [new SymbolSpec()] });

      expect(graph.provide(Writer).db).toBeInstanceOf(PrimaryDb);
      expectPinionError(
        () => graph.provide(Impostor),
        NothingInjectableForArgError,
        'NOTHING_INJECTABLE_FOR_ARG',
        '"db" annotated with Symbol(primary)',
        'class Impostor (test/binding-specs.decorators.test.ts:',
      );
    });
  });

  describe('require(name)', () => {
    it('is satisfied by an explicit binding of another spec', () => {
      class UsesPort extends BindingSpec {
        configure(_bind: Bind, require: Require) {
          require('port');
        }
      }
      class GivesPort extends BindingSpec {
        providePort() {
          return 8080;
        }
      }

      const graph = newObjectGraph({ classes: [], bindingSpecs: [new UsesPort(), new GivesPort()] });

      expect(graph.get('port')).toBe(8080);
    });

    it('is satisfied by an implicit binding', () => {
      class Clock {}
      class UsesClock extends BindingSpec {
        configure(_bind: Bind, require: Require) {
          require('clock');
        }
      }

      const graph = newObjectGraph({ classes: [Clock], bindingSpecs: [new UsesClock()] });

      expect(graph.get('clock')).toBeInstanceOf(Clock);
    });

    it('raises MissingRequiredBindingError at graph creation, naming the key and the require() call', () => {
      class UsesDatabaseUrl extends BindingSpec {
        configure(bind: Bind, require: Require) {
          bind('databaseUrl', { annotatedWith: 'test' }).toInstance('sqlite::memory:');
          require('databaseUrl');
        }
      }

      expectPinionError(
        () => newObjectGraph({ classes: [], bindingSpecs: [new UsesDatabaseUrl()] }),
        MissingRequiredBindingError,
        'MISSING_REQUIRED_BINDING',
        '"databaseUrl"',
        'binding-specs.decorators.test.ts:',
      );
    });

    it('takes an annotation, satisfied only by the equally annotated binding', () => {
      class Requires extends BindingSpec {
        configure(_bind: Bind, require: Require) {
          require('db', { annotatedWith: 'primary' });
        }
      }
      class Gives extends BindingSpec {
        configure(bind: Bind) {
          bind('db', { annotatedWith: 'primary' }).toInstance('primary db');
        }
      }
      class Db {}

      expect(
        newObjectGraph({ classes: [], bindingSpecs: [new Requires(), new Gives()] }).get('db', {
          annotatedWith: 'primary',
        }),
      ).toBe('primary db');
      expectPinionError(
        () => newObjectGraph({ classes: [Db], bindingSpecs: [new Requires()] }),
        MissingRequiredBindingError,
        'MISSING_REQUIRED_BINDING',
        '"db" annotated with "primary"',
      );
    });

    it('raises ConflictingRequiredBindingError when only ambiguous implicit bindings could satisfy it', () => {
      const FirstClock = class Clock {};
      const SecondClock = class Clock {};
      class UsesClock extends BindingSpec {
        configure(_bind: Bind, require: Require) {
          require('clock');
        }
      }

      expectPinionError(
        () => newObjectGraph({ classes: [FirstClock, SecondClock], bindingSpecs: [new UsesClock()] }),
        ConflictingRequiredBindingError,
        'CONFLICTING_REQUIRED_BINDING',
        '"clock"',
        'class Clock (test/binding-specs.decorators.test.ts:',
      );
    });
  });

  describe('dependencies()', () => {
    it("adds the dependencies' bindings to the graph", () => {
      class DbSpec extends BindingSpec {
        provideDatabaseUrl() {
          return 'postgres://db';
        }
      }
      class AppSpec extends BindingSpec {
        dependencies() {
          return [new DbSpec()];
        }
      }

      const graph = newObjectGraph({ classes: [], bindingSpecs: [new AppSpec()] });

      expect(graph.get('databaseUrl')).toBe('postgres://db');
    });

    it('configures a spec once when several instances of its class are given', () => {
      let configured = 0;
      class PortSpec extends BindingSpec {
        configure(bind: Bind) {
          configured++;
          bind('port').toInstance(8080);
        }
      }
      class AppSpec extends BindingSpec {
        dependencies() {
          return [new PortSpec()];
        }
      }

      const graph = newObjectGraph({ classes: [], bindingSpecs: [new PortSpec(), new AppSpec(), new PortSpec()] });

      expect(configured).toBe(1);
      expect(graph.get('port')).toBe(8080);
    });

    it('configures the shared base of a diamond once', () => {
      const configured: string[] = [];
      class BaseSpec extends BindingSpec {
        configure(bind: Bind) {
          configured.push('base');
          bind('base').toInstance('base value');
        }
      }
      class LeftSpec extends BindingSpec {
        configure(bind: Bind) {
          configured.push('left');
          bind('left').toInstance('left value');
        }
        dependencies() {
          return [new BaseSpec()];
        }
      }
      class RightSpec extends BindingSpec {
        configure(bind: Bind) {
          configured.push('right');
          bind('right').toInstance('right value');
        }
        dependencies() {
          return [new BaseSpec()];
        }
      }
      class TopSpec extends BindingSpec {
        dependencies() {
          return [new LeftSpec(), new RightSpec()];
        }
      }

      const graph = newObjectGraph({ classes: [], bindingSpecs: [new TopSpec()] });

      expect([...configured].sort()).toEqual(['base', 'left', 'right']);
      expect([graph.get('left'), graph.get('right'), graph.get('base')]).toEqual([
        'left value',
        'right value',
        'base value',
      ]);
    });

    it('must return an array of BindingSpec instances', () => {
      class ReturnsNothing extends BindingSpec {
        dependencies(): BindingSpec[] {
          return undefined as never;
        }
      }
      class ReturnsAClass extends BindingSpec {
        dependencies(): BindingSpec[] {
          return [BindingSpec as never];
        }
      }

      expectPinionError(
        () => newObjectGraph({ classes: [], bindingSpecs: [new ReturnsNothing()] }),
        WrongArgTypeError,
        'WRONG_ARG_TYPE',
        'class ReturnsNothing (test/binding-specs.decorators.test.ts:',
        '.dependencies()',
        'undefined',
      );
      expectPinionError(
        () => newObjectGraph({ classes: [], bindingSpecs: [new ReturnsAClass()] }),
        WrongArgElementTypeError,
        'WRONG_ARG_ELEMENT_TYPE',
        'element 0 of class ReturnsAClass (test/binding-specs.decorators.test.ts:',
        'function BindingSpec',
      );
    });

    it('de-duplicates by `equals`, which a spec can override', () => {
      const configured: string[] = [];
      class PortSpec extends BindingSpec {
        constructor(
          readonly portName: string,
          readonly port: number,
        ) {
          super();
        }
        configure(bind: Bind) {
          configured.push(`${this.portName}=${this.port}`);
          bind(this.portName).toInstance(this.port);
        }
        override equals(other: BindingSpec): boolean {
          return other instanceof PortSpec && other.portName === this.portName;
        }
      }

      const graph = newObjectGraph({
        classes: [],
        bindingSpecs: [new PortSpec('http', 80), new PortSpec('https', 443), new PortSpec('http', 8080)],
      });

      expect(configured).toEqual(['http=80', 'https=443']);
      expect(graph.get('http')).toBe(80);
      expect(graph.get('https')).toBe(443);
    });
  });

  describe('provider methods', () => {
    class Clock {}

    it('binds provideX as x and injects its parameters, from classes and from other bindings', () => {
      class Spec extends BindingSpec {
        configure(bind: Bind) {
          bind('userName').toInstance('ada');
        }
        provideGreeting(userName: string, clock: Clock) {
          return { text: `hello ${userName}`, clock };
        }
      }
      const graph = newObjectGraph({ classes: [Clock], bindingSpecs: [new Spec()] });

      const greeting = graph.get<{ text: string; clock: Clock }>('greeting');

      expect(greeting.text).toBe('hello ada');
      expect(greeting.clock).toBe(graph.get('clock'));
      expect(graph.get('greeting')).toBe(greeting);
    });

    it('calls provider methods on the spec instance', () => {
      class Spec extends BindingSpec {
        constructor(private readonly url: string) {
          super();
        }
        provideDatabaseUrl() {
          return this.url;
        }
      }

      expect(newObjectGraph({ classes: [], bindingSpecs: [new Spec('postgres://x')] }).get('databaseUrl')).toBe(
        'postgres://x',
      );
    });

    it('finds provider methods of a base spec class, with their parameters injected', () => {
      class CommonSpec extends BindingSpec {
        provideLogger(clock: Clock) {
          return { clock };
        }
        provideLevel() {
          return 'info';
        }
      }
      class AppSpec extends CommonSpec {
        override provideLevel() {
          return 'debug';
        }
        provideApp(logger: { clock: Clock }, level: string) {
          return { logger, level };
        }
      }
      const graph = newObjectGraph({ classes: [Clock], bindingSpecs: [new AppSpec()] });

      const app = graph.get<{ logger: { clock: Clock }; level: string }>('app');

      expect(app.logger.clock).toBeInstanceOf(Clock);
      expect(app.logger).toBe(graph.get('logger'));
      // The subclass's override is the only binding of `level`: no conflict with the base's.
      expect(app.level).toBe('debug');
    });

    it('binds a method of any name with @provides(name)', () => {
      class Spec extends BindingSpec {
        @provides('greeting')
        makeGreeting(clock: Clock) {
          return { clock };
        }
      }
      const graph = newObjectGraph({ classes: [Clock], bindingSpecs: [new Spec()] });

      expect(graph.get<{ clock: Clock }>('greeting').clock).toBeInstanceOf(Clock);
      expectPinionErrorNaming(
        () => graph.get('makeGreeting'),
        NothingInjectableForArgError,
        'NOTHING_INJECTABLE_FOR_ARG',
        '"makeGreeting"',
      );
    });

    it('binds with @provides(name, { annotatedWith, inScope })', () => {
      let calls = 0;
      class Spec extends BindingSpec {
        configure(bind: Bind) {
          bind('name').toInstance('bob');
        }
        @provides('greeting', { annotatedWith: 'en', inScope: PROTOTYPE })
        makeGreeting(name: string) {
          calls++;
          return { text: `hello ${name}` };
        }
      }
      @annotateArg('greeting', 'en')
      class Greeter {
        constructor(readonly greeting: { text: string }) {}
      }
      const graph = newObjectGraph({ classes: [Greeter], bindingSpecs: [new Spec()] });

      const first = graph.get<{ text: string }>('greeting', { annotatedWith: 'en' });
      const second = graph.get('greeting', { annotatedWith: 'en' });

      expect(first.text).toBe('hello bob');
      expect(second).not.toBe(first);
      expect(graph.provide(Greeter).greeting).toEqual({ text: 'hello bob' });
      expect(calls).toBe(3);
      expectPinionErrorNaming(
        () => graph.get('greeting'),
        NothingInjectableForArgError,
        'NOTHING_INJECTABLE_FOR_ARG',
        '"greeting"',
      );
    });

    it('keeps the provideX name under @provides({ inScope }) and @provides({ annotatedWith })', () => {
      let calls = 0;
      class Spec extends BindingSpec {
        @provides({ inScope: PROTOTYPE })
        provideTicket() {
          calls++;
          return { serial: calls };
        }
        @provides({ annotatedWith: 'fr' })
        provideGreeting() {
          return 'bonjour';
        }
      }
      const graph = newObjectGraph({ classes: [], bindingSpecs: [new Spec()] });

      expect(graph.get('ticket')).toEqual({ serial: 1 });
      expect(graph.get('ticket')).toEqual({ serial: 2 });
      expect(graph.get('greeting', { annotatedWith: 'fr' })).toBe('bonjour');
      expectPinionErrorNaming(
        () => graph.get('greeting'),
        NothingInjectableForArgError,
        'NOTHING_INJECTABLE_FOR_ARG',
        '"greeting"',
      );
    });
  });

  describe('@inject()', () => {
    it('makes the class an explicit binding: it beats an implicit one of the same name', () => {
      @inject()
      class Mailer {}
      const OtherMailer = class Mailer {};
      const graph = newObjectGraph({ classes: [OtherMailer, Mailer] });

      expect(graph.get('mailer')).toBeInstanceOf(Mailer);
      expect(graph.provide(Mailer)).toBe(graph.get('mailer'));
    });

    it('makes the class conflict with another explicit binding of its name', () => {
      @inject()
      class Mailer {}
      class Spec extends BindingSpec {
        provideMailer() {
          return {};
        }
      }

      expectPinionError(
        () => newObjectGraph({ classes: [Mailer], bindingSpecs: [new Spec()] }),
        ConflictingExplicitBindingsError,
        'CONFLICTING_EXPLICIT_BINDINGS',
        '"mailer"',
        'class Mailer (test/binding-specs.decorators.test.ts:',
        'Spec.provideMailer',
      );
    });
  });

  describe('without decorators: the same specs, written with names', () => {
    // With decorators (above): `@annotateArg('db', 'primary')` on a class or a provider method,
    // `bind('db', { annotatedWith: 'primary' })`, `@provides('greeting', { inScope: PROTOTYPE })`
    // and `@inject()`. Without them, the annotation becomes part of the binding name, the provider
    // method is named provideX, and the explicit class binding is a bind().toClass().
    class Db {}
    class PrimaryDb {}
    class ReplicaDb {}
    class Writer {
      constructor(readonly primaryDb: Db) {}
    }
    class Greeting {
      constructor(readonly name: string) {}
    }
    class Mailer {}
    class Spec extends BindingSpec {
      configure(bind: Bind, require: Require) {
        bind('primaryDb').toClass(PrimaryDb);
        bind('replicaDb').toClass(ReplicaDb);
        bind('name').toInstance('bob');
        bind('greeting').toClass(Greeting, { inScope: PROTOTYPE });
        bind('mailer').toClass(Mailer);
        require('primaryDb');
      }
      provideReport(replicaDb: Db) {
        return { db: replicaDb };
      }
      provideTicket() {
        return { issued: true };
      }
    }
    const graph = () => newObjectGraph({ classes: [Db, Writer], bindingSpecs: [new Spec()] });

    it('annotates by binding name: a parameter named primaryDb gets the primaryDb binding', () => {
      const g = graph();

      expect(g.provide(Writer).primaryDb).toBeInstanceOf(PrimaryDb);
      expect(g.get('db')).toBeInstanceOf(Db);
    });

    it('annotates provider-method parameters by name too', () => {
      expect(graph().get<{ db: Db }>('report').db).toBeInstanceOf(ReplicaDb);
    });

    it('binds a provider by the provideX name, and a scoped object with injected parameters by toClass', () => {
      const g = graph();

      expect(g.get('ticket')).toEqual({ issued: true });
      const greeting = g.get<Greeting>('greeting');
      expect(greeting.name).toBe('bob');
      expect(g.get('greeting')).not.toBe(greeting);
    });

    it('binds a class explicitly with bind().toClass(), as @inject() does', () => {
      const MailerLookalike = class Mailer {};
      const g = newObjectGraph({ classes: [MailerLookalike], bindingSpecs: [new Spec()] });

      expect(g.get('mailer')).toBeInstanceOf(Mailer);
    });
  });
});
