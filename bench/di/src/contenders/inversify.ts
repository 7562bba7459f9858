// inversify 8: classes as service identifiers, `@injectable()` and `@inject(Token)` parameter
// decorators. bench/ is type-checked under this repo's standard-decorator tsconfig, where parameter
// decorators are a syntax error (TS1206), so the decorators are applied with inversify's own
// `decorate()` (its API for code without decorator syntax): at run time that is exactly what tsc
// emits for the decorator syntax under `experimentalDecorators`. Two rows: inversify's default
// (`jitless: true` in 8.2) and `new Container({ jitless: false })`, which compiles plans.
import 'reflect-metadata';
import { Container, decorate, inject, injectable, type ServiceIdentifier } from 'inversify';
import { loadGenerated } from '../generated.js';
import type { AnyConstructor, Class, Contender, FrameProbe, GeneratedS5 } from '../scenarios.js';

/** `@injectable() class X { constructor(@inject(A) a, @inject(B) b) }`, applied by hand. */
function injectableWith(cls: Class, deps: readonly ServiceIdentifier[] = []): void {
  deps.forEach((dep, index) => {
    decorate(inject(dep), cls, index);
  });
  decorate(injectable(), cls);
}

class Config {}
class Single {
  constructor(readonly config: Config) {}
}
injectableWith(Config);
injectableWith(Single, [Config]);

class LeafA {}
class LeafB {}
class LeafC {}
class Flat {
  constructor(
    readonly leafA: LeafA,
    readonly leafB: LeafB,
    readonly leafC: LeafC,
  ) {}
}
injectableWith(LeafA);
injectableWith(LeafB);
injectableWith(LeafC);
injectableWith(Flat, [LeafA, LeafB, LeafC]);

class Deep9 {
  constructor(
    readonly leafA: LeafA,
    readonly leafB: LeafB,
  ) {}
}
class Deep8 {
  constructor(
    readonly deep9: Deep9,
    readonly leafA: LeafA,
  ) {}
}
class Deep7 {
  constructor(
    readonly deep8: Deep8,
    readonly leafA: LeafA,
  ) {}
}
class Deep6 {
  constructor(
    readonly deep7: Deep7,
    readonly leafA: LeafA,
  ) {}
}
class Deep5 {
  constructor(
    readonly deep6: Deep6,
    readonly leafA: LeafA,
  ) {}
}
class Deep4 {
  constructor(
    readonly deep5: Deep5,
    readonly leafA: LeafA,
  ) {}
}
class Deep3 {
  constructor(
    readonly deep4: Deep4,
    readonly leafA: LeafA,
  ) {}
}
class Deep2 {
  constructor(
    readonly deep3: Deep3,
    readonly leafA: LeafA,
  ) {}
}
class Deep1 {
  constructor(
    readonly deep2: Deep2,
    readonly leafA: LeafA,
  ) {}
}
class Deep0 {
  constructor(
    readonly deep1: Deep1,
    readonly leafA: LeafA,
  ) {}
}
injectableWith(Deep9, [LeafA, LeafB]);
injectableWith(Deep8, [Deep9, LeafA]);
injectableWith(Deep7, [Deep8, LeafA]);
injectableWith(Deep6, [Deep7, LeafA]);
injectableWith(Deep5, [Deep6, LeafA]);
injectableWith(Deep4, [Deep5, LeafA]);
injectableWith(Deep3, [Deep4, LeafA]);
injectableWith(Deep2, [Deep3, LeafA]);
injectableWith(Deep1, [Deep2, LeafA]);
injectableWith(Deep0, [Deep1, LeafA]);

class Service {}
class Helper {}
class RequestContext {
  disposeCount = 0;
  constructor(
    readonly service: Service,
    readonly helper: Helper,
  ) {}
  dispose() {
    this.disposeCount++;
  }
}
injectableWith(Service);
injectableWith(Helper);
injectableWith(RequestContext, [Service, Helper]);

class Conn0 {}
class Conn1 {}
class Conn2 {}
class Conn3 {}
class Conn4 {}
class Conn5 {}
class Conn6 {}
class Conn7 {}
class Conn8 {}
class Conn9 {}
class Repo0 {
  constructor(readonly conn0: Conn0) {}
}
class Repo1 {
  constructor(readonly conn1: Conn1) {}
}
class Repo2 {
  constructor(readonly conn2: Conn2) {}
}
class Repo3 {
  constructor(readonly conn3: Conn3) {}
}
class Repo4 {
  constructor(readonly conn4: Conn4) {}
}
class Repo5 {
  constructor(readonly conn5: Conn5) {}
}
class Repo6 {
  constructor(readonly conn6: Conn6) {}
}
class Repo7 {
  constructor(readonly conn7: Conn7) {}
}
class Repo8 {
  constructor(readonly conn8: Conn8) {}
}
class Repo9 {
  constructor(readonly conn9: Conn9) {}
}
class AsyncRoot {
  constructor(
    readonly repo0: Repo0,
    readonly repo1: Repo1,
    readonly repo2: Repo2,
    readonly repo3: Repo3,
    readonly repo4: Repo4,
    readonly repo5: Repo5,
    readonly repo6: Repo6,
    readonly repo7: Repo7,
    readonly repo8: Repo8,
    readonly repo9: Repo9,
  ) {}
}
const REPOS: readonly AnyConstructor[] = [Repo0, Repo1, Repo2, Repo3, Repo4, Repo5, Repo6, Repo7, Repo8, Repo9];
const CONNS: readonly AnyConstructor[] = [Conn0, Conn1, Conn2, Conn3, Conn4, Conn5, Conn6, Conn7, Conn8, Conn9];
REPOS.forEach((Repo, i) => {
  injectableWith(Repo, [CONNS[i]]);
});
injectableWith(AsyncRoot, REPOS);

const DEEP = [Deep0, Deep1, Deep2, Deep3, Deep4, Deep5, Deep6, Deep7, Deep8, Deep9];

function inversify(name: string, jitless: boolean): Contender {
  const newContainer = () => new Container({ jitless });
  const transientContainer = () => {
    const container = newContainer();
    for (const cls of [Flat, LeafA, LeafB, LeafC, ...DEEP]) container.bind(cls).toSelf().inTransientScope();
    return container;
  };
  return {
    name,
    kind: 'peer',
    config: `new Container({ jitless: ${jitless} }); bind(Cls).toSelf().inSingletonScope() / .inTransientScope(); container.get(Cls); S4 a child container per request (new Container({ parent })) with the request context bound inSingletonScope().onDeactivation(c => c.dispose()), ended by child.unbindAll(); S6 toDynamicValue(async …).inSingletonScope() + getAsync`,
    scenarios: {
      S1: () => {
        const container = newContainer();
        container.bind(Config).toSelf().inSingletonScope();
        container.bind(Single).toSelf().inSingletonScope();
        container.get(Single);
        return { classes: { Single, Config }, op: () => container.get(Single) };
      },
      S2: () => {
        const container = transientContainer();
        return { classes: { Flat, LeafA, LeafB, LeafC }, op: () => container.get(Flat) };
      },
      S3: () => {
        const container = transientContainer();
        return { classes: { deep: DEEP, LeafA, LeafB }, op: () => container.get(Deep0) };
      },
      S4: () => {
        const root = newContainer();
        root.bind(Service).toSelf().inSingletonScope();
        root.bind(Helper).toSelf().inTransientScope();
        const openRequest = () => {
          const child = new Container({ parent: root, jitless });
          child
            .bind(RequestContext)
            .toSelf()
            .inSingletonScope()
            .onDeactivation((ctx) => ctx.dispose());
          return child;
        };
        return {
          classes: { RequestContext, Service, Helper },
          op: () => {
            const child = openRequest();
            const ctx = child.get(RequestContext);
            child.unbindAll();
            return ctx;
          },
          sameFrame: (): FrameProbe => {
            const child = openRequest();
            const first = child.get(RequestContext);
            const probe = { first, second: child.get(RequestContext), disposedInside: first.disposeCount };
            child.unbindAll();
            return probe;
          },
        };
      },
      S5: async () => {
        const { classes } = (await loadGenerated('inversify-s5')) as GeneratedS5;
        const C199 = classes[199];
        return {
          classes,
          op: () => {
            const container = newContainer();
            for (const cls of classes) container.bind(cls).toSelf();
            return container.get(C199);
          },
        };
      },
      S6: () => {
        let providerCalls = 0;
        const container = newContainer();
        CONNS.forEach((Conn) => {
          container
            .bind(Conn)
            .toDynamicValue(async () => {
              providerCalls++;
              return new Conn();
            })
            .inSingletonScope();
        });
        for (const Repo of REPOS) container.bind(Repo).toSelf().inTransientScope();
        container.bind(AsyncRoot).toSelf().inTransientScope();
        return {
          classes: { AsyncRoot, repos: REPOS, conns: CONNS },
          op: () => container.getAsync(AsyncRoot),
          providerCalls: () => providerCalls,
        };
      },
    },
  };
}

export const inversifyDefault = inversify('inversify', true);
export const inversifyJit = inversify('inversify (jitless: false)', false);
