// @ts-nocheck
export class Holder {
  static Registered = class {};
  instanceField = class {};
  static {
    class InStaticBlock {}
  }
}
