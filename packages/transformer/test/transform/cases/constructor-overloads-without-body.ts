// @ts-nocheck
export class OnlyOverloads {
  constructor(url: string);
  constructor(url: string, retries: number);
}

export class Fine {
  constructor(a: string) {}
}
