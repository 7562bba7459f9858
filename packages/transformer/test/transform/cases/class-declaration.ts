// @ts-nocheck
export class DatabaseConnection {
  constructor(url: string, poolSize: number) {}
}

class Clock {}

export { Clock };
