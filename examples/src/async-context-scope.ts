// Scopes, part 3: a custom scope. Pinject's docs write a thread-local scope; Node's analog is a
// scope keyed by async context. Any object with `provide(bindingKey, createFn)` is a Scope:
// AsyncContextScope keeps one instance per binding per context, in an AsyncLocalStorage, so two
// concurrent requests each see their own RequestContext, and the same one across their awaits.
import assert from 'node:assert/strict';
import { AsyncLocalStorage } from 'node:async_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Bind, type BindingKey, BindingSpec, newObjectGraph, type Scope } from '@pinion/runtime';

class AsyncContextScope implements Scope {
  private readonly storage = new AsyncLocalStorage<Map<BindingKey, unknown>>();

  /** Runs `fn` in a new context: everything it awaits or schedules shares that context's instances. */
  run<T>(fn: () => T): T {
    return this.storage.run(new Map(), fn);
  }

  /** `bindingKey` is what is memoized: `toClass` bindings of one class and scope share the first one's key. */
  provide<T>(bindingKey: BindingKey, createFn: () => T): T {
    const instances = this.storage.getStore();
    if (!instances)
      throw new Error(`${bindingKey} lives in an async context, but none is active: call it inside scope.run()`);
    if (instances.has(bindingKey)) return instances.get(bindingKey) as T;
    const instance = createFn();
    instances.set(bindingKey, instance);
    return instance;
  }
}

const ASYNC_CONTEXT = 'async-context';

let contextsCreated = 0;

export class RequestContext {
  readonly id = ++contextsCreated;
  readonly events: string[] = [];
}

/** Also per context: the UserLookup of a request writes to that request's RequestContext. */
export class UserLookup {
  constructor(private readonly requestContext: RequestContext) {}

  async find(user: string): Promise<string> {
    this.requestContext.events.push(`looked up ${user}`);
    return user.toUpperCase();
  }
}

export class AppSpec extends BindingSpec {
  configure(bind: Bind) {
    bind('requestContext').toClass(RequestContext, { inScope: ASYNC_CONTEXT });
    bind('userLookup').toClass(UserLookup, { inScope: ASYNC_CONTEXT });
  }
}

const scope = new AsyncContextScope();
const graph = newObjectGraph({ classes: [], bindingSpecs: [new AppSpec()], idToScope: { [ASYNC_CONTEXT]: scope } });

/** One "request": it asks for its context three times, with awaits in between. */
async function handleRequest(user: string, firstDelayMs: number, secondDelayMs: number): Promise<RequestContext> {
  return scope.run(async () => {
    const context = graph.get<RequestContext>('requestContext');
    console.log(`[${user}] starts with RequestContext #${context.id}`);
    await sleep(firstDelayMs);
    const name = await graph.get<UserLookup>('userLookup').find(user);
    const afterAwait = graph.get<RequestContext>('requestContext');
    console.log(`[${user}] after ${firstDelayMs} ms: found ${name}, still RequestContext #${afterAwait.id}`);
    assert.equal(afterAwait, context, `${user} sees one context throughout`);
    await sleep(secondDelayMs);
    const atEnd = graph.get<RequestContext>('requestContext');
    console.log(
      `[${user}] done after ${firstDelayMs + secondDelayMs} ms with RequestContext #${atEnd.id}: ${atEnd.events.join(', ')}`,
    );
    assert.equal(atEnd, context);
    return context;
  });
}

// alice's awaits and bob's interleave: alice starts, bob starts, bob resumes, alice resumes, ...
const [alice, bob] = await Promise.all([handleRequest('alice', 30, 30), handleRequest('bob', 10, 40)]);
assert.notEqual(alice, bob, 'concurrent requests get their own contexts');
assert.deepEqual(alice.events, ['looked up alice']);
assert.deepEqual(bob.events, ['looked up bob']);
assert.equal(contextsCreated, 2);
console.log(`two concurrent requests, ${contextsCreated} RequestContexts: #${alice.id} for alice, #${bob.id} for bob`);

// Outside any context the scope refuses, rather than sharing an instance between requests.
assert.throws(
  () => graph.get('requestContext'),
  (error: Error) => {
    console.log(`outside scope.run(): ${error.message}`);
    return /"requestContext" lives in an async context, but none is active/.test(error.message);
  },
);
