import {
  BindingSpec,
  DirectlyPassingInjectedArgsError,
  MissingMetadataError,
  NothingInjectableForArgError,
  newObjectGraph,
  PROTOTYPE,
  UninjectableParameterError,
} from '@pinion/runtime';
import { errorOf, LOCATION, specOf, where } from './support/assertions.js';

describe('which constructor parameters are injected (SPEC §5)', () => {
  it('injects a plain parameter with the object bound to its name', () => {
    class DatabaseConnection {}
    class Repository {
      constructor(readonly databaseConnection: DatabaseConnection) {}
    }
    const graph = newObjectGraph({ classes: [DatabaseConnection, Repository] });
    expect(graph.provide(Repository).databaseConnection).toBeInstanceOf(DatabaseConnection);
  });

  it('leaves a parameter with a default value at its default, even when a binding of its name exists', () => {
    class Server {
      constructor(
        readonly host: string,
        readonly port = 80,
      ) {}
    }
    const graph = newObjectGraph({
      classes: [Server],
      bindingSpecs: [
        specOf((bind) => {
          bind('host').toInstance('localhost');
          bind('port').toInstance(8080);
        }),
      ],
    });
    const server = graph.provide(Server);
    expect(server.host).toBe('localhost');
    expect(server.port).toBe(80);
  });

  it('leaves an optional parameter undefined, even when a binding of its name exists', () => {
    class Logger {}
    class Service {
      constructor(readonly logger?: Logger) {}
    }
    const graph = newObjectGraph({ classes: [Logger, Service] });
    const service = graph.provide(Service);
    expect(service.logger).toBeUndefined();
    expect(graph.get('logger')).toBeInstanceOf(Logger);
  });

  it('leaves a rest parameter empty, even when a binding of its name exists', () => {
    class Plugin {}
    class Host {
      readonly plugins: Plugin[];
      constructor(
        readonly plugin: Plugin,
        ...plugins: Plugin[]
      ) {
        this.plugins = plugins;
      }
    }
    const graph = newObjectGraph({
      classes: [Plugin, Host],
      bindingSpecs: [specOf((bind) => bind('plugins').toInstance([new Plugin()]))],
    });
    const host = graph.provide(Host);
    expect(host.plugin).toBeInstanceOf(Plugin);
    expect(host.plugins).toEqual([]);
  });

  describe('a destructured parameter makes the class uninjectable', () => {
    it('raises UninjectableParameterError naming the parameter and the class location when the class is provided', () => {
      class Clock {}
      class Scheduler {
        constructor(
          readonly clock: Clock,
          { interval }: { interval: number },
        ) {
          void interval;
        }
      }
      const graph = newObjectGraph({ classes: [Clock, Scheduler] });
      const error = errorOf(() => graph.provide(Scheduler));
      expect(error).toBeInstanceOf(UninjectableParameterError);
      expect(error.code).toBe('UNINJECTABLE_PARAMETER');
      expect(error.message).toContain(`parameter 2 of class Scheduler (${where(Scheduler)})`);
      expect(error.message).toMatch(LOCATION);
    });

    it('raises it when the class is injected into another, and even when the pattern has a default', () => {
      class Scheduler {
        constructor([first, second]: number[] = [1, 2]) {
          void first;
          void second;
        }
      }
      class App {
        constructor(readonly scheduler: Scheduler) {}
      }
      const graph = newObjectGraph({ classes: [Scheduler, App] });
      const error = errorOf(() => graph.provide(App));
      expect(error).toBeInstanceOf(UninjectableParameterError);
      expect(error.code).toBe('UNINJECTABLE_PARAMETER');
      expect(error.message).toContain(`parameter 1 of class Scheduler (${where(Scheduler)})`);
      expect(() => graph.get('scheduler')).toThrow(UninjectableParameterError);
    });
  });

  it('injects parameter properties under their own names, whatever their modifiers', () => {
    class Db {}
    class Cache {}
    class Clock {}
    class Repository {
      constructor(
        private readonly db: Db,
        protected cache: Cache,
        public clock: Clock,
      ) {}
      parts() {
        return [this.db, this.cache, this.clock];
      }
    }
    const graph = newObjectGraph({ classes: [Db, Cache, Clock, Repository] });
    expect(graph.provide(Repository).parts()).toEqual([graph.get('db'), graph.get('cache'), graph.get('clock')]);
    expect(
      graph
        .get<Repository>('repository')
        .parts()
        .map((part) => part.constructor),
    ).toEqual([Db, Cache, Clock]);
  });

  it("gives a subclass without its own constructor its base class's parameters", () => {
    class Db {}
    class Repository {
      constructor(readonly db: Db) {}
    }
    class UserRepository extends Repository {}
    class CachedUserRepository extends UserRepository {}
    const graph = newObjectGraph({ classes: [Db, Repository, UserRepository, CachedUserRepository] });
    expect(graph.provide(UserRepository).db).toBe(graph.get('db'));
    expect(graph.provide(CachedUserRepository).db).toBe(graph.get('db'));
  });

  it('uses the subclass’s own parameters when it declares a constructor', () => {
    class Db {}
    class Clock {}
    class Repository {
      constructor(readonly db: Db) {}
    }
    class TimedRepository extends Repository {
      constructor(
        readonly clock: Clock,
        db: Db,
      ) {
        super(db);
      }
    }
    const graph = newObjectGraph({ classes: [Db, Clock, Repository, TimedRepository] });
    const repository = graph.provide(TimedRepository);
    expect(repository.clock).toBe(graph.get('clock'));
    expect(repository.db).toBe(graph.get('db'));
  });

  describe('classes the transformer never saw', () => {
    it('provides one that takes no parameters', () => {
      const Plain: new () => { made: boolean } = new Function(
        'return class Plain { constructor() { this.made = true } }',
      )();
      const Bare = new Function('return class Bare {}')();
      const graph = newObjectGraph({ classes: [Plain, Bare] });
      expect(graph.provide(Plain).made).toBe(true);
      expect(graph.get('plain')).toBe(graph.provide(Plain));
      expect(graph.provide(Bare)).toBeInstanceOf(Bare);
    });

    it('refuses one that takes parameters with MissingMetadataError', () => {
      const Legacy = new Function('return class Legacy { constructor(db) { this.db = db } }')();
      class Db {}
      const graph = newObjectGraph({ classes: [Db, Legacy] });
      const error = errorOf(() => graph.provide(Legacy));
      expect(error).toBeInstanceOf(MissingMetadataError);
      expect(error.code).toBe('MISSING_METADATA');
      expect(error.message).toContain('class Legacy');
      expect(error.message).toContain('transformer');
      class Signup {
        constructor(readonly legacy: unknown) {}
      }
      const asDependency = errorOf(() => newObjectGraph({ classes: [Db, Legacy, Signup] }).provide(Signup));
      expect(asDependency).toBeInstanceOf(MissingMetadataError);
      expect(asDependency.code).toBe('MISSING_METADATA');
      expect(asDependency.message).toContain(`parameter legacy of class Signup (${where(Signup)})`);
      expect(asDependency.message).toMatch(LOCATION);
    });

    it("takes the parameter names given by hand in `static inject`, in order, whatever the constructor's own names", () => {
      const Report: new () => { parts: unknown[] } = new Function(
        "return class Report { constructor(first, second) { this.parts = [first, second] } static inject = ['db', 'clock'] }",
      )();
      class Db {}
      class Clock {}
      const graph = newObjectGraph({ classes: [Db, Clock, Report] });
      const report = graph.provide(Report);
      expect(report.parts).toEqual([graph.get('db'), graph.get('clock')]);
      expect(report.parts[0]).toBeInstanceOf(Db);
      expect(report.parts[1]).toBeInstanceOf(Clock);
    });

    it('injects a class named by hand into transformed classes like any other', () => {
      const Mailer = new Function(
        "return class Mailer { constructor(a) { this.transport = a } static inject = ['transport'] }",
      )();
      class Transport {}
      class Signup {
        constructor(readonly mailer: { transport: Transport }) {}
      }
      const graph = newObjectGraph({ classes: [Transport, Mailer, Signup] });
      expect(graph.provide(Signup).mailer.transport).toBe(graph.get('transport'));
    });
  });
});

describe('provider-function arguments (SPEC §3)', () => {
  it('gives a parameter named provideFoo a function that provides foo', () => {
    class Db {}
    class Widget {
      constructor(readonly db: Db) {}
    }
    class Shop {
      constructor(readonly provideWidget: () => Widget) {}
    }
    const graph = newObjectGraph({ classes: [Db, Widget, Shop] });
    const shop = graph.provide(Shop);
    expect(typeof shop.provideWidget).toBe('function');
    const widget = shop.provideWidget();
    expect(widget).toBeInstanceOf(Widget);
    expect(widget.db).toBe(graph.get('db'));
  });

  it('returns the same object on each call for a SINGLETON binding: the one injected elsewhere', () => {
    class Widget {}
    class Shop {
      constructor(readonly provideWidget: () => Widget) {}
    }
    const graph = newObjectGraph({ classes: [Widget, Shop] });
    const shop = graph.provide(Shop);
    expect(shop.provideWidget()).toBe(shop.provideWidget());
    expect(shop.provideWidget()).toBe(graph.get('widget'));
  });

  it('returns a fresh object on each call for a PROTOTYPE binding', () => {
    class Widget {}
    class Shop {
      constructor(readonly provideWidget: () => Widget) {}
    }
    const graph = newObjectGraph({
      classes: [Shop],
      bindingSpecs: [specOf((bind) => bind('widget').toClass(Widget, { inScope: PROTOTYPE }))],
    });
    const shop = graph.provide(Shop);
    const first = shop.provideWidget();
    const second = shop.provideWidget();
    expect(first).toBeInstanceOf(Widget);
    expect(second).toBeInstanceOf(Widget);
    expect(first).not.toBe(second);
  });

  it('resolves the binding on each call, not when the requester is built', () => {
    let made = 0;
    class Ticket {
      readonly number = ++made;
    }
    class Counter {
      constructor(readonly provideTicket: () => Ticket) {}
    }
    const graph = newObjectGraph({
      classes: [Counter],
      bindingSpecs: [specOf((bind) => bind('ticket').toProvider(() => new Ticket(), { inScope: PROTOTYPE }))],
    });
    const counter = graph.provide(Counter);
    expect(made).toBe(0);
    expect(counter.provideTicket().number).toBe(1);
    expect(counter.provideTicket().number).toBe(2);
    expect(made).toBe(2);
  });

  it('fails when its requester is provided if nothing is bound to the name it provides (as in Pinject)', () => {
    class Shop {
      constructor(readonly provideGadget: () => unknown) {}
    }
    const graph = newObjectGraph({ classes: [Shop] });
    const error = errorOf(() => graph.provide(Shop));
    expect(error).toBeInstanceOf(NothingInjectableForArgError);
    expect(error.code).toBe('NOTHING_INJECTABLE_FOR_ARG');
    expect(error.message).toContain('"gadget"');
    expect(error.message).toContain(`parameter provideGadget of class Shop (${where(Shop)})`);
    expect(error.message).toMatch(LOCATION);
  });

  it('is reported by validate() when nothing is bound to the name it provides, and what it provides is walked', () => {
    class Gadget {
      constructor(readonly battery: unknown) {}
    }
    class Shop {
      constructor(
        readonly provideGadget: () => Gadget,
        readonly provideWidget: () => unknown,
      ) {}
    }
    const graph = newObjectGraph({ classes: [Shop, Gadget] });
    const error = errorOf(() => graph.validate());
    expect(error.code).toBe('GRAPH_VALIDATION');
    const missing = error.problems.map((p: NothingInjectableForArgError) => `${p.code} ${p.bindingKey}`);
    expect(missing).toEqual(
      expect.arrayContaining(['NOTHING_INJECTABLE_FOR_ARG "widget"', 'NOTHING_INJECTABLE_FOR_ARG "battery"']),
    );
  });

  it('may lead back to its requester: a provider function is planned at its first call', () => {
    class Node {
      constructor(readonly provideNode: () => Node) {}
    }
    const graph = newObjectGraph({ classes: [Node] });
    const node = graph.provide(Node);
    expect(node.provideNode()).toBe(node);
    expect(() => graph.validate()).not.toThrow();
  });

  it('raises DirectlyPassingInjectedArgsError, naming the injected parameters, when given arguments for a class that takes none directly', () => {
    class Db {}
    class Widget {
      constructor(readonly db: Db) {}
    }
    class Shop {
      constructor(readonly provideWidget: (...args: unknown[]) => Widget) {}
    }
    const graph = newObjectGraph({ classes: [Db, Widget, Shop] });
    const error = errorOf(() => graph.provide(Shop).provideWidget('extra'));
    expect(error).toBeInstanceOf(DirectlyPassingInjectedArgsError);
    expect(error.code).toBe('DIRECTLY_PASSING_INJECTED_ARGS');
    expect(error.message).toContain(`class Widget (${where(Widget)})`);
    expect(error.message).toMatch(/injected parameters db\b/);
  });

  it('raises DirectlyPassingInjectedArgsError, naming the injected parameters, when given arguments for a provider method', () => {
    class GreetingSpec extends BindingSpec {
      provideName() {
        return 'Ada';
      }
      provideGreeting(name: string) {
        return `hello ${name}`;
      }
    }
    class Greeter {
      constructor(readonly provideGreeting: (...args: unknown[]) => string) {}
    }
    const graph = newObjectGraph({ classes: [Greeter], bindingSpecs: [new GreetingSpec()] });
    const greeter = graph.provide(Greeter);
    expect(greeter.provideGreeting()).toBe('hello Ada');
    const error = errorOf(() => greeter.provideGreeting('Grace'));
    expect(error).toBeInstanceOf(DirectlyPassingInjectedArgsError);
    expect(error.code).toBe('DIRECTLY_PASSING_INJECTED_ARGS');
    expect(error.message).toContain('GreetingSpec.provideGreeting');
    expect(error.message).toMatch(LOCATION);
    expect(error.message).toMatch(/injected parameters name\b/);
  });
});
