// @ts-nocheck
const key = 'dynamic';

export class Members {
  #secret = 1;
  static #count = 0;
  [key] = 2;
  ['provideComputed'](a: A) {}
  [key + 'X'](notRecorded: string) {}
  [Symbol.iterator]() {}
  #providePrivate(b: B) {}

  constructor(db: Db) {}
}
