// @ts-nocheck
import { annotateArg, inject } from '@pinion/runtime';
import { Inject } from 'some-other-container';

@inject()
@annotateArg('db', 'primary')
export class Service {
  constructor(@Inject('DB') db: Db, @Inject('LOG') private readonly log: Log) {}

  @annotateArg('cache', 'hot')
  warm(@Inject('CACHE') cache: Cache) {}
}
