// @ts-nocheck
export const Foo = class {
  constructor(bar: Bar) {}
};
