// @ts-nocheck
declare class Ambient {
  constructor(a: string);
}

declare namespace AmbientNamespace {
  class Inside {
    constructor(b: string);
  }
}

declare module 'some-module' {
  export class InModule {}
}

export class Real {
  constructor(a: string) {}
}
