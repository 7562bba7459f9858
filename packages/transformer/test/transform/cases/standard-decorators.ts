// @ts-nocheck
import { inject, provides } from '@pinion/runtime';

@inject({ argNames: ['db'] })
export class Service {
  constructor(db: Db, name: string) {}
}

export class Spec {
  @provides('greeting')
  makeGreeting(name: string) {
    return `hello ${name}`;
  }

  @logged
  notPinion(x: number) {}
}
