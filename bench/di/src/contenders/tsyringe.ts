// tsyringe 4 with reflect-metadata, in its usual "implicit" mode: classes are their own tokens and
// `@injectable()` reads the constructor's parameter types from `design:paramtypes`. esbuild does
// not emit decorator metadata, and bench/ is type-checked with standard decorators, so each class
// gets what `tsc --experimentalDecorators --emitDecoratorMetadata` emits for
// `@injectable() class X { constructor(a: A, b: B) }`: the `design:paramtypes` metadata, then
// `injectable()` applied to the class.
import 'reflect-metadata';
import { container, injectable, Lifecycle } from 'tsyringe';
import { loadGenerated } from '../generated.js';
import type { Class, Contender, FrameProbe, GeneratedS5 } from '../scenarios.js';

function injectableWith(cls: Class, paramTypes: readonly Class[] = []): void {
  Reflect.defineMetadata('design:paramtypes', paramTypes, cls);
  injectable()(cls as new (...args: unknown[]) => unknown);
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

const DEEP = [Deep0, Deep1, Deep2, Deep3, Deep4, Deep5, Deep6, Deep7, Deep8, Deep9];

/** An application container (tsyringe's global `container` stays empty). */
const appContainer = () => container.createChildContainer();

function transientContainer() {
  const app = appContainer();
  for (const cls of [Flat, LeafA, LeafB, LeafC, ...DEEP]) {
    app.register(cls, { useClass: cls as new () => unknown });
  }
  return app;
}

export const tsyringe: Contender = {
  name: 'tsyringe',
  kind: 'peer',
  config:
    'an app container = container.createChildContainer(); registerSingleton(Cls) / register(Cls, { useClass: Cls }) (transient); resolve(Cls); S4 a child container per request, request context registered with Lifecycle.ContainerScoped, ended by await child.dispose()',
  scenarios: {
    S1: () => {
      const app = appContainer();
      app.registerSingleton(Config);
      app.registerSingleton(Single);
      app.resolve(Single);
      return { classes: { Single, Config }, op: () => app.resolve(Single) };
    },
    S2: () => {
      const app = transientContainer();
      return { classes: { Flat, LeafA, LeafB, LeafC }, op: () => app.resolve(Flat) };
    },
    S3: () => {
      const app = transientContainer();
      return { classes: { deep: DEEP, LeafA, LeafB }, op: () => app.resolve(Deep0) };
    },
    S4: () => {
      const app = appContainer();
      app.registerSingleton(Service);
      app.register(Helper, { useClass: Helper });
      app.register(RequestContext, { useClass: RequestContext }, { lifecycle: Lifecycle.ContainerScoped });
      return {
        classes: { RequestContext, Service, Helper },
        op: async () => {
          const child = app.createChildContainer();
          const ctx = child.resolve(RequestContext);
          await child.dispose();
          return ctx;
        },
        sameFrame: async (): Promise<FrameProbe> => {
          const child = app.createChildContainer();
          const first = child.resolve(RequestContext);
          const probe = { first, second: child.resolve(RequestContext), disposedInside: first.disposeCount };
          await child.dispose();
          return probe;
        },
      };
    },
    S5: async () => {
      const { classes } = (await loadGenerated('tsyringe-s5')) as GeneratedS5;
      const C199 = classes[199];
      return {
        classes,
        op: () => {
          const app = appContainer();
          for (const cls of classes) app.register(cls, { useClass: cls as new () => unknown });
          return app.resolve(C199);
        },
      };
    },
  },
};
