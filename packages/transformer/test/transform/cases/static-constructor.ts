// @ts-nocheck
export class StaticConstructor {
  static constructor(notAParameter: string) {}
}

export class QuotedConstructor {
  'constructor'(db: Db) {}
}

export class ComputedConstructor {
  ['constructor'](notAParameter: string) {}
}
