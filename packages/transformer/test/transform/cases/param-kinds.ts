// @ts-nocheck
export class AllKinds {
  constructor(
    plain: string,
    { objectPattern }: { objectPattern: string },
    [arrayPattern]: string[],
    withDefault = 1,
    { withDefault: renamed } = { withDefault: 2 },
    optional?: number,
    ...rest: unknown[]
  ) {}
}
