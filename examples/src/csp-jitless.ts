// node-flags: --disallow-code-generation-from-strings
// Resolution tiers and `jitless`. A binding resolved often gets generated code (`new Function`);
// hosts whose Content-Security-Policy forbids `unsafe-eval` set `jitless: true` to stay on closures.
// This example runs under `node --disallow-code-generation-from-strings`, which refuses `new Function`
// as such a CSP would: both graphs still wire every request handler correctly.
import assert from 'node:assert/strict';
import { type Bind, BindingSpec, newObjectGraph, PROTOTYPE } from '@pinion/runtime';

export class Clock {
  now(): string {
    return '12:00';
  }
}

let handlersBuilt = 0;

/** A new handler per request: transient, built with the shared Clock. */
export class RequestHandler {
  readonly id = ++handlersBuilt;

  constructor(readonly clock: Clock) {}
}

export class HandlerSpec extends BindingSpec {
  configure(bind: Bind) {
    bind('requestHandler').toClass(RequestHandler, { inScope: PROTOTYPE });
  }
}

let refused = false;
try {
  new Function('return 1');
} catch (error) {
  refused = error instanceof EvalError;
}
console.log(`code generation from strings refused by this process: ${refused}`);

for (const jitless of [true, false]) {
  const graph = newObjectGraph({ classes: [Clock, RequestHandler], bindingSpecs: [new HandlerSpec()], jitless });
  // Far past the 32 resolutions that make a binding hot.
  const handlers = Array.from({ length: 1000 }, () => graph.get<RequestHandler>('requestHandler'));
  assert.equal(new Set(handlers).size, 1000);
  assert.ok(handlers.every((handler) => handler.clock === handlers[0].clock));
  const how = jitless ? 'jitless: true, closures only' : 'default, generation refused: closures kept';
  console.log(`${how}: 1000 handlers (#${handlers[0].id} … #${handlers[999].id}), one shared Clock`);
}
