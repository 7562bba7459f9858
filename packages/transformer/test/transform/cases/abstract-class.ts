// @ts-nocheck
export abstract class Repository {
  constructor(protected readonly db: Db) {}
  abstract find(id: string): unknown;
}

export class UserRepository extends Repository {}
