// awilix 13, InjectionMode.PROXY (awilix's default): each constructor receives the container's
// cradle, a Proxy that resolves a dependency when the constructor reads it.
import { asClass, createContainer, InjectionMode } from 'awilix';
import { loadGenerated } from '../generated.js';
import type { Contender, FrameProbe, GeneratedS5 } from '../scenarios.js';

class Config {}
class Single {
  readonly config: Config;
  constructor({ config }: { config: Config }) {
    this.config = config;
  }
}

class LeafA {}
class LeafB {}
class LeafC {}
class Flat {
  readonly leafA: LeafA;
  readonly leafB: LeafB;
  readonly leafC: LeafC;
  constructor({ leafA, leafB, leafC }: { leafA: LeafA; leafB: LeafB; leafC: LeafC }) {
    this.leafA = leafA;
    this.leafB = leafB;
    this.leafC = leafC;
  }
}

class Deep9 {
  readonly leafA: LeafA;
  readonly leafB: LeafB;
  constructor({ leafA, leafB }: { leafA: LeafA; leafB: LeafB }) {
    this.leafA = leafA;
    this.leafB = leafB;
  }
}
class Deep8 {
  readonly deep9: Deep9;
  readonly leafA: LeafA;
  constructor({ deep9, leafA }: { deep9: Deep9; leafA: LeafA }) {
    this.deep9 = deep9;
    this.leafA = leafA;
  }
}
class Deep7 {
  readonly deep8: Deep8;
  readonly leafA: LeafA;
  constructor({ deep8, leafA }: { deep8: Deep8; leafA: LeafA }) {
    this.deep8 = deep8;
    this.leafA = leafA;
  }
}
class Deep6 {
  readonly deep7: Deep7;
  readonly leafA: LeafA;
  constructor({ deep7, leafA }: { deep7: Deep7; leafA: LeafA }) {
    this.deep7 = deep7;
    this.leafA = leafA;
  }
}
class Deep5 {
  readonly deep6: Deep6;
  readonly leafA: LeafA;
  constructor({ deep6, leafA }: { deep6: Deep6; leafA: LeafA }) {
    this.deep6 = deep6;
    this.leafA = leafA;
  }
}
class Deep4 {
  readonly deep5: Deep5;
  readonly leafA: LeafA;
  constructor({ deep5, leafA }: { deep5: Deep5; leafA: LeafA }) {
    this.deep5 = deep5;
    this.leafA = leafA;
  }
}
class Deep3 {
  readonly deep4: Deep4;
  readonly leafA: LeafA;
  constructor({ deep4, leafA }: { deep4: Deep4; leafA: LeafA }) {
    this.deep4 = deep4;
    this.leafA = leafA;
  }
}
class Deep2 {
  readonly deep3: Deep3;
  readonly leafA: LeafA;
  constructor({ deep3, leafA }: { deep3: Deep3; leafA: LeafA }) {
    this.deep3 = deep3;
    this.leafA = leafA;
  }
}
class Deep1 {
  readonly deep2: Deep2;
  readonly leafA: LeafA;
  constructor({ deep2, leafA }: { deep2: Deep2; leafA: LeafA }) {
    this.deep2 = deep2;
    this.leafA = leafA;
  }
}
class Deep0 {
  readonly deep1: Deep1;
  readonly leafA: LeafA;
  constructor({ deep1, leafA }: { deep1: Deep1; leafA: LeafA }) {
    this.deep1 = deep1;
    this.leafA = leafA;
  }
}

class Service {}
class Helper {}
class RequestContext {
  disposeCount = 0;
  readonly service: Service;
  readonly helper: Helper;
  constructor({ service, helper }: { service: Service; helper: Helper }) {
    this.service = service;
    this.helper = helper;
  }
  dispose() {
    this.disposeCount++;
  }
}

const DEEP = [Deep0, Deep1, Deep2, Deep3, Deep4, Deep5, Deep6, Deep7, Deep8, Deep9];

const proxy = () => createContainer({ injectionMode: InjectionMode.PROXY });

function transientContainer() {
  return proxy().register({
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

export const awilixProxy: Contender = {
  name: 'awilix PROXY',
  kind: 'peer',
  config: 'createContainer({ injectionMode: PROXY }); constructors destructure the cradle; otherwise as awilix CLASSIC',
  scenarios: {
    S1: () => {
      const container = proxy().register({
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
      const container = proxy().register({
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
      const { classes } = (await loadGenerated('awilix-proxy-s5')) as GeneratedS5;
      const names = classes.map((_, i) => `c${i}`);
      return {
        classes,
        op: () => {
          const container = proxy();
          for (let i = 0; i < classes.length; i++) container.register(names[i], asClass(classes[i]));
          return container.resolve('c199');
        },
      };
    },
  },
};
