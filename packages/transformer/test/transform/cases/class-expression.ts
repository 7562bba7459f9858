// @ts-nocheck
let Assigned;
Assigned = class {
  constructor(a: string) {}
};

export const registry = {
  Keyed: class {},
  'quoted key': class {},
};

register(class {
  constructor(anonymous: string) {}
});
