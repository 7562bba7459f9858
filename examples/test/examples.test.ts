// Runs the examples the way `pnpm demo` does (`node examples/run-all.mjs`, which bundles each
// example with esbuild and Pinion's plugin, then runs it in its own node process) and checks that
// every example passes and prints what its scenario is about. Needs the packages built (`pnpm build`).
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const REPO_ROOT = resolve(__dirname, '../..');
const EXAMPLES = readdirSync(join(REPO_ROOT, 'examples/src'))
  .filter((file) => file.endsWith('.ts'))
  .map((file) => file.replace(/\.ts$/, ''))
  .sort();

/** Lines (or patterns) each example must print. */
const KEY_LINES: Record<string, (string | RegExp)[]> = {
  'csp-jitless': [
    'code generation from strings refused by this process: true',
    'jitless: true, closures only: 1000 handlers (#1 … #1000), one shared Clock',
    'default, generation refused: closures kept: 1000 handlers (#1001 … #2000), one shared Clock',
  ],
  'class-metadata': ['classes registered at load: DatabaseConnection, UserRepository, AppSpec'],
  'singleton-by-default': [
    'opening database connection #1',
    'ServiceA uses connection #1',
    'ServiceB uses connection #1',
    'a second object graph: its ServiceA uses connection #2',
    'connections opened in all: 2',
  ],
  'prototype-request-handler': [
    'PublicWebService got RequestHandler #1',
    'AdminWebService got RequestHandler #2',
    'both handlers share the singleton DatabaseConnection',
    "get('requestHandler') twice: RequestHandler #3 and #4",
  ],
  'async-context-scope': [
    '[alice] starts with RequestContext #1',
    '[bob] starts with RequestContext #2',
    '[alice] done after 60 ms with RequestContext #1: looked up alice',
    '[bob] done after 50 ms with RequestContext #2: looked up bob',
    'two concurrent requests, 2 RequestContexts: #1 for alice, #2 for bob',
    /^outside scope\.run\(\): "requestContext" lives in an async context, but none is active/m,
  ],
  'weak-reference-scope': [
    'first ImageCache #1, holding 1 image',
    "while referenced: get('imageCache') and provide(ImageCache) return ImageCache #1 again",
    /^ImageCache #1 was garbage-collected after \d+ gc round\(s\)$/m,
    "after collection: get('imageCache') builds ImageCache #2, holding 0 images",
  ],
  'application-request-scopes': [
    'request 1: Hello from request #1',
    'request 2: Hello from request #2',
    /^get\('requestCounter'\) throws BadDependencyScopeError: when injecting parameter requestContext of bind\("requestCounter"\) at src\/application-request-scopes\.ts:\d+:\d+: "requestContext" is in scope "request", which is not usable from scope "application"$/m,
    /^validate\(\) reports: .*"requestContext" is in scope "request", which is not usable from scope "application"$/m,
  ],
  'session-scope-with-timeout': [
    '[alice, request 2] ShoppingSession #2 (EUR): book, pen',
    '[alice, request 1] ShoppingSession #2 (EUR): book, pen',
    'alice\'s requests are done, bob\'s is still open: {"active":2,"created":2,"expired":0,"evicted":0,"cleared":0}',
    '  disposed: UserPreferences of alice saved (EUR)',
    '  disposed: ShoppingSession #2 of alice closed with 2 item(s)',
    '[bob, long poll] ShoppingSession #1 (USD): lamp',
    'alice\'s session expired after 40 ms idle: {"active":1,"created":2,"expired":1,"evicted":0,"cleared":0}',
    "alice's next request started a fresh session #3 with an empty cart",
    'after everyone was idle: {"active":0,"created":3,"expired":3,"evicted":0,"cleared":0}',
  ],
  'tenant-isolation': [
    'open connection #1 to acme_prod',
    'open connection #2 to globex_prod',
    '[acme /orders/1] 2 queries on connection #1 to acme_prod',
    '[globex /orders/8] 2 queries on connection #2 to globex_prod',
    'first queries sent: acme /orders/1, globex /orders/7, acme /orders/2, globex /orders/8',
    '4 interleaved requests, 2 connections: #1 (acme, 4 queries), #2 (globex, 4 queries)',
    'connection #1 to acme_prod closed after 4 queries',
    'after clearScope(\'tenant\', \'acme\'): {"active":1,"created":2,"expired":0,"evicted":0,"cleared":1}',
    '[acme /orders/4] 2 queries on connection #4 to acme_prod',
    '[acme /orders/3] 2 queries on connection #3 to acme_prod',
    'connection #3 to acme_prod closed after 2 queries',
    'after graph.dispose(): {"active":0,"created":4,"expired":0,"evicted":0,"cleared":4}',
  ],
  'workflow-scope': [
    '  [audit] workflow order-1 completed: validated → charged 30 EUR → shipped order-1',
    '  [audit] workflow order-2 completed: validated → charged 12 EUR → shipped order-2',
    'two concurrent runs, two logs, both completed: true',
    '  [audit] workflow order-3 completed: validated → payment failed',
    'order-3 failed with PaymentDeclinedError: card 0000 declined for 99 EUR',
    "order-3's log was completed anyway, after 2 entries",
    "getAsync('workflowLog') outside a run: OutOfScopeError",
  ],
  'memory-bounded-scope': [
    'open doc-a: DocumentBuffer #1; in memory: doc-a, doc-b, doc-c',
    '  disposed doc-b (DocumentBuffer #2, 64 KiB freed)',
    'open doc-d: DocumentBuffer #4; in memory: doc-a, doc-c, doc-d',
    'editing doc-c (DocumentBuffer #3) while other documents are opened',
    '  disposed doc-a (DocumentBuffer #1, 64 KiB freed)',
    'open doc-e: DocumentBuffer #5; in memory: doc-c, doc-d, doc-e',
    '  disposed doc-d (DocumentBuffer #4, 64 KiB freed)',
    'open doc-b: DocumentBuffer #6; in memory: doc-c, doc-e, doc-b',
    'evicted and disposed, in order: doc-b, doc-a, doc-d',
    'metrics: {"active":3,"created":6,"expired":0,"evicted":3,"cleared":0}',
    'after graph.dispose(): {"active":0,"created":6,"expired":0,"evicted":3,"cleared":3}, 0 buffers in memory',
  ],
  'monitored-scope': [
    'phase                                 active   created   expired   evicted   cleared  disposed',
    'start                                      0         0         0         0         0         0',
    'a, b: 5 calls; c: a long download          3         3         0         0         0         0',
    'd, e: 2 calls (maxEntries 3)               3         5         0         2         0         2',
    'idle past ttl (25 ms), c busy              1         5         2         2         0         4',
    'c done, then idle past ttl                 0         5         3         2         0         5',
    'a returns                                  1         6         3         2         0         5',
    'after graph.dispose(): active 0, billed 6 meters',
  ],
  'shopping-cart-http': [
    'alice POST /preferences?currency=EUR -> 200 {"currency":"EUR"}',
    'bob POST /preferences?currency=USD -> 200 {"currency":"USD"}',
    'alice GET /cart?items=apple,pear -> 200 {"items":["apple","pear"],"total":"1.20 EUR"}',
    'bob GET /cart?items=apple,apple,melon -> 200 {"items":["apple","apple","melon"],"total":"3.85 USD"}',
    'alice GET /cart?items=melon -> 200 {"items":["melon"],"total":"2.50 EUR"}',
    'no cookie GET /cart?items=apple -> 401',
    'bob GET /cart?items=durian -> 500, reported: no price for durian in USD',
    'sessions: 2, carts created and disposed: 6/6',
  ],
};

/** The output of each example: what follows its `=== example <name>` header. */
function sections(stdout: string): Map<string, string> {
  const result = new Map<string, string>();
  for (const part of stdout.split(/^=== example /m).slice(1)) {
    const newline = part.indexOf('\n');
    result.set(part.slice(0, newline).trim(), part.slice(newline + 1));
  }
  return result;
}

describe('the examples (node examples/run-all.mjs)', () => {
  let run: SpawnSyncReturns<string>;
  let output: Map<string, string>;

  beforeAll(() => {
    run = spawnSync(process.execPath, ['examples/run-all.mjs'], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 120_000 });
    output = sections(run.stdout ?? '');
  }, 130_000);

  it('exits with code 0 and writes nothing to stderr', () => {
    expect({ status: run.status, signal: run.signal, error: run.error, stderr: run.stderr }).toEqual({
      status: 0,
      signal: null,
      error: undefined,
      stderr: '',
    });
  });

  it('runs every example in examples/src, and all of them pass', () => {
    expect(EXAMPLES.length).toBeGreaterThanOrEqual(6);
    expect([...output.keys()]).toEqual(EXAMPLES);
    expect(run.stdout).toContain(`\nexamples: ${EXAMPLES.length} passed, 0 failed\n`);
    expect(run.stdout).not.toMatch(/^example .* failed/m);
  });

  it('has key lines for every example', () => {
    expect(Object.keys(KEY_LINES).sort()).toEqual(EXAMPLES);
  });

  it.each(Object.entries(KEY_LINES))('%s prints what its scenario shows', (name, lines) => {
    const printed = output.get(name) ?? '';
    for (const line of lines) {
      if (typeof line === 'string') expect(printed.split('\n')).toContain(line);
      else expect(printed).toMatch(line);
    }
  });
});
