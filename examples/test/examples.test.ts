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
    /^get\('requestCounter'\) throws BadDependencyScopeError: when injecting parameter requestContext of bind\("requestCounter"\) at examples\/src\/application-request-scopes\.ts:\d+:\d+: "requestContext" is in scope "request", which is not usable from scope "application"$/m,
    /^validate\(\) reports: .*"requestContext" is in scope "request", which is not usable from scope "application"$/m,
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
