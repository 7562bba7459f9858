// @ts-nocheck
{
  class InBlock {}
}

if (process.env.DEBUG) {
  class InIf {}
}

export namespace Outer {
  export class InNamespace {
    constructor(dep: Dep) {}
  }
  namespace Inner {
    class Deeper {}
  }
}
