// What the transformer writes into each class, read back through the runtime accessor.
import { getClassMetadata, loadedClasses } from '@pinion/runtime';

export class DatabaseConnection {
  constructor(readonly databaseUrl: string) {}
}

export class UserRepository {
  constructor(
    readonly databaseConnection: DatabaseConnection,
    readonly pageSize = 20,
    readonly logger?: Console,
  ) {}
}

export class AppSpec {
  provideDatabaseUrl(environment: string) {
    return `postgres://db/${environment}`;
  }
}

for (const cls of [DatabaseConnection, UserRepository, AppSpec]) {
  const metadata = getClassMetadata(cls);
  if (!metadata) throw new Error(`${cls.name} has no metadata: is the transformer configured?`);
  const params = metadata.params?.map((p) => `${p.name}: ${p.kind}`).join(', ') ?? '(inherited)';
  const { file, line, column } = metadata.location;
  console.log(`${metadata.name}(${params}) at ${file}:${line}:${column}`);
  for (const [method, methodParams] of Object.entries(metadata.methods ?? {})) {
    console.log(`  ${method}(${methodParams.map((p) => p.name).join(', ')})`);
  }
}
const names = loadedClasses().map((cls) => getClassMetadata(cls)?.name);
console.log(`classes registered at load: ${names.join(', ')}`);
if (names.join() !== 'DatabaseConnection,UserRepository,AppSpec') throw new Error('unexpected class registry');
