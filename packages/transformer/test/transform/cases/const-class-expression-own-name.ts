// @ts-nocheck
export const Foo = class Bar {
  constructor(baz: Baz) {}
};
