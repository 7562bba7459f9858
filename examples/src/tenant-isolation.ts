// Context scopes, part 2: isolating tenants. The 'tenant' scope is a KeyedScope keyed by tenant
// id: each tenant has its own TenantConfig and its own TenantConnection (closed asynchronously),
// shared by all of that tenant's requests, each in a 'request' frame nested inside. Requests of two
// tenants interleave across awaits and never see each other's connection; clearScope closes one.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type Bind,
  BindingSpec,
  ContextScope,
  KeyedScope,
  newObjectGraph,
  SINGLETON,
  scopeOrder,
} from '@pinion/runtime';

const TENANTS: Record<string, { database: string; plan: string }> = {
  acme: { database: 'acme_prod', plan: 'enterprise' },
  globex: { database: 'globex_prod', plan: 'starter' },
};

/** The tenant's settings, read from TENANTS for the frame's `tenantId`. */
export class TenantConfig {
  readonly database: string;
  readonly plan: string;

  constructor(readonly tenantId: string) {
    const entry = TENANTS[tenantId];
    assert.ok(entry, `unknown tenant ${tenantId}`);
    this.database = entry.database;
    this.plan = entry.plan;
  }
}

let connectionsOpened = 0;
const connectionsClosed: string[] = [];
/** Every query, in the order they were sent: `tenant path`. */
const timeline: string[] = [];

/** A connection to the tenant's own database; closing it takes a round trip, so it is async. */
export class TenantConnection {
  readonly id = ++connectionsOpened;
  readonly queries: string[] = [];
  closed = false;

  constructor(readonly tenantConfig: TenantConfig) {
    console.log(`open connection #${this.id} to ${tenantConfig.database}`);
  }

  async query(sql: string, latencyMs: number): Promise<string> {
    assert.ok(!this.closed, `connection #${this.id} is closed`);
    this.queries.push(sql);
    timeline.push(`${this.tenantConfig.tenantId} ${sql.split(' -- ')[1]}`);
    await sleep(latencyMs);
    return `${this.tenantConfig.database}: ${sql}`;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await sleep(5); // the goodbye to the database server
    this.closed = true;
    const line = `connection #${this.id} to ${this.tenantConfig.database} closed after ${this.queries.length} queries`;
    console.log(line);
    connectionsClosed.push(line);
  }
}

/** The incoming request: supplied by each 'request' frame. */
interface IncomingRequest {
  readonly path: string;
}

/** Request-scoped: uses the connection of the tenant whose frame it was created in. */
export class OrderService {
  constructor(
    readonly request: IncomingRequest,
    readonly tenantConnection: TenantConnection,
  ) {}

  /** Two queries with an await between them: other tenants' requests run in the meantime. */
  async handle(latencyMs: number): Promise<string[]> {
    const first = await this.tenantConnection.query(`SELECT * FROM orders -- ${this.request.path}`, latencyMs);
    const second = await this.tenantConnection.query(`SELECT count(*) FROM items -- ${this.request.path}`, latencyMs);
    return [first, second];
  }
}

export class AppSpec extends BindingSpec {
  configure(bind: Bind) {
    bind('tenantId').toScopeValue('tenant');
    bind('tenantConfig').toClass(TenantConfig, { inScope: 'tenant' });
    bind('tenantConnection').toClass(TenantConnection, { inScope: 'tenant' });
    bind('request').toScopeValue('request');
    bind('orderService').toClass(OrderService, { inScope: 'request' });
  }
}

const tenants = new KeyedScope();
const graph = newObjectGraph({
  classes: [],
  bindingSpecs: [new AppSpec()],
  idToScope: { tenant: tenants, request: new ContextScope() },
  isScopeUsableFromScope: scopeOrder([SINGLETON, 'tenant', 'request']),
});

interface Handled {
  tenantId: string;
  path: string;
  connection: TenantConnection;
  results: string[];
}

/** Routes a request to its tenant's frame, and opens the request's own frame inside it. */
function handle(tenantId: string, path: string, latencyMs: number): Promise<Handled> {
  return graph.runInScope(
    'tenant',
    () =>
      graph.runInScope(
        'request',
        async () => {
          const orderService = graph.get<OrderService>('orderService');
          const results = await orderService.handle(latencyMs);
          // Still this tenant's connection after the awaits.
          assert.equal(graph.get('tenantConnection'), orderService.tenantConnection);
          const { id, tenantConfig } = orderService.tenantConnection;
          console.log(
            `[${tenantId} ${path}] ${results.length} queries on connection #${id} to ${tenantConfig.database}`,
          );
          return { tenantId, path, connection: orderService.tenantConnection, results };
        },
        { values: { request: { path } } },
      ),
    { key: tenantId, values: { tenantId } },
  );
}

// Four concurrent requests, two per tenant, with different latencies: their queries interleave.
const handled = await Promise.all([
  handle('acme', '/orders/1', 15),
  handle('globex', '/orders/7', 5),
  handle('acme', '/orders/2', 5),
  handle('globex', '/orders/8', 10),
]);
for (const { tenantId, path, connection, results } of handled) {
  assert.equal(connection.tenantConfig.tenantId, tenantId, `${path} used ${tenantId}'s connection`);
  assert.ok(results.every((result) => result.startsWith(`${TENANTS[tenantId].database}: `)));
}
const [acme1, globex7, acme2, globex8] = handled;
assert.equal(acme1.connection, acme2.connection, "acme's requests share acme's connection");
assert.equal(globex7.connection, globex8.connection, "globex's requests share globex's connection");
assert.notEqual(acme1.connection, globex7.connection);
assert.ok(
  acme1.connection.queries.every((sql) => /orders\/[12]$/.test(sql)),
  'no globex query on acme',
);
assert.ok(
  globex7.connection.queries.every((sql) => /orders\/[78]$/.test(sql)),
  'no acme query on globex',
);
assert.equal(connectionsOpened, 2);
// The first query of each request went out before any answer came back: tenants alternate.
console.log(`first queries sent: ${timeline.slice(0, 4).join(', ')}`);
assert.deepEqual(timeline.slice(0, 4), ['acme /orders/1', 'globex /orders/7', 'acme /orders/2', 'globex /orders/8']);
console.log(
  `4 interleaved requests, ${connectionsOpened} connections: #${acme1.connection.id} (acme, ${acme1.connection.queries.length} queries), #${globex7.connection.id} (globex, ${globex7.connection.queries.length} queries)`,
);

// Outside any tenant frame there is no tenant connection to be had.
assert.throws(
  () => graph.get('tenantConnection'),
  (error: Error) => error.name === 'OutOfScopeError' && /"tenantConnection"/.test(error.message),
);

// acme is offboarded: clearScope disposes its objects, and the promise settles once the
// connection is closed. globex is untouched.
await graph.clearScope('tenant', 'acme');
assert.ok(acme1.connection.closed);
assert.ok(!globex7.connection.closed);
assert.deepEqual(connectionsClosed, ['connection #1 to acme_prod closed after 4 queries']);
console.log(`after clearScope('tenant', 'acme'): ${JSON.stringify(tenants.metrics())}`);
assert.deepEqual(tenants.metrics(), { active: 1, created: 2, expired: 0, evicted: 0, cleared: 1 });

// acme comes back with a new connection. Its credentials are rotated while one of its requests is
// running: clearScope drops the tenant at once, so the next acme request opens a new connection,
// while the running request keeps its connection until it ends, and only then closes it.
const acmeSlow = handle('acme', '/orders/3', 15);
await graph.clearScope('tenant', 'acme');
const [acme4, globex9] = await Promise.all([handle('acme', '/orders/4', 1), handle('globex', '/orders/9', 1)]);
const acme3 = await acmeSlow;
assert.equal(acme3.connection.id, 3);
assert.equal(acme4.connection.id, 4);
assert.equal(acme3.results.length, 2, 'the running request finished its queries on connection #3');
assert.ok(acme3.connection.closed, 'closed when the request that held it ended');
assert.ok(!acme4.connection.closed);
assert.equal(globex9.connection, globex7.connection);
assert.equal(connectionsClosed[1], 'connection #3 to acme_prod closed after 2 queries');

// Shutting down closes the connections of every tenant still held.
await graph.dispose();
assert.ok(acme4.connection.closed && globex9.connection.closed);
assert.deepEqual(connectionsClosed.slice(2).sort(), [
  'connection #2 to globex_prod closed after 6 queries',
  'connection #4 to acme_prod closed after 2 queries',
]);
console.log(`after graph.dispose(): ${JSON.stringify(tenants.metrics())}`);
assert.deepEqual(tenants.metrics(), { active: 0, created: 4, expired: 0, evicted: 0, cleared: 4 });
