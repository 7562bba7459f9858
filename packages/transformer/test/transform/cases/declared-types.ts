// @ts-nocheck
import type { DatabaseConnection } from './database';
import type * as ns from './namespace';

export class Typed {
  constructor(
    db: DatabaseConnection,
    qualified: ns.Db,
    repo: Repo<User>,
    nested: ns.Cache<Map<string, (key: Key) => Value>>,
    private readonly property: Logger,
    withDefault: Mailer = defaultMailer,
    { destructured }: Options,
    optional?: Clock,
    ...rest: Plugins
  ) {}

  provideReport(source: ns.Source, title: string) {}
}

export class Untyped {
  constructor(
    untyped,
    text: string,
    count: number,
    either: DatabaseConnection | null,
    both: A & B,
    list: DatabaseConnection[],
    generics: Repo<User>[],
    callback: () => DatabaseConnection,
    literal: 'db',
    parenthesized: (DatabaseConnection),
    query: typeof connection,
    keys: keyof DatabaseConnection,
    indexed: DatabaseConnection['pool'],
    shape: { db: DatabaseConnection },
    pair: [DatabaseConnection],
    imported: import('./database').DatabaseConnection,
  ) {}
}
