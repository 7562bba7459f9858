// The baselines: what a user writes without a container. S1's baseline is a warm `Map.get`; S4
// has a second baseline, the same request inside one `AsyncLocalStorage.run` (the least an
// async-context-safe request scope can cost).
import { AsyncLocalStorage } from 'node:async_hooks';
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
  [Symbol.dispose]() {
    this.disposeCount++;
  }
}

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

const DEEP = [Deep0, Deep1, Deep2, Deep3, Deep4, Deep5, Deep6, Deep7, Deep8, Deep9];
const S4_CLASSES = { RequestContext, Service, Helper };

interface GeneratedHandwrittenS5 extends GeneratedS5 {
  resolveC199: () => object;
}

export const handwritten: Contender = {
  name: 'hand-written',
  kind: 'baseline',
  config: 'plain `new` calls; S1 a warm Map.get; S4 `new` + [Symbol.dispose](); S6 `new` in an async function',
  scenarios: {
    S1: () => {
      const map = new Map<string, unknown>([['single', new Single(new Config())]]);
      return { classes: { Single, Config }, op: () => map.get('single') };
    },
    S2: () => ({
      classes: { Flat, LeafA, LeafB, LeafC },
      op: () => new Flat(new LeafA(), new LeafB(), new LeafC()),
    }),
    S3: () => ({
      classes: { deep: DEEP, LeafA, LeafB },
      op: () =>
        new Deep0(
          new Deep1(
            new Deep2(
              new Deep3(
                new Deep4(
                  new Deep5(
                    new Deep6(
                      new Deep7(new Deep8(new Deep9(new LeafA(), new LeafB()), new LeafA()), new LeafA()),
                      new LeafA(),
                    ),
                    new LeafA(),
                  ),
                  new LeafA(),
                ),
                new LeafA(),
              ),
              new LeafA(),
            ),
            new LeafA(),
          ),
          new LeafA(),
        ),
    }),
    S4: () => {
      const service = new Service();
      return {
        classes: S4_CLASSES,
        op: () => {
          const ctx = new RequestContext(service, new Helper());
          ctx[Symbol.dispose]();
          return ctx;
        },
        sameFrame: (): FrameProbe => {
          const ctx = new RequestContext(service, new Helper());
          const probe = { first: ctx, second: ctx, disposedInside: ctx.disposeCount };
          ctx[Symbol.dispose]();
          return probe;
        },
      };
    },
    S5: async () => {
      const generated = (await loadGenerated('handwritten-s5')) as GeneratedHandwrittenS5;
      return { classes: generated.classes, op: generated.resolveC199 };
    },
    S6: async () => {
      let providerCalls = 0;
      const connect = async <T>(make: () => T): Promise<T> => {
        providerCalls++;
        return make();
      };
      const [c0, c1, c2, c3, c4, c5, c6, c7, c8, c9] = [
        await connect(() => new Conn0()),
        await connect(() => new Conn1()),
        await connect(() => new Conn2()),
        await connect(() => new Conn3()),
        await connect(() => new Conn4()),
        await connect(() => new Conn5()),
        await connect(() => new Conn6()),
        await connect(() => new Conn7()),
        await connect(() => new Conn8()),
        await connect(() => new Conn9()),
      ];
      return {
        classes: {
          AsyncRoot,
          repos: [Repo0, Repo1, Repo2, Repo3, Repo4, Repo5, Repo6, Repo7, Repo8, Repo9],
          conns: [Conn0, Conn1, Conn2, Conn3, Conn4, Conn5, Conn6, Conn7, Conn8, Conn9],
        },
        op: async () =>
          new AsyncRoot(
            new Repo0(c0),
            new Repo1(c1),
            new Repo2(c2),
            new Repo3(c3),
            new Repo4(c4),
            new Repo5(c5),
            new Repo6(c6),
            new Repo7(c7),
            new Repo8(c8),
            new Repo9(c9),
          ),
        providerCalls: () => providerCalls,
      };
    },
  },
};

/** S4's second baseline: the hand-written request inside one AsyncLocalStorage.run per request. */
export const handwrittenAls: Contender = {
  name: 'hand-written in ALS.run',
  kind: 'baseline',
  config:
    'S4 only: als.run(store, work) with a new store object per request; work reads als.getStore(), keeps the request context in it, disposes it',
  scenarios: {
    S4: () => {
      const als = new AsyncLocalStorage<{ ctx: RequestContext | undefined }>();
      const service = new Service();
      const work = () => {
        const store = als.getStore()!;
        const ctx = new RequestContext(service, new Helper());
        store.ctx = ctx;
        ctx[Symbol.dispose]();
        return ctx;
      };
      return {
        classes: S4_CLASSES,
        op: () => als.run({ ctx: undefined }, work),
        sameFrame: () =>
          als.run({ ctx: undefined }, (): FrameProbe => {
            const store = als.getStore()!;
            store.ctx = new RequestContext(service, new Helper());
            const probe = { first: store.ctx, second: als.getStore()!.ctx, disposedInside: store.ctx.disposeCount };
            store.ctx[Symbol.dispose]();
            return probe;
          }),
      };
    },
  },
};
