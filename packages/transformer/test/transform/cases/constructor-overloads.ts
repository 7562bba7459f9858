// @ts-nocheck
export class Overloaded {
  constructor(url: string);
  constructor(url: string, retries: number);
  constructor(url: string, retries = 3) {}
}
