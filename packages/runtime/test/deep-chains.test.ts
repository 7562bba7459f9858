import {
  type BindingKey,
  ContextScope,
  KeyedScope,
  newObjectGraph,
  PROTOTYPE,
  type Scope,
  type ScopeId,
  SINGLETON,
} from '@pinion/runtime';
import { specOf } from './support/assertions.js';
import { recordUnhandledRejections } from './support/unhandled.js';

const DEPTH = 10_000;
const unhandled = recordUnhandledRejections();

/** A custom scope as users write them: one object per key, for as long as the scope lives. */
class MemoScope implements Scope {
  private readonly objects = new Map<BindingKey, unknown>();
  provide<T>(key: BindingKey, create: () => T): T {
    if (!this.objects.has(key)) this.objects.set(key, create());
    return this.objects.get(key) as T;
  }
}

type Link = { next?: unknown };

/** link0 needs link1, …; the last link comes from a provider, async when asked. */
function deepGraph(scopeId: ScopeId, asyncBottom: boolean) {
  const links: (new (next?: unknown) => Link)[] = [];
  for (let i = 0; i < DEPTH - 1; i++) {
    links.push(
      new Function(
        `return class Link${i} { constructor(next) { this.next = next } static inject = ['link${i + 1}'] }`,
      )(),
    );
  }
  const bottom = { next: undefined, bottom: true };
  const spec = specOf((bind) => {
    for (const [i, link] of links.entries()) bind(`link${i}`).toClass(link, { inScope: scopeId });
    const last = bind(`link${DEPTH - 1}`);
    if (asyncBottom) last.toProvider(async () => bottom, { inScope: scopeId });
    else last.toProvider(() => bottom, { inScope: scopeId });
  });
  const graph = newObjectGraph({
    classes: [],
    bindingSpecs: [spec],
    idToScope: { request: new ContextScope(), session: new KeyedScope(), memo: new MemoScope() },
  });
  return { graph, bottom };
}

function chainOf(head: Link): Link[] {
  const all: Link[] = [];
  for (let node: Link | undefined = head; node; node = node.next as Link | undefined) all.push(node);
  return all;
}

/** Runs `work` where the scope's objects can live: in a frame for context scopes. */
function inScope<R>(graph: ReturnType<typeof deepGraph>['graph'], scopeId: ScopeId, work: () => R): R {
  if (scopeId === 'request') return graph.runInScope('request', work);
  if (scopeId === 'session') return graph.runInScope('session', work, { key: 'alice' });
  return work();
}

const scopes: [string, ScopeId, boolean][] = [
  ['SINGLETON', SINGLETON, true],
  ['PROTOTYPE', PROTOTYPE, false],
  ['a ContextScope', 'request', true],
  ['a KeyedScope', 'session', true],
  ['a custom Scope object', 'memo', true],
];

describe.each(scopes)('a 10,000-deep chain in %s', (_name, scopeId, memoized) => {
  it('resolves synchronously without a stack overflow, twice', () => {
    const { graph, bottom } = deepGraph(scopeId, false);
    inScope(graph, scopeId, () => {
      const first = chainOf(graph.get<Link>('link0'));
      expect(first).toHaveLength(DEPTH);
      expect(first[DEPTH - 1]).toBe(bottom);
      const second = chainOf(graph.get<Link>('link0'));
      expect(second).toHaveLength(DEPTH);
      expect(second[1] === first[1]).toBe(memoized);
      expect(graph.get('link5000') === first[5000]).toBe(memoized);
    });
  });

  it('resolves with getAsync when its last link is async, without a stack overflow, twice', async () => {
    const { graph, bottom } = deepGraph(scopeId, true);
    await inScope(graph, scopeId, async () => {
      const first = chainOf(await graph.getAsync<Link>('link0'));
      expect(first).toHaveLength(DEPTH);
      expect(first[DEPTH - 1]).toBe(bottom);
      const second = chainOf(await graph.getAsync<Link>('link0'));
      expect(second).toHaveLength(DEPTH);
      expect(second[1] === first[1]).toBe(memoized);
    });
    expect(unhandled.reasons).toEqual([]);
  }, 20_000);
});
