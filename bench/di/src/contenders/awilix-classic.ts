// awilix 13, InjectionMode.CLASSIC: awilix reads the constructor's parameter names from the
// class's source text (Function.prototype.toString), so classes look like the hand-written ones.
import { asClass, createContainer, InjectionMode } from 'awilix';
import { loadGenerated } from '../generated.js';
import type { Contender, FrameProbe, GeneratedS5 } from '../scenarios.js';

class Config {}
class Single {
  constructor(readonly config: Config) {}
}

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

const DEEP = [Deep0, Deep1, Deep2, Deep3, Deep4, Deep5, Deep6, Deep7, Deep8, Deep9];

const classic = () => createContainer({ injectionMode: InjectionMode.CLASSIC });

function transientContainer() {
  return classic().register({
    flat: asClass(Flat).transient(),
    leafA: asClass(LeafA).transient(),
    leafB: asClass(LeafB).transient(),
    leafC: asClass(LeafC).transient(),
    deep0: asClass(Deep0).transient(),
    deep1: asClass(Deep1).transient(),
    deep2: asClass(Deep2).transient(),
    deep3: asClass(Deep3).transient(),
    deep4: asClass(Deep4).transient(),
    deep5: asClass(Deep5).transient(),
    deep6: asClass(Deep6).transient(),
    deep7: asClass(Deep7).transient(),
    deep8: asClass(Deep8).transient(),
    deep9: asClass(Deep9).transient(),
  });
}

export const awilixClassic: Contender = {
  name: 'awilix CLASSIC',
  kind: 'peer',
  config:
    "createContainer({ injectionMode: CLASSIC }); asClass(X).singleton() / .transient() / .scoped().disposer(c => c.dispose()); container.resolve('name'); S4 createScope() + await scope.dispose()",
  scenarios: {
    S1: () => {
      const container = classic().register({
        config: asClass(Config).singleton(),
        single: asClass(Single).singleton(),
      });
      container.resolve('single');
      return { classes: { Single, Config }, op: () => container.resolve('single') };
    },
    S2: () => {
      const container = transientContainer();
      return { classes: { Flat, LeafA, LeafB, LeafC }, op: () => container.resolve('flat') };
    },
    S3: () => {
      const container = transientContainer();
      return { classes: { deep: DEEP, LeafA, LeafB }, op: () => container.resolve('deep0') };
    },
    S4: () => {
      const container = classic().register({
        service: asClass(Service).singleton(),
        helper: asClass(Helper).transient(),
        requestContext: asClass(RequestContext)
          .scoped()
          .disposer((ctx) => ctx.dispose()),
      });
      return {
        classes: { RequestContext, Service, Helper },
        op: async () => {
          const scope = container.createScope();
          const ctx = scope.resolve<RequestContext>('requestContext');
          await scope.dispose();
          return ctx;
        },
        sameFrame: async (): Promise<FrameProbe> => {
          const scope = container.createScope();
          const first = scope.resolve<RequestContext>('requestContext');
          const probe = { first, second: scope.resolve('requestContext'), disposedInside: first.disposeCount };
          await scope.dispose();
          return probe;
        },
      };
    },
    S5: async () => {
      const { classes } = (await loadGenerated('awilix-classic-s5')) as GeneratedS5;
      const names = classes.map((_, i) => `c${i}`);
      return {
        classes,
        op: () => {
          const container = classic();
          for (let i = 0; i < classes.length; i++) container.register(names[i], asClass(classes[i]));
          return container.resolve('c199');
        },
      };
    },
  },
};
