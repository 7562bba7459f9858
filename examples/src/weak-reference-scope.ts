// node-flags: --expose-gc
// Scopes, part 4: a custom scope that holds its objects weakly. While anyone still references the
// ImageCache, every injection gets that same object; once it has been garbage-collected, the scope
// builds a new one. (Run with --expose-gc so the example can force a collection.)
import assert from 'node:assert/strict';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { type Bind, type BindingKey, BindingSpec, newObjectGraph, type Scope } from '@pinion/runtime';

class WeakReferenceScope implements Scope {
  private readonly refs = new Map<BindingKey, WeakRef<object>>();

  provide<T>(bindingKey: BindingKey, createFn: () => T): T {
    const alive = this.refs.get(bindingKey)?.deref();
    if (alive !== undefined) return alive as T;
    const instance = createFn();
    // Only objects can be held weakly: anything else is simply not shared.
    if ((typeof instance === 'object' && instance !== null) || typeof instance === 'function') {
      this.refs.set(bindingKey, new WeakRef(instance));
    }
    return instance;
  }
}

const gc = globalThis.gc;
if (typeof gc !== 'function') throw new Error('run this example with node --expose-gc');

const WEAK = 'weak';

let cachesCreated = 0;

export class ImageCache {
  readonly id = ++cachesCreated;
  readonly images = new Map<string, Uint8Array>();
}

export class AppSpec extends BindingSpec {
  configure(bind: Bind) {
    bind('imageCache').toClass(ImageCache, { inScope: WEAK });
  }
}

const graph = newObjectGraph({
  classes: [],
  bindingSpecs: [new AppSpec()],
  idToScope: { [WEAK]: new WeakReferenceScope() },
});

let cache: ImageCache | undefined = graph.get<ImageCache>('imageCache');
cache.images.set('logo.png', new Uint8Array(1024));
console.log(`first ImageCache #${cache.id}, holding ${cache.images.size} image`);
assert.equal(graph.get('imageCache'), cache, 'same instance while it is referenced');
assert.equal(graph.provide(ImageCache), cache, 'provide() goes through the same binding');
console.log(`while referenced: get('imageCache') and provide(ImageCache) return ImageCache #${cache.id} again`);

// Drop the last strong reference and collect. A WeakRef read during a turn keeps its target alive
// until that turn ends, so wait a turn between collections; a few rounds make it certain.
const firstId = cache.id;
const probe = new WeakRef(cache);
cache = undefined;
let rounds = 0;
while (probe.deref() !== undefined) {
  if (++rounds > 20) throw new Error('the ImageCache was never garbage-collected');
  await nextTurn();
  gc();
  await nextTurn();
}
console.log(`ImageCache #${firstId} was garbage-collected after ${rounds} gc round(s)`);

const fresh = graph.get<ImageCache>('imageCache');
console.log(`after collection: get('imageCache') builds ImageCache #${fresh.id}, holding ${fresh.images.size} images`);
assert.equal(fresh.id, 2, 'a new instance once the old one is gone');
assert.equal(fresh.images.size, 0);
assert.equal(graph.get('imageCache'), fresh, 'and that one is shared while it is referenced');
assert.equal(cachesCreated, 2);
