import { nextId } from './ids.js';

/** A singleton: every consumer receives the same clock. */
export class Clock {
  readonly id = nextId('clock');
}
