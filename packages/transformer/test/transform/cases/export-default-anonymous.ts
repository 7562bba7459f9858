// @ts-nocheck
export default class {
  constructor(logger: Logger) {}
}
