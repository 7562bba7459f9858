// The DI benchmark's correctness checks (bench/di/src/checks.ts), without any timing: the
// benchmark reports a contender as FAILED instead of timing it when its check throws, so each
// check must pass for correct graphs and fail, with its reason, for each kind of wrong one.
// Here because Jest's roots are packages/ and examples/; bench/ itself has no Jest project. The
// contenders used are the hand-written baselines and Pinion (through the runtime's sources); the
// peers are ESM-only packages or need the benchmark's bundle.
import { CheckFailure, checkS1, checkS2, checkS3, checkS4, checkS5, checkS6 } from '../../../../bench/di/src/checks.js';
import { handwritten, handwrittenAls } from '../../../../bench/di/src/contenders/handwritten.js';
import { pinionGet, pinionJitless, pinionProvide } from '../../../../bench/di/src/contenders/pinion.js';
import type { Contender, FrameProbe, S4, Scenarios } from '../../../../bench/di/src/scenarios.js';

async function failure(check: Promise<void>): Promise<string> {
  try {
    await check;
  } catch (error) {
    expect(error).toBeInstanceOf(CheckFailure);
    return (error as Error).message;
  }
  throw new Error('expected the check to fail');
}

const build = async <K extends keyof Scenarios>(contender: Contender, id: K): Promise<Scenarios[K]> =>
  (await contender.scenarios[id]!()) as Scenarios[K];

describe('real contenders pass', () => {
  for (const contender of [handwritten, pinionProvide, pinionGet, pinionJitless]) {
    test(`${contender.name}: S1 S2 S3 S4 S6`, async () => {
      await checkS1(await build(contender, 'S1'));
      await checkS2(await build(contender, 'S2'));
      await checkS3(await build(contender, 'S3'));
      await checkS4(await build(contender, 'S4'));
      await checkS6(await build(contender, 'S6'));
    });
  }

  test('hand-written in AsyncLocalStorage.run: S4', async () => {
    await checkS4(await build(handwrittenAls, 'S4'));
  });
});

class Config {}
class Single {
  constructor(readonly config: Config) {}
}
class LeafA {}
class LeafB {}
class LeafC {}
class Flat {
  constructor(
    readonly leafA: unknown,
    readonly leafB: unknown,
    readonly leafC: unknown,
  ) {}
}

describe('S1 warm singleton', () => {
  const classes = { Single, Config };
  const single = new Single(new Config());

  test('passes for one shared object', async () => {
    await checkS1({ classes, op: () => single });
  });

  test('fails when each resolution is a new object', async () => {
    expect(await failure(checkS1({ classes, op: () => new Single(new Config()) }))).toContain(
      'single (a singleton) should be the same object each time',
    );
  });

  test('fails for an object of another class, or a dependency in the wrong field', async () => {
    expect(await failure(checkS1({ classes, op: () => new Config() }))).toContain(
      'single should be an instance of Single, got an instance of Config',
    );
    expect(await failure(checkS1({ classes, op: () => new Single(new LeafA()) }))).toContain(
      'single.config should be an instance of Config',
    );
  });
});

describe('S2 transient flat', () => {
  const classes = { Flat, LeafA, LeafB, LeafC };

  test('passes for four new objects each time', async () => {
    await checkS2({ classes, op: () => new Flat(new LeafA(), new LeafB(), new LeafC()) });
  });

  test('fails when dependencies land in the wrong fields', async () => {
    const swapped = () => new Flat(new LeafB(), new LeafA(), new LeafC());
    expect(await failure(checkS2({ classes, op: swapped }))).toContain(
      'flat.leafA should be an instance of LeafA, got an instance of LeafB',
    );
  });

  test('fails when a transient dependency is shared', async () => {
    const shared = new LeafC();
    expect(await failure(checkS2({ classes, op: () => new Flat(new LeafA(), new LeafB(), shared) }))).toContain(
      'flat.leafC should be a new object each time',
    );
  });

  test('fails when the root is shared', async () => {
    const flat = new Flat(new LeafA(), new LeafB(), new LeafC());
    expect(await failure(checkS2({ classes, op: () => flat }))).toContain('flat should be a new object each time');
  });
});

describe('S3 transient deep', () => {
  /** deep0 … deep9 as plain classes: `deep_i` holds `deep{i+1}` and `leafA`, deep9 `leafA` and `leafB`. */
  const deep = Array.from({ length: 10 }, (_, i) => {
    const cls = class {
      [field: string]: unknown;
      constructor(next: unknown, leafA: unknown, leafB?: unknown) {
        if (i < 9) this[`deep${i + 1}`] = next;
        else this.leafB = leafB;
        this.leafA = leafA;
      }
    };
    Object.defineProperty(cls, 'name', { value: `Deep${i}` });
    return cls;
  });
  const classes = { deep, LeafA, LeafB };
  const chain = (leafA: () => unknown) => {
    let node: unknown = new deep[9](undefined, leafA(), new LeafB());
    for (let i = 8; i >= 0; i--) node = new deep[i](node, leafA());
    return node;
  };

  test('passes for 21 new objects each time', async () => {
    await checkS3({ classes, op: () => chain(() => new LeafA()) });
  });

  test('fails when one resolution shares a transient leaf', async () => {
    const leafA = new LeafA();
    expect(await failure(checkS3({ classes, op: () => chain(() => leafA) }))).toContain(
      'one resolution should hold 21 distinct objects (all transient), got 12',
    );
  });

  test('fails when a level is missing', async () => {
    const short = () => new deep[0](new deep[2](undefined, new LeafA()), new LeafA());
    expect(await failure(checkS3({ classes, op: short }))).toContain(
      'deep0.deep1 should be an instance of Deep1, got an instance of Deep2',
    );
  });
});

describe('S4 request scope', () => {
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
  const classes = { RequestContext, Service, Helper };
  const service = new Service();

  /** A request scope with one fault, injected by the options. */
  function scope(fault: { dispose?: number; share?: boolean; freshWithinFrame?: boolean; early?: boolean } = {}): S4 {
    let shared: RequestContext | undefined;
    const make = () => {
      if (fault.share) {
        shared ??= new RequestContext(service, new Helper());
        return shared;
      }
      return new RequestContext(service, new Helper());
    };
    const end = (ctx: RequestContext) => {
      // A shared object is disposed once only, so that only the sharing is wrong.
      if (fault.share && ctx.disposeCount > 0) return;
      for (let i = 0; i < (fault.dispose ?? 1); i++) ctx.dispose();
    };
    return {
      classes,
      op: () => {
        const ctx = make();
        end(ctx);
        return ctx;
      },
      sameFrame: (): FrameProbe => {
        const first = make();
        if (fault.early) first.dispose();
        const second = fault.freshWithinFrame ? make() : first;
        const probe = { first, second, disposedInside: first.disposeCount };
        if (!fault.early) end(first);
        return probe;
      },
    };
  }

  test('passes for one request context per frame, disposed once at its end', async () => {
    await checkS4(scope());
  });

  test('fails when disposal is never called, or called twice', async () => {
    expect(await failure(checkS4(scope({ dispose: 0 })))).toContain(
      'requestContext should be disposed once when its frame ends, was 0 times',
    );
    expect(await failure(checkS4(scope({ dispose: 2 })))).toContain('was 2 times');
  });

  test('fails when disposal comes before the frame ends', async () => {
    expect(await failure(checkS4(scope({ early: true })))).toContain(
      'requestContext was disposed 1 time(s) before its frame ended',
    );
  });

  test('fails when the request context is not shared within a frame', async () => {
    expect(await failure(checkS4(scope({ freshWithinFrame: true })))).toContain(
      'requestContext within one frame (request-scoped) should be the same object each time',
    );
  });

  test('fails when the request context outlives its frame (shared across frames)', async () => {
    expect(await failure(checkS4(scope({ share: true })))).toContain(
      'requestContext across frames (request-scoped) should be a new object each time',
    );
  });
});

describe('S5 start-up', () => {
  /** C0 … C199 as plain classes: C_i holds `c_{(i-1)>>1}`. */
  const classes = Array.from({ length: 200 }, (_, i) => {
    const cls = class {
      [field: string]: unknown;
      constructor(parent?: unknown) {
        if (i > 0) this[`c${(i - 1) >> 1}`] = parent;
      }
    };
    Object.defineProperty(cls, 'name', { value: `C${i}` });
    return cls;
  });
  const resolve = (i: number, made: Map<number, unknown>): unknown => {
    if (!made.has(i)) made.set(i, new classes[i](i === 0 ? undefined : resolve((i - 1) >> 1, made)));
    return made.get(i);
  };

  test('passes when every start-up builds its own objects', async () => {
    await checkS5({ classes, op: () => resolve(199, new Map()) });
  });

  test('fails when start-ups share objects (a container reused instead of built)', async () => {
    const container = new Map<number, unknown>();
    expect(await failure(checkS5({ classes, op: () => resolve(199, container) }))).toContain(
      'two start-ups share 8 object(s)',
    );
  });
});

describe('S6 async', () => {
  const conns = Array.from({ length: 10 }, (_, i) => {
    const cls = class {};
    Object.defineProperty(cls, 'name', { value: `Conn${i}` });
    return cls;
  });
  const repos = conns.map((_, i) => {
    const cls = class {
      [field: string]: unknown;
      constructor(conn: unknown) {
        this[`conn${i}`] = conn;
      }
    };
    Object.defineProperty(cls, 'name', { value: `Repo${i}` });
    return cls;
  });
  class AsyncRoot {
    [field: string]: unknown;
    constructor(repoList: unknown[]) {
      repoList.forEach((repo, i) => {
        this[`repo${i}`] = repo;
      });
    }
  }
  const classes = { AsyncRoot, repos, conns };

  /** Async singletons created by `connect`, cached as promises unless `cache` is false. */
  function scenario(cache = true) {
    let calls = 0;
    const pending = new Map<number, Promise<unknown>>();
    const connect = (i: number) => {
      let p = cache ? pending.get(i) : undefined;
      if (!p) {
        calls++;
        p = Promise.resolve().then(() => new conns[i]());
        pending.set(i, p);
      }
      return p;
    };
    return {
      classes,
      op: async () => new AsyncRoot(await Promise.all(repos.map(async (Repo, i) => new Repo(await connect(i))))),
      providerCalls: () => calls,
    };
  }

  test('passes when each async singleton is created once, even under concurrent first requests', async () => {
    await checkS6(scenario());
  });

  test('fails when async singletons are created per request', async () => {
    expect(await failure(checkS6(scenario(false)))).toContain(
      'conn0 (an async singleton, two concurrent first requests) should be the same object each time',
    );
  });

  test('fails when resolution is not asynchronous', async () => {
    const sync = { ...scenario(), op: () => new AsyncRoot([]) };
    expect(await failure(checkS6(sync))).toContain('resolving asyncRoot should return a promise');
  });
});
