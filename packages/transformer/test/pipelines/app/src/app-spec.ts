import { type Bind, BindingSpec, PROTOTYPE, provides } from '@pinion/runtime';
import type { Clock } from './clock.js';
import { nextId } from './ids.js';
import { RequestHandler } from './services.js';

export class AppSpec extends BindingSpec {
  configure(bind: Bind) {
    bind('requestHandler').toClass(RequestHandler, { inScope: PROTOTYPE });
  }

  /** A provider method: binds `greeting`, its parameter `clock` injected. */
  provideGreeting(clock: Clock) {
    return `hello from ${clock.id}`;
  }

  /** A decorated provider method: binds `banner`, PROTOTYPE. */
  @provides('banner', { inScope: PROTOTYPE })
  makeBanner(greeting: string) {
    return `${nextId('banner')}: ${greeting}`;
  }
}
