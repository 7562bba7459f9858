import {
  type AnyClass,
  BadDependencyScopeError,
  type Bind,
  BindingKey,
  BindingSpec,
  NothingInjectableForArgError,
  newObjectGraph,
  OverridingDefaultScopeError,
  PROTOTYPE,
  PrototypeScope,
  type Scope,
  type ScopeId,
  SINGLETON,
  SingletonScope,
  UNSCOPED,
  UnknownScopeError,
} from '@pinion/runtime';
import { errorOf, LOCATION, specOf, where } from './support/assertions.js';

/** `inner <- outer`: one call of isScopeUsableFromScope. */
function edge(inner: ScopeId, outer: ScopeId): string {
  return `${String(inner)} <- ${String(outer)}`;
}

/** A scope that keeps one object per binding key and records every key it is asked for. */
class RecordingScope implements Scope {
  readonly keys: BindingKey[] = [];
  private readonly objects = new Map<string, unknown>();

  provide<T>(bindingKey: BindingKey, createFn: () => T): T {
    this.keys.push(bindingKey);
    const id = bindingKey.toString();
    if (!this.objects.has(id)) this.objects.set(id, createFn());
    return this.objects.get(id) as T;
  }

  clear() {
    this.objects.clear();
  }
}

describe('SINGLETON, the default scope (SPEC §6)', () => {
  it('gives every parameter of a name the same object, and graph.get the same too', () => {
    class Db {}
    class Users {
      constructor(readonly db: Db) {}
    }
    class Orders {
      constructor(readonly db: Db) {}
    }
    const graph = newObjectGraph({ classes: [Db, Users, Orders] });
    const users = graph.provide(Users);
    expect(users.db).toBeInstanceOf(Db);
    expect(graph.provide(Orders).db).toBe(users.db);
    expect(graph.get('db')).toBe(users.db);
  });

  it('is the default scope of toClass, toProvider and provider-method bindings: each is made once', () => {
    class Clock {}
    let providerCalls = 0;
    let methodCalls = 0;
    class AppSpec extends BindingSpec {
      configure(bind: Bind) {
        bind('clock').toClass(Clock);
        bind('config').toProvider(() => ({ call: ++providerCalls }));
      }
      provideGreeting() {
        return { call: ++methodCalls };
      }
    }
    class App {
      constructor(
        readonly clock: Clock,
        readonly config: object,
        readonly greeting: object,
      ) {}
    }
    class Worker {
      constructor(
        readonly clock: Clock,
        readonly config: object,
        readonly greeting: object,
      ) {}
    }
    const graph = newObjectGraph({ classes: [App, Worker], bindingSpecs: [new AppSpec()] });
    const app = graph.provide(App);
    const worker = graph.provide(Worker);
    expect(worker.clock).toBe(app.clock);
    expect(worker.config).toBe(app.config);
    expect(worker.greeting).toBe(app.greeting);
    expect([providerCalls, methodCalls]).toEqual([1, 1]);
  });

  it('is per graph: another graph makes its own objects', () => {
    class Db {}
    const first = newObjectGraph({ classes: [Db] });
    const second = newObjectGraph({ classes: [Db] });
    expect(first.get('db')).toBe(first.get('db'));
    expect(second.get('db')).not.toBe(first.get('db'));
  });

  it('shares one instance between toClass bindings of one class and scope', () => {
    class MemoryStore {}
    const graph = newObjectGraph({
      classes: [],
      bindingSpecs: [
        specOf((bind) => {
          bind('sessions').toClass(MemoryStore);
          bind('carts').toClass(MemoryStore);
          bind('scratch').toClass(MemoryStore, { inScope: PROTOTYPE });
        }),
      ],
    });
    expect(graph.get('sessions')).toBe(graph.get('carts'));
    expect(graph.get('scratch')).not.toBe(graph.get('sessions'));
  });
});

describe('PROTOTYPE (SPEC §6)', () => {
  it('makes a new object for each injection', () => {
    class Handler {}
    class Router {
      constructor(readonly handler: Handler) {}
    }
    class Admin {
      constructor(readonly handler: Handler) {}
    }
    const graph = newObjectGraph({
      classes: [Router, Admin],
      bindingSpecs: [specOf((bind) => bind('handler').toClass(Handler, { inScope: PROTOTYPE }))],
    });
    const fromRouter = graph.provide(Router).handler;
    const fromAdmin = graph.provide(Admin).handler;
    expect(fromRouter).toBeInstanceOf(Handler);
    expect(fromAdmin).toBeInstanceOf(Handler);
    expect(fromAdmin).not.toBe(fromRouter);
    expect(graph.get('handler')).not.toBe(graph.get('handler'));
  });

  it('calls a PROTOTYPE provider for each injection', () => {
    let calls = 0;
    const graph = newObjectGraph({
      classes: [],
      bindingSpecs: [specOf((bind) => bind('id').toProvider(() => ++calls, { inScope: PROTOTYPE }))],
    });
    expect([graph.get('id'), graph.get('id'), graph.get('id')]).toEqual([1, 2, 3]);
  });
});

describe('custom scopes in idToScope (SPEC §6)', () => {
  it('accepts any object with provide(bindingKey, createFn), and asks it for each injection', () => {
    const request = new RecordingScope();
    let made = 0;
    class Handler {
      constructor(readonly requestId: number) {}
    }
    const graph = newObjectGraph({
      classes: [Handler],
      idToScope: { request },
      bindingSpecs: [specOf((bind) => bind('requestId').toProvider(() => ++made, { inScope: 'request' }))],
      isScopeUsableFromScope: () => true,
    });
    expect(graph.get('requestId')).toBe(1);
    expect(graph.get('requestId')).toBe(1);
    request.clear();
    expect(graph.get('requestId')).toBe(2);
    expect(request.keys).toHaveLength(3);
  });

  it('gives the scope a BindingKey with the binding’s name, its annotation and a stable toString()', () => {
    const request = new RecordingScope();
    const graph = newObjectGraph({
      classes: [],
      idToScope: new Map<ScopeId, Scope>([['request', request]]),
      bindingSpecs: [
        specOf((bind) => {
          bind('user').toProvider(() => ({ name: 'Ada' }), { inScope: 'request' });
          bind('cache', { annotatedWith: 'hot' }).toInstance(new Map(), { inScope: 'request' });
        }),
      ],
    });
    graph.get('user');
    graph.get('user');
    graph.get('cache', { annotatedWith: 'hot' });
    const [user, userAgain, cache] = request.keys;
    expect(user).toBeInstanceOf(BindingKey);
    expect([user.name, user.annotation]).toEqual(['user', undefined]);
    expect(cache).toBeInstanceOf(BindingKey);
    expect([cache.name, cache.annotation]).toEqual(['cache', 'hot']);
    expect(user.toString()).toBe(userAgain.toString());
    expect(user.toString()).toBe(new BindingKey('user').toString());
    expect(cache.toString()).toBe(new BindingKey('cache', 'hot').toString());
    expect(cache.toString()).not.toBe(new BindingKey('cache').toString());
    expect(user.toString()).not.toBe(cache.toString());
  });

  it('gives the scope one stable key for toClass bindings of one class, so they share an instance', () => {
    const request = new RecordingScope();
    class Store {}
    const graph = newObjectGraph({
      classes: [],
      idToScope: { request },
      bindingSpecs: [
        specOf((bind) => {
          bind('sessions').toClass(Store, { inScope: 'request' });
          bind('carts').toClass(Store, { inScope: 'request' });
        }),
      ],
    });
    expect(graph.get('sessions')).toBe(graph.get('carts'));
    expect(request.keys).toHaveLength(2);
    expect(request.keys[0]).toBeInstanceOf(BindingKey);
    expect(request.keys[0].toString()).toBe(request.keys[1].toString());
  });

  it('offers SingletonScope and PrototypeScope for idToScope', () => {
    class Pool {}
    class Job {}
    const graph = newObjectGraph({
      classes: [],
      idToScope: { application: new SingletonScope(), task: new PrototypeScope() },
      bindingSpecs: [
        specOf((bind) => {
          bind('pool').toClass(Pool, { inScope: 'application' });
          bind('job').toClass(Job, { inScope: 'task' });
        }),
      ],
    });
    expect(graph.get('pool')).toBeInstanceOf(Pool);
    expect(graph.get('pool')).toBe(graph.get('pool'));
    expect(graph.get('job')).toBeInstanceOf(Job);
    expect(graph.get('job')).not.toBe(graph.get('job'));
  });

  it('accepts symbol scope ids', () => {
    const tenant = Symbol('tenant');
    const scope = new RecordingScope();
    const graph = newObjectGraph({
      classes: [],
      idToScope: { [tenant]: scope },
      bindingSpecs: [specOf((bind) => bind('settings').toProvider(() => ({}), { inScope: tenant }))],
    });
    expect(graph.get('settings')).toBe(graph.get('settings'));
    expect(scope.keys).toHaveLength(2);
  });
});

describe('isScopeUsableFromScope(inner, outer) (SPEC §4, §6)', () => {
  class Db {}
  class Clock {}
  class Repo {
    constructor(
      readonly db: Db,
      readonly clock: Clock,
    ) {}
  }
  class Service {
    constructor(readonly repo: Repo) {}
  }

  /** db: Db in a custom 'request' scope; repo: Repo in PROTOTYPE; `classes` get implicit SINGLETON bindings. */
  function graphRecordingEdges(classes: AnyClass[]) {
    const edges: string[] = [];
    const graph = newObjectGraph({
      classes,
      idToScope: { request: new RecordingScope() },
      bindingSpecs: [
        specOf((bind) => {
          bind('db').toClass(Db, { inScope: 'request' });
          bind('repo').toClass(Repo, { inScope: PROTOTYPE });
        }),
      ],
      isScopeUsableFromScope: (inner, outer) => {
        edges.push(edge(inner, outer));
        return true;
      },
    });
    return { graph, edges };
  }

  it('is called for every edge walked, with the dependency’s scope as inner and the requester’s as outer, from UNSCOPED at the root', () => {
    const { graph, edges } = graphRecordingEdges([Clock, Service]);
    graph.provide(Service);
    expect(new Set(edges)).toEqual(
      new Set([
        edge(SINGLETON, UNSCOPED), // the root, Service, requested by provide()
        edge(PROTOTYPE, SINGLETON), // repo into Service
        edge('request', PROTOTYPE), // db into Repo
        edge(SINGLETON, PROTOTYPE), // clock into Repo
      ]),
    );
    expect(UNSCOPED).toBe('unscoped');
  });

  it('checks the direct dependencies of a root built directly against UNSCOPED', () => {
    class Report {
      constructor(
        readonly repo: Repo,
        readonly clock: Clock,
      ) {}
    }
    const { graph, edges } = graphRecordingEdges([Clock]);
    graph.provide(Report);
    expect(new Set(edges)).toEqual(
      new Set([
        edge(PROTOTYPE, UNSCOPED), // repo into Report, built directly
        edge(SINGLETON, UNSCOPED), // clock into Report
        edge('request', PROTOTYPE), // db into Repo
        edge(SINGLETON, PROTOTYPE), // clock into Repo
      ]),
    );
  });

  it('checks graph.get from UNSCOPED', () => {
    const { graph, edges } = graphRecordingEdges([Clock]);
    graph.get('db');
    expect(edges).toEqual([edge('request', UNSCOPED)]);
  });

  it('checks the edge of a provider function, with the requester’s scope as outer, when it is called', () => {
    class Session {
      constructor(readonly provideDb: () => Db) {}
    }
    const { graph, edges } = graphRecordingEdges([Clock, Session]);
    const session = graph.provide(Session);
    expect(edges).toEqual([edge(SINGLETON, UNSCOPED)]);
    session.provideDb();
    expect(edges).toEqual([edge(SINGLETON, UNSCOPED), edge('request', SINGLETON)]);
  });

  it('raises BadDependencyScopeError naming the binding, both scopes and the injection site when it returns false', () => {
    class Db {}
    class Cache {
      constructor(readonly db: Db) {}
    }
    const graph = newObjectGraph({
      classes: [Cache],
      idToScope: { request: new RecordingScope() },
      bindingSpecs: [specOf((bind) => bind('db').toClass(Db, { inScope: 'request' }))],
      isScopeUsableFromScope: (inner, outer) => !(inner === 'request' && outer === SINGLETON),
    });
    expect(graph.get('db')).toBeInstanceOf(Db);
    const error = errorOf(() => graph.provide(Cache));
    expect(error).toBeInstanceOf(BadDependencyScopeError);
    expect(error.code).toBe('BAD_DEPENDENCY_SCOPE');
    expect(error.message).toContain('"db"');
    expect(error.message).toContain('"request"');
    expect(error.message).toContain('"singleton"');
    expect(error.message).toContain(`parameter db of class Cache (${where(Cache)})`);
    expect(error.message).toMatch(LOCATION);
  });

  it('raises BadDependencyScopeError for the edge from UNSCOPED to the root', () => {
    class Db {}
    const graph = newObjectGraph({
      classes: [Db],
      isScopeUsableFromScope: (_inner, outer) => outer !== UNSCOPED,
    });
    const error = errorOf(() => graph.provide(Db));
    expect(error).toBeInstanceOf(BadDependencyScopeError);
    expect(error.code).toBe('BAD_DEPENDENCY_SCOPE');
    expect(error.message).toContain('"db"');
    expect(error.message).toContain('"unscoped"');
    expect(() => graph.get('db')).toThrow(BadDependencyScopeError);
  });
});

describe('scope ids in idToScope and inScope (SPEC §4, §8)', () => {
  it.each([
    ['SINGLETON', SINGLETON],
    ['PROTOTYPE', PROTOTYPE],
  ])('refuses to redefine %s with OverridingDefaultScopeError', (_name, id) => {
    for (const idToScope of [{ [id]: new SingletonScope() }, new Map([[id, new SingletonScope()]])]) {
      const error = errorOf(() => newObjectGraph({ classes: [], idToScope }));
      expect(error).toBeInstanceOf(OverridingDefaultScopeError);
      expect(error.code).toBe('OVERRIDING_DEFAULT_SCOPE');
      expect(error.message).toContain(String(id));
      expect(error.message).toMatch(LOCATION);
    }
  });

  it('raises UnknownScopeError at graph creation for inScope naming an id idToScope does not define', () => {
    const error = errorOf(() =>
      newObjectGraph({
        classes: [],
        bindingSpecs: [specOf((bind) => bind('user').toProvider(() => ({}), { inScope: 'request' }))],
      }),
    );
    expect(error).toBeInstanceOf(UnknownScopeError);
    expect(error.code).toBe('UNKNOWN_SCOPE');
    expect(error.message).toContain('"request"');
    expect(error.message).toContain('bind("user")');
    expect(error.message).toMatch(LOCATION);
  });

  it('raises UnknownScopeError for toClass and toInstance bindings too', () => {
    class Store {}
    for (const configure of [
      (bind: Bind) => bind('store').toClass(Store, { inScope: 'session' }),
      (bind: Bind) => bind('store').toInstance(new Store(), { inScope: 'session' }),
    ]) {
      const error = errorOf(() => newObjectGraph({ classes: [], bindingSpecs: [specOf(configure)] }));
      expect(error).toBeInstanceOf(UnknownScopeError);
      expect(error.code).toBe('UNKNOWN_SCOPE');
      expect(error.message).toContain('"session"');
      expect(error.message).toContain('bind("store")');
      expect(error.message).toMatch(LOCATION);
    }
  });
});

describe('graph.provide(Cls) goes through Cls’s own binding (SPEC §4)', () => {
  it('returns the same singleton root every time, and the one injected elsewhere', () => {
    class Db {}
    class Repo {
      constructor(readonly db: Db) {}
    }
    const graph = newObjectGraph({ classes: [Db, Repo] });
    const db = graph.provide(Db);
    expect(graph.provide(Db)).toBe(db);
    expect(graph.provide(Repo).db).toBe(db);
    expect(graph.get('db')).toBe(db);
  });

  it('returns a new root each time when Cls’s own binding is PROTOTYPE', () => {
    class Handler {}
    const graph = newObjectGraph({
      classes: [],
      bindingSpecs: [specOf((bind) => bind('handler').toClass(Handler, { inScope: PROTOTYPE }))],
    });
    const first = graph.provide(Handler);
    expect(first).toBeInstanceOf(Handler);
    expect(graph.provide(Handler)).not.toBe(first);
  });

  it('asks a custom scope for the root when Cls’s own binding is in it', () => {
    const request = new RecordingScope();
    class Session {}
    const graph = newObjectGraph({
      classes: [],
      idToScope: { request },
      bindingSpecs: [specOf((bind) => bind('session').toClass(Session, { inScope: 'request' }))],
    });
    const session = graph.provide(Session);
    expect(graph.provide(Session)).toBe(session);
    request.clear();
    expect(graph.provide(Session)).not.toBe(session);
  });

  it('builds a class that is not among `classes` directly, a new object each call, with its dependencies injected', () => {
    class Db {}
    class Report {
      constructor(readonly db: Db) {}
    }
    const graph = newObjectGraph({ classes: [Db] });
    const first = graph.provide(Report);
    const second = graph.provide(Report);
    expect(first).toBeInstanceOf(Report);
    expect(second).not.toBe(first);
    expect(second.db).toBe(first.db);
    expect(() => graph.get('report')).toThrow(NothingInjectableForArgError);
  });

  it('builds Cls directly when the binding of its name targets something else', () => {
    class Db {}
    class FakeDb {}
    const fake = new FakeDb();
    const graph = newObjectGraph({
      classes: [Db],
      bindingSpecs: [specOf((bind) => bind('db').toInstance(fake))],
    });
    const db = graph.provide(Db);
    expect(db).toBeInstanceOf(Db);
    expect(graph.provide(Db)).not.toBe(db);
    expect(graph.get('db')).toBe(fake);
  });

  it('builds Cls directly when two classes of its name make the binding ambiguous', () => {
    const makeDb = () =>
      class Db {
        constructor(readonly clock: Clock) {}
      };
    class Clock {}
    const FirstDb = makeDb();
    const SecondDb = makeDb();
    const graph = newObjectGraph({ classes: [Clock, FirstDb, SecondDb] });
    const db = graph.provide(FirstDb);
    expect(db).toBeInstanceOf(FirstDb);
    expect(graph.provide(FirstDb)).not.toBe(db);
    expect(graph.provide(SecondDb)).toBeInstanceOf(SecondDb);
    expect(db.clock).toBe(graph.get('clock'));
  });
});

describe('graph.get(name, { annotatedWith }) (SPEC §4)', () => {
  it('returns what a parameter of that name and annotation would receive', () => {
    class Cache {}
    const hot = new Cache();
    const cold = new Cache();
    class Service {
      constructor(readonly cache: Cache) {}
    }
    const graph = newObjectGraph({
      classes: [Service],
      bindingSpecs: [
        specOf((bind) => {
          bind('cache').toInstance(cold);
          bind('cache', { annotatedWith: 'hot' }).toInstance(hot);
        }),
      ],
    });
    expect(graph.get('cache')).toBe(cold);
    expect(graph.get('cache', { annotatedWith: 'hot' })).toBe(hot);
    expect(graph.get('cache', {})).toBe(cold);
    expect(graph.provide(Service).cache).toBe(cold);
    expect(graph.get('service')).toBe(graph.provide(Service));
  });

  it('raises NothingInjectableForArgError naming the annotated key when nothing is bound to it', () => {
    const graph = newObjectGraph({
      classes: [],
      bindingSpecs: [specOf((bind) => bind('cache').toInstance(new Map()))],
    });
    const error = errorOf(() => graph.get('cache', { annotatedWith: 'hot' }));
    expect(error).toBeInstanceOf(NothingInjectableForArgError);
    expect(error.code).toBe('NOTHING_INJECTABLE_FOR_ARG');
    expect(error.message).toContain('"cache" annotated with "hot"');
  });
});
