// Context scopes, part 5: monitoring a keyed scope. An API gateway keeps one UsageMeter per API
// client in a KeyedScope({ ttlMs, maxEntries }), and reports `scope.metrics()` as its workload runs:
// `active` keys held now, and how many were `created`, `expired` (idle past ttlMs), `evicted`
// (least recently used, beyond maxEntries) and `cleared` (by clearScope). The table also counts the meters actually disposed.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Bind, BindingSpec, KeyedScope, type KeyedScopeMetrics, newObjectGraph } from '@pinion/runtime';

const TTL_MS = 25;
const MAX_CLIENTS = 3;

/** Usage flushed to billing when a client's meter is disposed. */
const billed: string[] = [];

/** Counts one API client's calls while the client is active; flushes them when disposed. */
export class UsageMeter {
  calls = 0;

  constructor(readonly clientId: string) {}

  [Symbol.dispose](): void {
    billed.push(`${this.clientId}: ${this.calls} call(s)`);
  }
}

export class GatewaySpec extends BindingSpec {
  configure(bind: Bind) {
    bind('clientId').toScopeValue('client');
    bind('usageMeter').toClass(UsageMeter, { inScope: 'client' });
  }
}

const clients = new KeyedScope({ ttlMs: TTL_MS, maxEntries: MAX_CLIENTS });
const graph = newObjectGraph({ classes: [], bindingSpecs: [new GatewaySpec()], idToScope: { client: clients } });

/** A quick API call of `clientId`. */
function call(clientId: string): void {
  graph.runInScope('client', () => graph.get<UsageMeter>('usageMeter').calls++, {
    key: clientId,
    values: { clientId },
  });
}

/** A long call of `clientId` (a streaming download, say) that lasts until `done` resolves. */
function longCall(clientId: string, done: Promise<void>): Promise<void> {
  return graph.runInScope(
    'client',
    async () => {
      graph.get<UsageMeter>('usageMeter').calls++;
      await done;
    },
    { key: clientId, values: { clientId } },
  );
}

async function until(what: string, condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 2000;
  while (!condition()) {
    assert.ok(Date.now() < deadline, `still waiting for ${what}`);
    await sleep(5);
  }
}

// The report: one row per phase of the workload.
const columns = ['active', 'created', 'expired', 'evicted', 'cleared'] as const;
console.log(`${'phase'.padEnd(34)}${[...columns, 'disposed'].map((c) => c.padStart(10)).join('')}`);
function report(phase: string, expected: KeyedScopeMetrics): void {
  const metrics = clients.metrics();
  const cells = [...columns.map((c) => metrics[c]), billed.length];
  console.log(`${phase.padEnd(34)}${cells.map((n) => String(n).padStart(10)).join('')}`);
  assert.deepEqual(metrics, expected, phase);
  // Every key that expired or was evicted had its meter disposed (flushed to billing).
  assert.equal(billed.length, metrics.expired + metrics.evicted, `${phase}: disposed`);
}

report('start', { active: 0, created: 0, expired: 0, evicted: 0, cleared: 0 });

// Clients a and b make a few calls; c starts a long download.
let finishDownload = () => {};
const download = longCall('client-c', new Promise((resolve) => (finishDownload = resolve)));
for (const clientId of ['client-a', 'client-b', 'client-a', 'client-a', 'client-b']) call(clientId);
report('a, b: 5 calls; c: a long download', { active: 3, created: 3, expired: 0, evicted: 0, cleared: 0 });

// Two new clients: beyond maxEntries, the least recently used idle clients (a, then b) are
// evicted. c is the least recently used, but its download is running.
call('client-d');
call('client-e');
report('d, e: 2 calls (maxEntries 3)', { active: 3, created: 5, expired: 0, evicted: 2, cleared: 0 });
assert.deepEqual(billed, ['client-a: 3 call(s)', 'client-b: 2 call(s)']);

// Nobody calls for a while: d and e expire; c cannot while its download runs.
await until('d and e to expire', () => clients.metrics().expired === 2);
report(`idle past ttl (${TTL_MS} ms), c busy`, { active: 1, created: 5, expired: 2, evicted: 2, cleared: 0 });

// The download ends; c is idle from now on and expires in turn.
finishDownload();
await download;
await until('c to expire', () => clients.metrics().expired === 3);
report('c done, then idle past ttl', { active: 0, created: 5, expired: 3, evicted: 2, cleared: 0 });

// a returns: created counts it again, as a new key.
call('client-a');
report('a returns', { active: 1, created: 6, expired: 3, evicted: 2, cleared: 0 });

await graph.dispose();
console.log(`after graph.dispose(): active ${clients.metrics().active}, billed ${billed.length} meters`);
assert.equal(clients.metrics().active, 0);
assert.deepEqual(billed.slice(2).sort(), [
  'client-a: 1 call(s)',
  'client-c: 1 call(s)',
  'client-d: 1 call(s)',
  'client-e: 1 call(s)',
]);
