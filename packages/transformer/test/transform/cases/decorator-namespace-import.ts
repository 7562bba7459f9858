// @ts-nocheck
import * as pinion from '@pinion/runtime';

export class Spec {
  @pinion.provides('greeting')
  makeGreeting(name: string) {}

  @pinion.annotateArg('db', 'primary')
  makeRepo(db: Db) {}
}
