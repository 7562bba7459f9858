// @ts-nocheck
export class Base {
  constructor(db: Db) {}
}

export class Derived extends Base {}

export class Empty {}
