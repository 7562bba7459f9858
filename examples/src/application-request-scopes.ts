// Scopes, part 5: restricting which scope may depend on which. With an application scope and a
// request scope, an application-wide object must not hold a request's object: it would keep the
// first request's data for every later request. `isScopeUsableFromScope(inner, outer)` is asked
// for every dependency edge (inner: the dependency's scope, outer: the requester's scope), and a
// `false` raises BadDependencyScopeError. The other direction, request → application, is fine.
import assert from 'node:assert/strict';
import {
  BadDependencyScopeError,
  type Bind,
  type BindingKey,
  BindingSpec,
  GraphValidationError,
  newObjectGraph,
  type Scope,
  type ScopeId,
  SINGLETON,
  SingletonScope,
} from '@pinion/runtime';

const APPLICATION = 'application';
const REQUEST = 'request';

/** One instance per binding per request; `startRequest()` begins a new one. */
class RequestScope implements Scope {
  private instances = new Map<BindingKey, unknown>();

  startRequest(): void {
    this.instances = new Map();
  }

  provide<T>(bindingKey: BindingKey, createFn: () => T): T {
    if (this.instances.has(bindingKey)) return this.instances.get(bindingKey) as T;
    const instance = createFn();
    this.instances.set(bindingKey, instance);
    return instance;
  }
}

/** Nothing that lives for the whole application may depend on something that lives for one request. */
function isScopeUsableFromScope(innerScopeId: ScopeId, outerScopeId: ScopeId): boolean {
  const outlivesRequests = outerScopeId === APPLICATION || outerScopeId === SINGLETON;
  return !(innerScopeId === REQUEST && outlivesRequests);
}

let requests = 0;

export class AppConfig {
  readonly greeting = 'Hello';
}

export class RequestContext {
  readonly requestNumber = ++requests;
}

/** Request-scoped, depends on an application-scoped object: allowed. */
export class Greeter {
  constructor(
    private readonly appConfig: AppConfig,
    private readonly requestContext: RequestContext,
  ) {}

  greet(): string {
    return `${this.appConfig.greeting} from request #${this.requestContext.requestNumber}`;
  }
}

/** Application-scoped, depends on a request-scoped object: rejected. */
export class RequestCounter {
  constructor(readonly requestContext: RequestContext) {}
}

export class AppSpec extends BindingSpec {
  configure(bind: Bind) {
    bind('appConfig').toClass(AppConfig, { inScope: APPLICATION });
    bind('requestContext').toClass(RequestContext, { inScope: REQUEST });
    bind('greeter').toClass(Greeter, { inScope: REQUEST });
    bind('requestCounter').toClass(RequestCounter, { inScope: APPLICATION });
  }
}

const requestScope = new RequestScope();
const graph = newObjectGraph({
  classes: [], // every binding is explicit, in AppSpec
  bindingSpecs: [new AppSpec()],
  idToScope: { [APPLICATION]: new SingletonScope(), [REQUEST]: requestScope },
  isScopeUsableFromScope,
});

// Allowed: request → application. Each request gets its own Greeter and RequestContext, and they
// all share the one AppConfig.
const greeters: Greeter[] = [];
for (let i = 0; i < 2; i++) {
  requestScope.startRequest();
  const greeter = graph.get<Greeter>('greeter');
  assert.equal(graph.get('greeter'), greeter, 'one Greeter per request');
  console.log(`request ${i + 1}: ${greeter.greet()}`);
  greeters.push(greeter);
}
assert.notEqual(greeters[0], greeters[1]);
assert.equal(greeters[0].greet(), 'Hello from request #1');
assert.equal(greeters[1].greet(), 'Hello from request #2');

// Rejected: application → request. Nothing is built: the edge is checked before construction.
const requestsBefore = requests;
assert.throws(
  () => graph.get('requestCounter'),
  (error: unknown) => {
    assert.ok(error instanceof BadDependencyScopeError);
    assert.equal(error.code, 'BAD_DEPENDENCY_SCOPE');
    console.log(`get('requestCounter') throws ${error.name}: ${error.message}`);
    assert.match(error.message, /"requestContext" is in scope "request", which is not usable from scope "application"/);
    assert.match(error.message, /bind\("requestCounter"\)/);
    assert.match(error.message, /src\/application-request-scopes\.ts:\d+:\d+/);
    return true;
  },
);
assert.equal(requests, requestsBefore, 'no RequestContext was built for the rejected binding');

// validate() finds the same problem without building anything.
assert.throws(
  () => graph.validate(),
  (error: unknown) => {
    assert.ok(error instanceof GraphValidationError);
    assert.deepEqual(
      error.problems.map((problem) => problem.code),
      ['BAD_DEPENDENCY_SCOPE'],
    );
    console.log(`validate() reports: ${error.problems[0].message}`);
    return true;
  },
);
