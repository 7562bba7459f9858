/**
 * The safe default of `isScopeUsableFromScope` (SPEC §4): without the option, an object outside
 * frames (SINGLETON, custom scopes) may not depend on a context-scoped object, directly or through
 * PROTOTYPE objects; `() => true` restores Pinject's behaviour.
 */
import {
  annotateArg,
  BadDependencyScopeError,
  ContextScope,
  KeyedScope,
  newObjectGraph,
  type ObjectGraphOptions,
  PROTOTYPE,
} from '@pinion/runtime';
import { errorOf, expectPinionError, specOf } from './support/assertions.js';

class RequestContext {
  static made = 0;
  readonly id = ++RequestContext.made;
}
class Formatter {
  constructor(readonly requestContext: RequestContext) {}
}
class Cache {
  constructor(readonly requestContext: RequestContext) {}
}
class Reporter {
  constructor(readonly formatter: Formatter) {}
}
class Handler {
  constructor(
    readonly requestContext: RequestContext,
    readonly formatter: Formatter,
    readonly clock: Clock,
  ) {}
}
class Clock {}
class Audit {
  constructor(readonly provideRequestContext: () => RequestContext) {}
}

function graphOf(options: ObjectGraphOptions = {}) {
  return newObjectGraph({
    classes: [Cache, Reporter, Clock, Audit],
    bindingSpecs: [
      specOf((bind) => {
        bind('requestContext').toClass(RequestContext, { inScope: 'request' });
        bind('formatter').toClass(Formatter, { inScope: PROTOTYPE });
        bind('handler').toClass(Handler, { inScope: 'request' });
      }),
    ],
    idToScope: { request: new ContextScope() },
    ...options,
  });
}
const inRequest = <R>(graph: ReturnType<typeof graphOf>, work: () => R) => graph.runInScope('request', work);

describe('the safe default', () => {
  it('refuses a singleton that depends on a context-scoped object, saying why and how to fix it', () => {
    const graph = graphOf();
    expectPinionError(
      () => inRequest(graph, () => graph.provide(Cache)),
      BadDependencyScopeError,
      'BAD_DEPENDENCY_SCOPE',
      'when injecting parameter requestContext of class Cache',
      '"requestContext" is in the context scope "request"',
      "would keep the first frame's object for ever",
      '"cache" ("singleton"): class Cache',
      '"requestContext" ("request"): bind("requestContext") at test/safe-default.test.ts:',
      'provideRequestContext',
      'isScopeUsableFromScope: () => true',
    );
  });

  it('refuses it through PROTOTYPE objects, naming the whole path', () => {
    const graph = graphOf();
    const error = errorOf(() => inRequest(graph, () => graph.provide(Reporter)));
    expect(error).toBeInstanceOf(BadDependencyScopeError);
    expect(error.path).toEqual([
      expect.stringMatching(/^"reporter" \("singleton"\): class Reporter .*, whose parameter formatter needs$/),
      expect.stringMatching(
        /^"formatter" \("prototype"\): bind\("formatter"\) at .*, whose parameter requestContext needs$/,
      ),
      expect.stringMatching(/^"requestContext" \("request"\): bind\("requestContext"\) at /),
    ]);
  });

  it('names the provider function to inject for an annotated binding by its name alone', () => {
    class AdminCache {
      constructor(readonly requestContext: RequestContext) {}
    }
    annotateArg('requestContext', 'admin')(AdminCache);
    const graph = newObjectGraph({
      classes: [AdminCache],
      bindingSpecs: [
        specOf((bind) =>
          bind('requestContext', { annotatedWith: 'admin' }).toClass(RequestContext, { inScope: 'request' }),
        ),
      ],
      idToScope: { request: new ContextScope() },
    });
    expectPinionError(
      () => inRequest(graph, () => graph.provide(AdminCache)),
      BadDependencyScopeError,
      'BAD_DEPENDENCY_SCOPE',
      '"requestContext" annotated with "admin" is in the context scope "request"',
      '(a parameter named provideRequestContext, called when',
    );
  });

  it('treats keyed scopes as context scopes too', () => {
    class Profile {}
    class Greeter {
      constructor(readonly profile: Profile) {}
    }
    const graph = newObjectGraph({
      classes: [Greeter],
      bindingSpecs: [specOf((bind) => bind('profile').toClass(Profile, { inScope: 'session' }))],
      idToScope: { session: new KeyedScope() },
    });
    expect(() => graph.runInScope('session', () => graph.provide(Greeter), { key: 'k' })).toThrow(
      BadDependencyScopeError,
    );
  });

  it('allows what keeps no frame object: frame objects using singletons and PROTOTYPE objects, provider functions, roots', () => {
    const graph = graphOf();
    inRequest(graph, () => {
      const handler = graph.get<Handler>('handler');
      expect(handler.formatter.requestContext).toBe(handler.requestContext);
      expect(graph.get<Formatter>('formatter').requestContext).toBe(handler.requestContext);
      const audit = graph.provide(Audit);
      expect(audit.provideRequestContext()).toBe(handler.requestContext);
    });
    const audit = graph.provide(Audit);
    const seen = [1, 2].map(() => inRequest(graph, () => audit.provideRequestContext()));
    expect(seen[0]).not.toBe(seen[1]);
  });

  it('is reported by validate()', () => {
    const error = errorOf(() => graphOf().validate());
    expect(error.code).toBe('GRAPH_VALIDATION');
    expect(error.problems.filter((p: Error) => p instanceof BadDependencyScopeError)).toHaveLength(2);
  });

  it("gives way to Pinject's behaviour with isScopeUsableFromScope: () => true", () => {
    const graph = graphOf({ isScopeUsableFromScope: () => true });
    const first = inRequest(graph, () => graph.provide(Cache));
    const second = inRequest(graph, () => graph.provide(Cache));
    expect(second).toBe(first);
    // The singleton kept the first request's object: what the safe default prevents.
    expect(second.requestContext).toBe(first.requestContext);
  });
});
