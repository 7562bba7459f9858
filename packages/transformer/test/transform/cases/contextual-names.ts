// @ts-nocheck
let Assigned;
Assigned ||= class {};
Assigned ??= class {};

const Cast = class {} as unknown as Function;
const Checked = class {} satisfies object;
const { Destructured = class {} } = {};

export function withDefault(Param = class {}) {
  return Param;
}
