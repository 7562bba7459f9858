// @ts-nocheck
export class UserService {
  constructor(
    private readonly db: Db,
    public logger: Logger,
    protected cache?: Cache,
    readonly retries = 3,
  ) {}
}
