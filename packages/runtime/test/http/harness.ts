// Shared by the HTTP integration tests: real servers on 127.0.0.1, a log of disposals that tests
// can wait on, and a driver for many concurrent requests.
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type AnyClass,
  type BindingKey,
  ContextScope,
  KeyedScope,
  newObjectGraph,
  type ObjectGraph,
  type Scope,
  type ScopeId,
  UnknownScopeError,
  WrongArgTypeError,
} from '@pinion/runtime';
import { specOf } from '../support/assertions.js';

/** How many concurrent requests the concurrency tests send. */
export const CONCURRENT_REQUESTS = 200;

/** How long a test waits for something that must happen before it fails, naming what is missing. */
const BOUND_MS = 4000;

/**
 * A different interleaving per request, the same on every run: a timer of 0–4 ms or a turn of the
 * event loop (`setImmediate`), so concurrent handlers resume in a shuffled order between resolutions.
 */
export function pause(n: number): Promise<void> {
  return new Promise((resolve) => (n % 3 === 0 ? setImmediate(resolve) : setTimeout(resolve, n % 5)));
}

/** A promise and the function that resolves it. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/**
 * Counts disposals by name (e.g. `RequestContext:r17`). `waitFor` resolves once every name has been
 * disposed (observable, no polling) and fails after a bound, listing the names still missing.
 */
export class DisposalLog {
  private readonly counts = new Map<string, number>();
  private readonly waiters = new Map<string, () => void>();

  /** Called by the objects' `[Symbol.dispose]` / `[Symbol.asyncDispose]`. */
  disposed(name: string): void {
    this.counts.set(name, this.count(name) + 1);
    this.waiters.get(name)?.();
  }

  count(name: string): number {
    return this.counts.get(name) ?? 0;
  }

  /** Every disposal so far, by name. */
  entries(): Map<string, number> {
    return new Map(this.counts);
  }

  async waitFor(names: readonly string[]): Promise<void> {
    const missing = new Set(names.filter((name) => this.count(name) === 0));
    if (missing.size === 0) return;
    const all = deferred();
    for (const name of missing) {
      this.waiters.set(name, () => {
        missing.delete(name);
        this.waiters.delete(name);
        if (missing.size === 0) all.resolve();
      });
    }
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const list = [...missing].slice(0, 10).join(', ');
        reject(new Error(`${missing.size} of ${names.length} objects were never disposed: ${list}`));
      }, BOUND_MS);
    });
    try {
      await Promise.race([all.promise, bound]);
    } finally {
      clearTimeout(timer);
    }
  }
}

const servers = new Set<http.Server>();

/** Starts `server` on 127.0.0.1 on a free port; returns its base URL. `closeServers` closes it. */
export async function listen(server: http.Server): Promise<string> {
  servers.add(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Closes `server` and its connections; resolves once it is closed. */
export async function closeServer(server: http.Server): Promise<void> {
  if (!servers.delete(server)) return;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  await closed;
}

/** For `afterAll`: closes every server `listen` started and that is still open. */
export async function closeServers(): Promise<void> {
  await Promise.all([...servers].map(closeServer));
}

/** The JSON answer of the probe handlers of the concurrency tests. */
export interface Probe {
  /** The request id the request-scoped object read from its own request. */
  id: string;
  /** Both resolutions, separated by awaits, gave the same instance (and its dependent saw it too). */
  sameInstance: boolean;
  /** The request-scoped object holds the request object of the handler that resolved it. */
  ownRequest: boolean;
}

/** The request ids `r0`…`r199`. */
export function requestIds(count = CONCURRENT_REQUESTS): string[] {
  return Array.from({ length: count }, (_, i) => `r${i}`);
}

/** Sends a GET with `x-request-id: id` to each id at once; returns the parsed JSON answers. */
export async function getAll(url: string, ids: readonly string[]): Promise<Probe[]> {
  return Promise.all(
    ids.map(async (id) => {
      const response = await fetch(url, { headers: { 'x-request-id': id } });
      if (response.status !== 200) throw new Error(`${id}: status ${response.status}: ${await response.text()}`);
      return (await response.json()) as Probe;
    }),
  );
}

/** Asserts that every answer is about its own request, and saw one instance across its awaits. */
export function expectOwnRequests(ids: readonly string[], probes: readonly Probe[]): void {
  expect(probes.map((probe) => probe.id)).toEqual(ids);
  expect(probes.every((probe) => probe.sameInstance && probe.ownRequest)).toBe(true);
}

/** Asserts that each listed name was disposed exactly once and nothing else was disposed. */
export function expectDisposedOnce(log: DisposalLog, names: readonly string[]): void {
  expect(log.entries()).toEqual(new Map(names.map((name) => [name, 1])));
}

/**
 * Sends a GET with `x-request-id: id` through node:http, waits until `started` (the handler
 * is running), then destroys the connection before any response arrives. Resolves once the
 * client socket has closed.
 */
export async function abortAfterStart(url: string, id: string, started: Promise<void>): Promise<void> {
  const request = http.get(url, { headers: { 'x-request-id': id }, agent: false });
  request.on('error', () => {}); // "socket hang up" from our own destroy
  const closed = new Promise((resolve) => request.on('close', resolve));
  let answered = false;
  request.on('response', () => {
    answered = true;
  });
  await started;
  request.destroy();
  await closed;
  expect(answered).toBe(false);
}

/** A request-scoped object (binding `requestContext`): reads the id of its own request. */
export class RequestContext {
  constructor(
    readonly request: { headers: Record<string, string | string[] | undefined> },
    readonly disposalLog: DisposalLog,
  ) {}

  get id(): string {
    return String(this.request.headers['x-request-id']);
  }

  [Symbol.dispose](): void {
    this.disposalLog.disposed(`RequestContext:${this.id}`);
  }
}

/** A request-scoped object depending on the request context, disposed asynchronously. */
export class Greeter {
  constructor(
    readonly requestContext: { readonly id: string },
    readonly disposalLog: DisposalLog,
  ) {}

  async [Symbol.asyncDispose](): Promise<void> {
    await pause(1);
    this.disposalLog.disposed(`Greeter:${this.requestContext.id}`);
  }
}

/** What each request of a concurrency test disposes. */
export const disposalsOf = (ids: readonly string[]): string[] =>
  ids.flatMap((id) => [`RequestContext:${id}`, `Greeter:${id}`]);

/**
 * A graph with a `request` ContextScope: `request` and `response` (and `context`) are frame values,
 * `requestContext` (by default `RequestContext`) and `greeter` are request-scoped, `disposalLog` is `log`.
 */
export function requestGraph(
  log: DisposalLog,
  options: {
    requestContext?: new (...args: never[]) => object;
    classes?: AnyClass[];
    configure?: Parameters<typeof specOf>[0];
  } = {},
): ObjectGraph {
  const requestContext = options.requestContext ?? RequestContext;
  return newObjectGraph({
    classes: [requestContext, Greeter, ...(options.classes ?? [])],
    bindingSpecs: [
      specOf((bind) => {
        bind('request').toScopeValue('request');
        bind('response').toScopeValue('request');
        bind('context').toScopeValue('request');
        bind('disposalLog').toInstance(log);
        bind('requestContext').toClass(requestContext, { inScope: 'request' });
        bind('greeter').toClass(Greeter, { inScope: 'request' });
        options.configure?.(bind);
      }),
    ],
    idToScope: { request: new ContextScope() },
  });
}

/**
 * The handler work of the concurrency tests: resolves the request-scoped objects twice with awaits
 * in between and reports what it saw. `request` is the framework's request object of the handler.
 */
export async function probe(graph: ObjectGraph, request: unknown): Promise<Probe> {
  const first = graph.get<RequestContext>('requestContext');
  const n = Number(first.id.slice(1));
  await pause(n);
  const second = graph.get<RequestContext>('requestContext');
  await pause(n + 1);
  const greeter = graph.get<Greeter>('greeter');
  return {
    id: second.id,
    sameInstance: first === second && greeter.requestContext === first,
    ownRequest: ownRequestOf(first) === request,
  };
}

/** The request object a request context was built from (Hono's holds the context instead). */
function ownRequestOf(requestContext: object): unknown {
  const r = requestContext as { request?: unknown; context?: unknown };
  return r.request ?? r.context;
}

/** A scope of the user's own, without frames: an adapter cannot open one per request. */
class CacheScope implements Scope {
  private readonly objects = new Map<BindingKey, unknown>();

  provide<T>(bindingKey: BindingKey, createFn: () => T): T {
    if (!this.objects.has(bindingKey)) this.objects.set(bindingKey, createFn());
    return this.objects.get(bindingKey) as T;
  }
}

/** `text` as a regular expression that matches it literally. */
const literally = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Asserts that an adapter factory checks its scope id when it is created: `create(graph, options)`
 * must throw `UnknownScopeError` (code `UNKNOWN_SCOPE`) naming the scope id and the call, at the
 * line of `file` that calls the factory, for the default `'request'` in a graph without it, an id
 * the graph does not know, `'singleton'`, a custom scope's id and a symbol. A known `ContextScope`
 * or `KeyedScope` id is accepted, and a graph-like object without `checkFrameScope` is a
 * `WrongArgTypeError`. `leadingArgs` are how the call's arguments before `options` are written.
 */
export function expectScopeCheckedAtCreation(
  factory: string,
  file: string,
  create: (graph: ObjectGraph, options?: { scopeId: ScopeId }) => unknown,
  leadingArgs = 'graph',
): void {
  const tenant = Symbol('tenant');
  const graph = newObjectGraph({
    classes: [],
    idToScope: { request: new ContextScope(), session: new KeyedScope(), cache: new CacheScope() },
  });
  const withoutRequest = newObjectGraph({ classes: [], idToScope: { call: new ContextScope() } });
  // The start of each hint: an unknown id is to be defined, a known one without frames explained.
  const unknown = 'define it in newObjectGraph({ idToScope })';
  const noFrames = 'it has no frames';
  const cases: [ObjectGraph, { scopeId: ScopeId } | undefined, string, string, string][] = [
    [withoutRequest, undefined, '"request"', `${factory}(${leadingArgs})`, unknown],
    [graph, { scopeId: 'tenant' }, '"tenant"', `${factory}(${leadingArgs}, { scopeId: "tenant" })`, unknown],
    [graph, { scopeId: 'singleton' }, '"singleton"', `${factory}(${leadingArgs}, { scopeId: "singleton" })`, noFrames],
    [graph, { scopeId: 'cache' }, '"cache"', `${factory}(${leadingArgs}, { scopeId: "cache" })`, noFrames],
    [graph, { scopeId: tenant }, 'Symbol(tenant)', `${factory}(${leadingArgs}, { scopeId: Symbol(tenant) })`, unknown],
  ];
  for (const [g, options, scopeId, call, hint] of cases) {
    let thrown: unknown;
    try {
      create(g, options);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UnknownScopeError);
    expect(thrown).toMatchObject({ code: 'UNKNOWN_SCOPE', scopeId });
    const at = `\\S*${literally(file)}:\\d+:\\d+`;
    expect((thrown as Error).message).toMatch(
      new RegExp(`^unknown scope ${literally(scopeId)} in ${literally(call)} at ${at}; ${literally(hint)}`),
    );
  }
  expect(() => create(graph)).not.toThrow();
  expect(() => create(graph, { scopeId: 'session' })).not.toThrow();
  const notAGraph = { runInScope: graph.runInScope.bind(graph) } as unknown as ObjectGraph;
  expect(() => create(notAGraph)).toThrow(WrongArgTypeError);
  expect(() => create(notAGraph)).toThrow(/an ObjectGraph/);
}
