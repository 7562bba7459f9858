// @ts-nocheck
import { provides as p } from '@pinion/runtime';

export class Spec {
  @p('greeting')
  makeGreeting(name: string) {}

  @q('other')
  notRecorded(name: string) {}
}
