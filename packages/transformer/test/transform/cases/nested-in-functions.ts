// @ts-nocheck
export function makeService() {
  class InFunction {
    constructor(dep: Dep) {}
  }
  return InFunction;
}

export const makeArrow = () => class InArrow {};

export class Factory {
  build() {
    return class InMethod {};
  }
  get made() {
    return class InGetter {};
  }
}
