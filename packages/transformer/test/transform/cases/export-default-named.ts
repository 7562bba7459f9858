// @ts-nocheck
export default class Named {
  constructor(logger: Logger) {}
}
