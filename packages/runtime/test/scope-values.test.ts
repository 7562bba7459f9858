import { type Bind, BindingSpec, newObjectGraph, OutOfScopeError, PinionError } from '@pinion/runtime';

describe('a toScopeValue binding requested with no frame of its scope open', () => {
  class CurrentUserSpec extends BindingSpec {
    configure(bind: Bind) {
      bind('currentUser').toScopeValue('request');
    }
  }

  it('raises OutOfScopeError naming the binding, the scope id and how to open a frame', () => {
    const graph = newObjectGraph({
      classes: [],
      bindingSpecs: [new CurrentUserSpec()],
      idToScope: { request: { provide: (_key, create) => create() } },
    });
    let error: unknown;
    try {
      graph.get('currentUser');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OutOfScopeError);
    expect(error).toBeInstanceOf(PinionError);
    expect((error as OutOfScopeError).code).toBe('OUT_OF_SCOPE');
    expect((error as Error).message).toContain('"currentUser"');
    expect((error as Error).message).toContain('"request"');
    expect((error as Error).message).toContain('graph.runInScope(');
    expect((error as Error).message).toMatch(/scope-values\.test\.ts:\d+:\d+/);
  });
});
