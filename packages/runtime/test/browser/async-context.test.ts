// Issue 13: the runtime finds AsyncLocalStorage at the first frame it opens, not at load, through
// `process.getBuiltinModule` (Node, Deno, Bun) or else the global (Cloudflare Workers with
// nodejs_als). Each case loads a fresh copy of the runtime, since the storage found is cached,
// with the host's sources of AsyncLocalStorage taken away as another runtime would lack them.
import { AsyncLocalStorage } from 'node:async_hooks';

type Runtime = typeof import('../../src/index.js');

const host = globalThis as { process: { getBuiltinModule?: unknown }; AsyncLocalStorage?: unknown };
const getBuiltinModule = host.process.getBuiltinModule;

/** A fresh runtime module, loaded with `process.getBuiltinModule` and the global as given. */
function loadRuntime(sources: { builtin: boolean; global: boolean }): Runtime {
  host.process.getBuiltinModule = sources.builtin ? getBuiltinModule : undefined;
  if (sources.global) host.AsyncLocalStorage = AsyncLocalStorage;
  let runtime: Runtime | undefined;
  jest.isolateModules(() => {
    runtime = require('../../src/index.js');
  });
  return runtime!;
}

/** A graph with a singleton value and a `request` context scope whose frames supply `visitor`. */
function graphOf({ BindingSpec, ContextScope, newObjectGraph }: Runtime) {
  class Spec extends BindingSpec {
    configure(bind: import('../../src/index.js').Bind) {
      bind('settings').toInstance({ apiUrl: 'https://api.example.test' });
      bind('visitor').toScopeValue('request');
    }
  }
  return newObjectGraph({ bindingSpecs: [new Spec()], idToScope: { request: new ContextScope() } });
}

afterEach(() => {
  host.process.getBuiltinModule = getBuiltinModule;
  delete host.AsyncLocalStorage;
});

it('has process.getBuiltinModule on this Node (>= 20.16), the source the runtime uses first', () => {
  expect(typeof getBuiltinModule).toBe('function');
});

describe('without any AsyncLocalStorage (a browser)', () => {
  it('builds and uses a graph of singletons, and raises AsyncContextUnavailableError when a frame opens', () => {
    const runtime = loadRuntime({ builtin: false, global: false });
    const graph = graphOf(runtime);
    expect(graph.get('settings')).toEqual({ apiUrl: 'https://api.example.test' });
    // Looking up a frame needs no storage: none was ever opened.
    expect(() => graph.get('visitor')).toThrow(runtime.OutOfScopeError);
    let ran = false;
    const open = () =>
      graph.runInScope(
        'request',
        () => {
          ran = true;
        },
        { values: { visitor: 'ann' } },
      );
    expect(open).toThrow(runtime.AsyncContextUnavailableError);
    expect(open).toThrow(/need AsyncLocalStorage.*Node >= 20\.16, Deno, Bun, or Cloudflare Workers/);
    expect(() => graph.enterScope('request')).toThrow(runtime.AsyncContextUnavailableError);
    expect(ran).toBe(false);
    const thrown = (() => {
      try {
        open();
      } catch (error) {
        return error;
      }
    })();
    expect(thrown).toMatchObject({ name: 'AsyncContextUnavailableError', code: 'ASYNC_CONTEXT_UNAVAILABLE' });
  });
});

describe.each([
  ['process.getBuiltinModule (Node, Deno, Bun)', { builtin: true, global: false }],
  ['the global AsyncLocalStorage (Cloudflare Workers with nodejs_als)', { builtin: false, global: true }],
])('with AsyncLocalStorage from %s', (_source, sources) => {
  it('opens frames that follow the async context', async () => {
    const graph = graphOf(loadRuntime(sources));
    const visitors = await Promise.all(
      ['ann', 'bob'].map((visitor) =>
        graph.runInScope(
          'request',
          async () => {
            await new Promise((tick) => setTimeout(tick, 5));
            return graph.get('visitor');
          },
          { values: { visitor } },
        ),
      ),
    );
    expect(visitors).toEqual(['ann', 'bob']);
    using _frame = graph.enterScope('request', { values: { visitor: 'cy' } });
    expect(graph.get('visitor')).toBe('cy');
  });
});
