// Pinion, built like a user's code: this file (and the generated S5/S7 classes) goes through
// Pinion's esbuild plugin, which writes each class's constructor parameter names into it; the
// runtime is @pinion/runtime's dist. Wiring is by argument name: `leafA` is a LeafA.
import {
  type Bind,
  BindingSpec,
  ContextScope,
  GraphValidationError,
  newObjectGraph,
  PROTOTYPE,
  SINGLETON,
  scopeOrder,
} from '@pinion/runtime';
import { CheckFailure } from '../checks.js';
import { loadGenerated } from '../generated.js';
import type { AnyConstructor, Class, Contender, FrameProbe, GeneratedS5, Scenarios } from '../scenarios.js';

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
const REPOS = [Repo0, Repo1, Repo2, Repo3, Repo4, Repo5, Repo6, Repo7, Repo8, Repo9];
const CONNS = [Conn0, Conn1, Conn2, Conn3, Conn4, Conn5, Conn6, Conn7, Conn8, Conn9];

/** S2 and S3: every class transient. */
class TransientSpec extends BindingSpec {
  configure(bind: Bind) {
    bind('flat').toClass(Flat, { inScope: PROTOTYPE });
    bind('leafA').toClass(LeafA, { inScope: PROTOTYPE });
    bind('leafB').toClass(LeafB, { inScope: PROTOTYPE });
    bind('leafC').toClass(LeafC, { inScope: PROTOTYPE });
    bind('deep0').toClass(Deep0, { inScope: PROTOTYPE });
    bind('deep1').toClass(Deep1, { inScope: PROTOTYPE });
    bind('deep2').toClass(Deep2, { inScope: PROTOTYPE });
    bind('deep3').toClass(Deep3, { inScope: PROTOTYPE });
    bind('deep4').toClass(Deep4, { inScope: PROTOTYPE });
    bind('deep5').toClass(Deep5, { inScope: PROTOTYPE });
    bind('deep6').toClass(Deep6, { inScope: PROTOTYPE });
    bind('deep7').toClass(Deep7, { inScope: PROTOTYPE });
    bind('deep8').toClass(Deep8, { inScope: PROTOTYPE });
    bind('deep9').toClass(Deep9, { inScope: PROTOTYPE });
  }
}

/** S4: `service` a singleton (the default), `helper` transient, `requestContext` one per request frame. */
class RequestSpec extends BindingSpec {
  configure(bind: Bind) {
    bind('helper').toClass(Helper, { inScope: PROTOTYPE });
    bind('requestContext').toClass(RequestContext, { inScope: 'request' });
  }
}

/** S6: transient repositories over async singleton connections (async provider methods). */
class AsyncSpec extends BindingSpec {
  calls = 0;
  configure(bind: Bind) {
    bind('asyncRoot').toClass(AsyncRoot, { inScope: PROTOTYPE });
    bind('repo0').toClass(Repo0, { inScope: PROTOTYPE });
    bind('repo1').toClass(Repo1, { inScope: PROTOTYPE });
    bind('repo2').toClass(Repo2, { inScope: PROTOTYPE });
    bind('repo3').toClass(Repo3, { inScope: PROTOTYPE });
    bind('repo4').toClass(Repo4, { inScope: PROTOTYPE });
    bind('repo5').toClass(Repo5, { inScope: PROTOTYPE });
    bind('repo6').toClass(Repo6, { inScope: PROTOTYPE });
    bind('repo7').toClass(Repo7, { inScope: PROTOTYPE });
    bind('repo8').toClass(Repo8, { inScope: PROTOTYPE });
    bind('repo9').toClass(Repo9, { inScope: PROTOTYPE });
  }
  async provideConn0() {
    this.calls++;
    return new Conn0();
  }
  async provideConn1() {
    this.calls++;
    return new Conn1();
  }
  async provideConn2() {
    this.calls++;
    return new Conn2();
  }
  async provideConn3() {
    this.calls++;
    return new Conn3();
  }
  async provideConn4() {
    this.calls++;
    return new Conn4();
  }
  async provideConn5() {
    this.calls++;
    return new Conn5();
  }
  async provideConn6() {
    this.calls++;
    return new Conn6();
  }
  async provideConn7() {
    this.calls++;
    return new Conn7();
  }
  async provideConn8() {
    this.calls++;
    return new Conn8();
  }
  async provideConn9() {
    this.calls++;
    return new Conn9();
  }
}

// `jitless: true` keeps resolution on closures (no `new Function`), for CSP-restricted hosts.
const transientGraph = (jitless: boolean) =>
  newObjectGraph({
    classes: [Flat, LeafA, LeafB, LeafC, ...DEEP],
    bindingSpecs: [new TransientSpec()],
    jitless,
  });

const requestGraph = (jitless: boolean) =>
  newObjectGraph({
    classes: [Service, Helper, RequestContext],
    bindingSpecs: [new RequestSpec()],
    idToScope: { request: new ContextScope() },
    isScopeUsableFromScope: scopeOrder([SINGLETON, 'request']),
    jitless,
  });

async function startUp(jitless: boolean): Promise<Scenarios['S5']> {
  const { classes } = (await loadGenerated('pinion-s5')) as GeneratedS5;
  const C199 = classes[199];
  return { classes, op: () => newObjectGraph({ classes, jitless }).provide(C199) };
}

function asyncScenario(resolve: 'provideAsync' | 'getAsync', jitless: boolean): Scenarios['S6'] {
  const spec = new AsyncSpec();
  const graph = newObjectGraph({ classes: [AsyncRoot, ...REPOS], bindingSpecs: [spec], jitless });
  return {
    classes: { AsyncRoot, repos: REPOS, conns: CONNS },
    op: resolve === 'provideAsync' ? () => graph.provideAsync(AsyncRoot) : () => graph.getAsync('asyncRoot'),
    providerCalls: () => spec.calls,
  };
}

const S4_CLASSES: Record<'RequestContext' | 'Service' | 'Helper', Class> = { RequestContext, Service, Helper };

/** Resolving with `provide(Cls)`; `jitless`: without generated code. */
function provideContender(name: string, jitless: boolean): Contender {
  return {
    name,
    kind: 'pinion',
    config: `esbuild + pinionEsbuild(); newObjectGraph({ classes, bindingSpecs${jitless ? ', jitless: true' : ''} }); transients bound toClass(…, { inScope: PROTOTYPE }); S4 ContextScope + runInScope; S6 async provider methods + provideAsync`,
    scenarios: {
      S1: () => {
        const graph = newObjectGraph({ classes: [Single, Config], jitless });
        graph.provide(Single);
        return { classes: { Single, Config }, op: () => graph.provide(Single) };
      },
      S2: () => {
        const graph = transientGraph(jitless);
        return { classes: { Flat, LeafA, LeafB, LeafC }, op: () => graph.provide(Flat) };
      },
      S3: () => {
        const graph = transientGraph(jitless);
        return { classes: { deep: DEEP, LeafA, LeafB }, op: () => graph.provide(Deep0) };
      },
      S4: () => {
        const graph = requestGraph(jitless);
        const resolve = () => graph.provide(RequestContext);
        return {
          classes: S4_CLASSES,
          op: () => graph.runInScope('request', resolve),
          sameFrame: () =>
            graph.runInScope('request', (): FrameProbe => {
              const first = graph.provide(RequestContext);
              return { first, second: graph.provide(RequestContext), disposedInside: first.disposeCount };
            }),
        };
      },
      S5: () => startUp(jitless),
      S6: () => asyncScenario('provideAsync', jitless),
    },
  };
}

export const pinionProvide = provideContender('pinion provide(Cls)', false);
export const pinionJitless = provideContender('pinion provide(Cls), jitless', true);

export const pinionGet: Contender = {
  name: 'pinion get(name)',
  kind: 'pinion',
  config: 'as provide(Cls), resolving by binding name: graph.get(name) / graph.getAsync(name)',
  scenarios: {
    S1: () => {
      const graph = newObjectGraph({ classes: [Single, Config] });
      graph.get('single');
      return { classes: { Single, Config }, op: () => graph.get('single') };
    },
    S2: () => {
      const graph = transientGraph(false);
      return { classes: { Flat, LeafA, LeafB, LeafC }, op: () => graph.get('flat') };
    },
    S3: () => {
      const graph = transientGraph(false);
      return { classes: { deep: DEEP, LeafA, LeafB }, op: () => graph.get('deep0') };
    },
    S4: () => {
      const graph = requestGraph(false);
      const resolve = () => graph.get('requestContext');
      return {
        classes: S4_CLASSES,
        op: () => graph.runInScope('request', resolve),
        sameFrame: () =>
          graph.runInScope('request', (): FrameProbe => {
            const first = graph.get<RequestContext>('requestContext');
            return { first, second: graph.get('requestContext'), disposedInside: first.disposeCount };
          }),
      };
    },
    S6: () => asyncScenario('getAsync', false),
  },
};

/** S7: `validate()` on a graph of 1,000 classes (v_i depends on v_{(i-1)>>1}), 1,000 implicit bindings. */
export async function validationScenario() {
  const { classes } = (await loadGenerated('pinion-s7')) as { classes: readonly AnyConstructor[] };
  const newGraph = () => newObjectGraph({ classes });
  return {
    bindings: classes.length,
    newGraph,
    /** The graph validates, and the same graph without `V0` fails with a problem for each class that needs it. */
    check: () => {
      if (classes.length !== 1000) throw new CheckFailure(`expected 1,000 classes, got ${classes.length}`);
      newGraph().validate();
      try {
        newObjectGraph({ classes: classes.slice(1) }).validate();
      } catch (error) {
        if (!(error instanceof GraphValidationError)) throw error;
        if (error.problems.length !== 2) {
          throw new CheckFailure(
            `without v0, validate() should report 2 problems (v1, v2), got ${error.problems.length}`,
          );
        }
        return;
      }
      throw new CheckFailure('validate() accepted a graph without v0');
    },
  };
}
