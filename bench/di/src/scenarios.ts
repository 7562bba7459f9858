// What every contender implements: one object per scenario, built (untimed) by the contender's
// factory. `op` is the timed operation; the rest is what the correctness check needs. Every
// contender declares its own classes (so no two contenders share inline caches), with the same
// shape and the same field names, so one check serves all.

export type Class = Function;

/** A class as containers' typings take it. */
export type AnyConstructor = new (...args: any[]) => object;

/** What every generated S5 module exports: `C0` … `C199`, in order. */
export interface GeneratedS5 {
  classes: readonly AnyConstructor[];
}

/** One timed operation; returns what it resolved (a promise for async contenders). */
export type Op = () => unknown;

/** S1 warm singleton: `single` (a singleton with a singleton dependency `config`), already created. */
export interface S1 {
  classes: { Single: Class; Config: Class };
  op: Op;
}

/** S2 transient flat: `flat(leafA, leafB, leafC)`, all transient: 4 objects. */
export interface S2 {
  classes: { Flat: Class; LeafA: Class; LeafB: Class; LeafC: Class };
  op: Op;
}

/** S3 transient deep: `deep_i(deep_{i+1}, leafA)` for i < 9, `deep9(leafA, leafB)`, all transient: 21 objects. */
export interface S3 {
  classes: { deep: readonly Class[]; LeafA: Class; LeafB: Class };
  op: Op;
}

/** What `S4.sameFrame` saw inside one frame. */
export interface FrameProbe {
  first: unknown;
  second: unknown;
  /** `first`'s dispose count while the frame was still open. */
  disposedInside: number;
}

/**
 * S4 request scope: open a frame, resolve `requestContext(service, helper)` (request-scoped;
 * `service` a singleton, `helper` transient), end the frame, which disposes the request context.
 * Request contexts count their disposals in `disposeCount`.
 */
export interface S4 {
  classes: { RequestContext: Class; Service: Class; Helper: Class };
  /** One whole request: open, resolve once, end (disposing); returns the request context. */
  op: Op;
  /** Resolves the request context twice in one frame; the frame has ended when this returns or settles. */
  sameFrame: () => FrameProbe | Promise<FrameProbe>;
}

/** S5 start-up: a new container of 200 classes (`c_i(c_{(i-1)>>1})`), resolve `c199`. */
export interface S5 {
  /** `C0` … `C199`, in order. */
  classes: readonly Class[];
  op: Op;
}

/**
 * S6 async: `asyncRoot(repo0 … repo9)`, transient; `repo_i(conn_i)`, transient; `conn_i` an async
 * singleton (made by an async provider). Resolved warm: the async singletons exist after the first.
 */
export interface S6 {
  classes: { AsyncRoot: Class; repos: readonly Class[]; conns: readonly Class[] };
  /** Resolves `asyncRoot`; returns a promise. */
  op: Op;
  /** How many times the async providers ran so far (each singleton once: 10). */
  providerCalls: () => number;
}

export interface Scenarios {
  S1: S1;
  S2: S2;
  S3: S3;
  S4: S4;
  S5: S5;
  S6: S6;
}

export type ScenarioId = keyof Scenarios;

/** A row of the tables: a container configured one way, or a baseline. */
export interface Contender {
  /** As printed, e.g. `inversify (jitless: false)`. */
  name: string;
  /** Baselines are what ratios divide by; peers and Pinion are compared to them. */
  kind: 'baseline' | 'pinion' | 'peer';
  /** How it is configured, for the README and results.json. */
  config: string;
  /** Builds the scenario's container (untimed). Absent: the contender does not take part. */
  scenarios: { [K in ScenarioId]?: () => Scenarios[K] | Promise<Scenarios[K]> };
}

export const SCENARIOS: Record<ScenarioId, { title: string; measures: string }> = {
  S1: {
    title: 'S1 warm singleton',
    measures: 'resolve an already-created singleton; baseline map.get(key)',
  },
  S2: {
    title: 'S2 transient flat',
    measures:
      'a transient class with three transient dependencies without dependencies (4 objects); baseline four `new`',
  },
  S3: {
    title: 'S3 transient deep',
    measures:
      'deep0 … deep9, deep_i(deep_{i+1}, leafA), deep9(leafA, leafB), all transient (21 objects); baseline the nested `new`',
  },
  S4: {
    title: 'S4 request scope',
    measures:
      'open a request frame, resolve a request-scoped object (a singleton and a transient dependency), end the frame disposing it; baselines `new` + dispose, and the same in one AsyncLocalStorage.run',
  },
  S5: {
    title: 'S5 start-up',
    measures:
      'build a container of 200 classes (c_i depends on c_{(i-1)>>1}) and resolve c199; baseline the 8 nested `new`',
  },
  S6: {
    title: 'S6 async',
    measures:
      'resolve asyncRoot(repo0 … repo9) asynchronously, repo_i transient with an async singleton conn_i (warm); baseline `new` in an async function',
  },
};
