// typed-inject 5: each class lists its dependencies' tokens in `static inject`; every
// `provideClass` returns a new child injector. S4 uses a child injector per request
// (createChildInjector(), then provideClass of the request context) ended by `await scope.dispose()`.
import { createInjector, Scope } from 'typed-inject';
import { loadGenerated } from '../generated.js';
import type { Contender, FrameProbe, GeneratedS5 } from '../scenarios.js';

class Config {}
class Single {
  static inject = ['config'] as const;
  constructor(readonly config: Config) {}
}

class LeafA {}
class LeafB {}
class LeafC {}
class Flat {
  static inject = ['leafA', 'leafB', 'leafC'] as const;
  constructor(
    readonly leafA: LeafA,
    readonly leafB: LeafB,
    readonly leafC: LeafC,
  ) {}
}

class Deep9 {
  static inject = ['leafA', 'leafB'] as const;
  constructor(
    readonly leafA: LeafA,
    readonly leafB: LeafB,
  ) {}
}
class Deep8 {
  static inject = ['deep9', 'leafA'] as const;
  constructor(
    readonly deep9: Deep9,
    readonly leafA: LeafA,
  ) {}
}
class Deep7 {
  static inject = ['deep8', 'leafA'] as const;
  constructor(
    readonly deep8: Deep8,
    readonly leafA: LeafA,
  ) {}
}
class Deep6 {
  static inject = ['deep7', 'leafA'] as const;
  constructor(
    readonly deep7: Deep7,
    readonly leafA: LeafA,
  ) {}
}
class Deep5 {
  static inject = ['deep6', 'leafA'] as const;
  constructor(
    readonly deep6: Deep6,
    readonly leafA: LeafA,
  ) {}
}
class Deep4 {
  static inject = ['deep5', 'leafA'] as const;
  constructor(
    readonly deep5: Deep5,
    readonly leafA: LeafA,
  ) {}
}
class Deep3 {
  static inject = ['deep4', 'leafA'] as const;
  constructor(
    readonly deep4: Deep4,
    readonly leafA: LeafA,
  ) {}
}
class Deep2 {
  static inject = ['deep3', 'leafA'] as const;
  constructor(
    readonly deep3: Deep3,
    readonly leafA: LeafA,
  ) {}
}
class Deep1 {
  static inject = ['deep2', 'leafA'] as const;
  constructor(
    readonly deep2: Deep2,
    readonly leafA: LeafA,
  ) {}
}
class Deep0 {
  static inject = ['deep1', 'leafA'] as const;
  constructor(
    readonly deep1: Deep1,
    readonly leafA: LeafA,
  ) {}
}

class Service {}
class Helper {}
class RequestContext {
  static inject = ['service', 'helper'] as const;
  disposeCount = 0;
  constructor(
    readonly service: Service,
    readonly helper: Helper,
  ) {}
  dispose() {
    this.disposeCount++;
  }
}

const DEEP = [Deep0, Deep1, Deep2, Deep3, Deep4, Deep5, Deep6, Deep7, Deep8, Deep9];

const transientInjector = () =>
  createInjector()
    .provideClass('leafA', LeafA, Scope.Transient)
    .provideClass('leafB', LeafB, Scope.Transient)
    .provideClass('leafC', LeafC, Scope.Transient)
    .provideClass('flat', Flat, Scope.Transient)
    .provideClass('deep9', Deep9, Scope.Transient)
    .provideClass('deep8', Deep8, Scope.Transient)
    .provideClass('deep7', Deep7, Scope.Transient)
    .provideClass('deep6', Deep6, Scope.Transient)
    .provideClass('deep5', Deep5, Scope.Transient)
    .provideClass('deep4', Deep4, Scope.Transient)
    .provideClass('deep3', Deep3, Scope.Transient)
    .provideClass('deep2', Deep2, Scope.Transient)
    .provideClass('deep1', Deep1, Scope.Transient)
    .provideClass('deep0', Deep0, Scope.Transient);

export const typedInject: Contender = {
  name: 'typed-inject',
  kind: 'peer',
  config:
    "createInjector().provideClass('name', Cls, Scope.Singleton | Scope.Transient)…; injector.resolve('name'); S4 createChildInjector() per request + provideClass(…, Scope.Singleton), ended by await scope.dispose()",
  scenarios: {
    S1: () => {
      const injector = createInjector()
        .provideClass('config', Config, Scope.Singleton)
        .provideClass('single', Single, Scope.Singleton);
      injector.resolve('single');
      return { classes: { Single, Config }, op: () => injector.resolve('single') };
    },
    S2: () => {
      const injector = transientInjector();
      return { classes: { Flat, LeafA, LeafB, LeafC }, op: () => injector.resolve('flat') };
    },
    S3: () => {
      const injector = transientInjector();
      return { classes: { deep: DEEP, LeafA, LeafB }, op: () => injector.resolve('deep0') };
    },
    S4: () => {
      const root = createInjector()
        .provideClass('service', Service, Scope.Singleton)
        .provideClass('helper', Helper, Scope.Transient);
      return {
        classes: { RequestContext, Service, Helper },
        op: async () => {
          const scope = root.createChildInjector();
          const ctx = scope.provideClass('requestContext', RequestContext, Scope.Singleton).resolve('requestContext');
          await scope.dispose();
          return ctx;
        },
        sameFrame: async (): Promise<FrameProbe> => {
          const scope = root.createChildInjector();
          const request = scope.provideClass('requestContext', RequestContext, Scope.Singleton);
          const first = request.resolve('requestContext');
          const probe = { first, second: request.resolve('requestContext'), disposedInside: first.disposeCount };
          await scope.dispose();
          return probe;
        },
      };
    },
    S5: async () => {
      const { classes } = (await loadGenerated('typed-inject-s5')) as GeneratedS5;
      const names = classes.map((_, i) => `c${i}`);
      return {
        classes,
        op: () => {
          // 200 chained provideClass calls, as a loop: typed-inject's types cannot follow a loop.
          let injector: any = createInjector();
          for (let i = 0; i < classes.length; i++) injector = injector.provideClass(names[i], classes[i]);
          return injector.resolve('c199');
        },
      };
    },
  },
};
