// @ts-nocheck
export class WithThis {
  constructor(this: WithThis, clock: Clock) {}

  provideTime(this: WithThis, clock: Clock) {}
}
