// Context scopes, part 1: a per-user session that times out. The 'session' scope is a KeyedScope
// keyed by user id: every request of a user re-enters that user's ShoppingSession and
// UserPreferences, another user has their own, and a session idle for longer than `ttlMs` expires:
// its objects are disposed, and the user's next request starts a fresh session.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Bind, BindingSpec, KeyedScope, newObjectGraph, PROTOTYPE, SINGLETON, scopeOrder } from '@pinion/runtime';

const TTL_MS = 40;

let sessionsStarted = 0;
/** What was disposed, in order. */
const disposed: string[] = [];

/** The user's cart, kept between requests. Disposed with [Symbol.dispose] when the session ends. */
export class ShoppingSession {
  readonly id = ++sessionsStarted;
  readonly items: string[] = [];

  constructor(readonly userId: string) {}

  [Symbol.dispose](): void {
    const line = `ShoppingSession #${this.id} of ${this.userId} closed with ${this.items.length} item(s)`;
    console.log(`  disposed: ${line}`);
    disposed.push(line);
  }
}

/** Loaded when the session starts; its binding's `dispose` saves it when the session ends. */
export class UserPreferences {
  readonly currency: string;

  constructor(readonly userId: string) {
    this.currency = userId === 'alice' ? 'EUR' : 'USD';
  }

  save(): void {
    const line = `UserPreferences of ${this.userId} saved (${this.currency})`;
    console.log(`  disposed: ${line}`);
    disposed.push(line);
  }
}

/** One per request (PROTOTYPE): it holds the session's objects of the user making the request. */
export class CartPage {
  constructor(
    readonly shoppingSession: ShoppingSession,
    readonly userPreferences: UserPreferences,
  ) {}

  add(item: string): void {
    this.shoppingSession.items.push(item);
  }

  render(): string {
    const { id, items } = this.shoppingSession;
    return `ShoppingSession #${id} (${this.userPreferences.currency}): ${items.join(', ') || 'empty'}`;
  }
}

export class AppSpec extends BindingSpec {
  configure(bind: Bind) {
    bind('userId').toScopeValue('session');
    bind('shoppingSession').toClass(ShoppingSession, { inScope: 'session' });
    bind('userPreferences').toClass(UserPreferences, { inScope: 'session', dispose: (prefs) => prefs.save() });
    bind('cartPage').toClass(CartPage, { inScope: PROTOTYPE });
  }
}

const sessions = new KeyedScope({ ttlMs: TTL_MS });
const graph = newObjectGraph({
  classes: [],
  bindingSpecs: [new AppSpec()],
  idToScope: { session: sessions },
  isScopeUsableFromScope: scopeOrder([SINGLETON, 'session']),
});

/** Polls until `condition` holds; fails the example if it has not after two seconds. */
async function until(what: string, condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 2000;
  while (!condition()) {
    assert.ok(Date.now() < deadline, `still waiting for ${what}`);
    await sleep(5);
  }
}

/** One request of `userId`: adds `item` (if any), does its work (I/O, say), and renders the cart. */
function request(
  userId: string,
  label: string,
  item: string | undefined,
  work: () => Promise<void>,
): Promise<CartPage> {
  return graph.runInScope(
    'session',
    async () => {
      const page = graph.provide(CartPage);
      if (item) page.add(item);
      await work();
      console.log(`[${userId}, ${label}] ${page.render()}`);
      return page;
    },
    { key: userId, values: { userId } },
  );
}

// Two concurrent requests of alice, and a long-polling request of bob that is answered only once
// alice's session has expired. Alice's requests overlap, so they share one session whatever the
// timing; bob's session is his own, and cannot expire while his request is open.
const bobPolling = request('bob', 'long poll', 'lamp', () =>
  until("alice's session to expire", () => sessions.metrics().expired === 1),
);
const [aliceFirst, aliceSecond] = await Promise.all([
  request('alice', 'request 1', 'book', () => sleep(20)),
  request('alice', 'request 2', 'pen', () => sleep(5)),
]);
assert.equal(aliceFirst.shoppingSession, aliceSecond.shoppingSession, "alice's requests share her session");
assert.equal(aliceFirst.userPreferences, aliceSecond.userPreferences);
assert.notEqual(aliceFirst, aliceSecond, 'each request has its own CartPage');
assert.deepEqual(aliceFirst.shoppingSession.items, ['book', 'pen']);
assert.deepEqual(disposed, [], 'nothing is disposed while the sessions are alive');
console.log(`alice's requests are done, bob's is still open: ${JSON.stringify(sessions.metrics())}`);
assert.deepEqual(sessions.metrics(), { active: 2, created: 2, expired: 0, evicted: 0, cleared: 0 });

// Alice is now idle. After ttlMs her session expires and is disposed, in reverse creation order:
// preferences saved, then the cart closed. That answers bob's long poll.
const bobFirst = await bobPolling;
assert.notEqual(bobFirst.shoppingSession, aliceFirst.shoppingSession, 'bob has a session of his own');
assert.deepEqual(bobFirst.shoppingSession.items, ['lamp']);
assert.deepEqual(disposed, [
  'UserPreferences of alice saved (EUR)',
  'ShoppingSession #2 of alice closed with 2 item(s)',
]);
console.log(`alice's session expired after ${TTL_MS} ms idle: ${JSON.stringify(sessions.metrics())}`);
assert.deepEqual(sessions.metrics(), { active: 1, created: 2, expired: 1, evicted: 0, cleared: 0 });

// Alice comes back: a fresh session, with an empty cart and her preferences loaded anew.
const aliceBack = await request('alice', 'request 3', undefined, async () => {});
assert.notEqual(aliceBack.shoppingSession, aliceFirst.shoppingSession);
assert.notEqual(aliceBack.userPreferences, aliceFirst.userPreferences);
assert.deepEqual(aliceBack.shoppingSession.items, []);
assert.equal(aliceBack.shoppingSession.id, 3);
console.log(`alice's next request started a fresh session #${aliceBack.shoppingSession.id} with an empty cart`);

// Everyone idle: both remaining sessions expire.
await until('every session to expire', () => sessions.metrics().expired === 3);
assert.deepEqual(disposed.slice(2).sort(), [
  'ShoppingSession #1 of bob closed with 1 item(s)',
  'ShoppingSession #3 of alice closed with 0 item(s)',
  'UserPreferences of alice saved (EUR)',
  'UserPreferences of bob saved (USD)',
]);
console.log(`after everyone was idle: ${JSON.stringify(sessions.metrics())}`);
assert.deepEqual(sessions.metrics(), { active: 0, created: 3, expired: 3, evicted: 0, cleared: 0 });
await graph.dispose();
