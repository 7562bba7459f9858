// Context scopes, part 6: a shopping-cart HTTP service on node:http. `nodeHttpScope` opens one
// 'request' frame per request; the handler opens the user's 'session' frame (a KeyedScope keyed by
// the `sid` cookie) inside it. The Cart is request-scoped, the UserPreferences session-scoped, the
// ProductCatalog a singleton; scopeOrder forbids longer-lived objects from holding shorter-lived ones.
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type Bind,
  BindingSpec,
  ContextScope,
  KeyedScope,
  newObjectGraph,
  PROTOTYPE,
  SINGLETON,
  scopeOrder,
} from '@pinion/runtime';
import { nodeHttpScope } from '@pinion/runtime/http';

/** Prices in cents, per currency. */
export class ProductCatalog {
  private readonly prices: Record<string, Record<string, number>> = {
    apple: { EUR: 50, USD: 55 },
    pear: { EUR: 70, USD: 80 },
    melon: { EUR: 250, USD: 275 },
  };

  priceOf(product: string, currency: string): number {
    const price = this.prices[product]?.[currency];
    if (price === undefined) throw new Error(`no price for ${product} in ${currency}`);
    return price;
  }
}

let preferencesLoaded = 0;

/** The user's settings, kept for the session: one per `sid`. */
export class UserPreferences {
  readonly loadNumber = ++preferencesLoaded;
  currency = 'EUR';

  constructor(readonly sessionId: string) {}
}

let cartsCreated = 0;
let cartsDisposed = 0;

/** This request's cart, read from `?items=`, priced in the session's currency. */
export class Cart {
  readonly id = ++cartsCreated;
  readonly items: string[];

  constructor(
    request: IncomingMessage,
    private readonly productCatalog: ProductCatalog,
    private readonly userPreferences: UserPreferences,
  ) {
    const url = new URL(request.url ?? '/', 'http://localhost');
    this.items = (url.searchParams.get('items') ?? '').split(',').filter(Boolean);
  }

  total(): string {
    const { currency } = this.userPreferences;
    const cents = this.items.reduce((sum, item) => sum + this.productCatalog.priceOf(item, currency), 0);
    return `${(cents / 100).toFixed(2)} ${currency}`;
  }

  [Symbol.dispose](): void {
    cartsDisposed++;
  }
}

/** New for each use (PROTOTYPE): routes one request. */
export class ShopController {
  constructor(
    private readonly cart: Cart,
    private readonly userPreferences: UserPreferences,
  ) {}

  async handle(method: string, path: string, query: URLSearchParams): Promise<[number, object]> {
    await sleep(5); // a database round trip: other requests run meanwhile
    if (method === 'POST' && path === '/preferences') {
      this.userPreferences.currency = query.get('currency') ?? this.userPreferences.currency;
      return [200, { currency: this.userPreferences.currency }];
    }
    if (method === 'GET' && path === '/cart') {
      return [200, { items: this.cart.items, total: this.cart.total(), cart: this.cart.id }];
    }
    return [404, { error: `no route ${method} ${path}` }];
  }
}

export class ShopSpec extends BindingSpec {
  configure(bind: Bind) {
    bind('request').toScopeValue('request'); // supplied by nodeHttpScope
    bind('sessionId').toScopeValue('session');
    bind('productCatalog').toClass(ProductCatalog);
    bind('userPreferences').toClass(UserPreferences, { inScope: 'session' });
    bind('cart').toClass(Cart, { inScope: 'request' });
    bind('shopController').toClass(ShopController, { inScope: PROTOTYPE });
  }
}

const sessions = new KeyedScope({ ttlMs: 60_000, maxEntries: 1000 });
await using graph = newObjectGraph({
  classes: [],
  bindingSpecs: [new ShopSpec()],
  idToScope: { request: new ContextScope(), session: sessions },
  isScopeUsableFromScope: scopeOrder([SINGLETON, 'session', 'request']),
});

const handlerErrors: unknown[] = [];

/** The `sid` cookie of the request. */
function sessionIdOf(req: IncomingMessage): string | undefined {
  return /(?:^|;\s*)sid=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
}

async function handler(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const sessionId = sessionIdOf(req);
  if (sessionId === undefined) {
    res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"no session"}');
    return;
  }
  // The session frame opens inside the request frame nodeHttpScope opened: both are visible.
  const [status, body] = await graph.runInScope(
    'session',
    () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      return graph.provide(ShopController).handle(req.method ?? 'GET', url.pathname, url.searchParams);
    },
    { key: sessionId, values: { sessionId } },
  );
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

const server = createServer(nodeHttpScope(graph, handler, { onError: (error) => handlerErrors.push(error) }));
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as AddressInfo;

/** What the shop answers: the fields of its routes. */
interface ShopBody {
  currency?: string;
  items?: string[];
  total?: string;
  cart?: number;
}

/** A request of `user` (cookie `sid=<user>-session`); returns the status and the JSON body. */
async function send(user: string, method: string, path: string): Promise<{ status: number; body: ShopBody }> {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: { cookie: `sid=${user}-session` },
  });
  if (response.status === 500) throw new Error(`${method} ${path} failed`, { cause: handlerErrors.at(-1) });
  const body = (await response.json()) as ShopBody;
  const { cart: _cart, ...shown } = body; // which cart a request gets depends on arrival order
  console.log(`${user} ${method} ${path} -> ${response.status} ${JSON.stringify(shown)}`);
  return { status: response.status, body };
}

try {
  // Each user sets a currency: it is kept in their session.
  await Promise.all([
    send('alice', 'POST', '/preferences?currency=EUR'),
    send('bob', 'POST', '/preferences?currency=USD'),
  ]);

  // Concurrent requests of both users: each gets a cart of its own, priced in its user's currency.
  const [alice1, bob1, alice2] = await Promise.all([
    send('alice', 'GET', '/cart?items=apple,pear'),
    send('bob', 'GET', '/cart?items=apple,apple,melon'),
    send('alice', 'GET', '/cart?items=melon'),
  ]);
  assert.deepEqual(
    [alice1, bob1, alice2].map(({ status, body }) => [status, body.total]),
    [
      [200, '1.20 EUR'],
      [200, '3.85 USD'],
      [200, '2.50 EUR'],
    ],
  );
  const cartIds = new Set([alice1.body.cart, bob1.body.cart, alice2.body.cart]);
  assert.equal(cartIds.size, 3, 'one cart per request');

  // No session cookie: refused before any session is opened.
  const anonymous = await fetch(`http://127.0.0.1:${port}/cart?items=apple`);
  assert.equal(anonymous.status, 401);
  await anonymous.body?.cancel();
  console.log(`no cookie GET /cart?items=apple -> ${anonymous.status}`);

  // A product without a price: the handler fails, nodeHttpScope answers 500 and reports the error.
  const failed = await fetch(`http://127.0.0.1:${port}/cart?items=durian`, { headers: { cookie: 'sid=bob-session' } });
  assert.equal(failed.status, 500);
  assert.equal(await failed.text(), 'Internal Server Error');
  console.log(`bob GET /cart?items=durian -> ${failed.status}, reported: ${(handlerErrors[0] as Error).message}`);
  assert.equal(handlerErrors.length, 1);
} finally {
  await new Promise((resolve) => server.close(resolve));
}

// Two sessions, each loaded once; every request's cart was disposed when its response finished.
assert.deepEqual(sessions.metrics(), { active: 2, created: 2, expired: 0, evicted: 0, cleared: 0 });
assert.equal(preferencesLoaded, 2);
assert.equal(cartsCreated, 6, 'one per request with a session');
assert.equal(cartsDisposed, cartsCreated);
console.log(`sessions: ${sessions.metrics().created}, carts created and disposed: ${cartsCreated}/${cartsDisposed}`);
