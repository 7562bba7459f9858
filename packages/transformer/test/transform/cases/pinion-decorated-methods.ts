// @ts-nocheck
import { annotateArg, inject, provides } from '@pinion/runtime';

export class Spec {
  @provides('greeting')
  makeGreeting(name: string) {}

  @annotateArg('db', 'primary')
  makeRepo(db: Db) {}

  @inject()
  makeInjected(a: A) {}

  @provides({ inScope: PROTOTYPE })
  @unrelated()
  twoDecorators(b: B) {}

  @unrelated()
  notRecorded(c: C) {}
}
