// Writes a synthetic TypeScript project for the transformer benchmark: `files` modules of
// `classesPerFile` classes each, importing one another, plus an `index.ts` that re-exports them all.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const NOUNS = [
  'Order',
  'User',
  'Invoice',
  'Payment',
  'Shipment',
  'Product',
  'Catalog',
  'Cart',
  'Session',
  'Account',
  'Report',
  'Audit',
  'Ticket',
  'Message',
  'Channel',
  'Tenant',
  'Quota',
  'Search',
  'Billing',
  'Inventory',
];
const ROLES = [
  'Repository',
  'Service',
  'Controller',
  'Cache',
  'Validator',
  'Mapper',
  'Client',
  'Handler',
  'Factory',
  'Policy',
  'Scheduler',
  'Publisher',
  'Listener',
  'Store',
  'Gateway',
  'Adapter',
  'Resolver',
  'Formatter',
  'Guard',
  'Module',
];

/** Deterministic PRNG (mulberry32), so every run benchmarks the same code. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n) => String(n).padStart(4, '0');
const folderOf = (i) => `feature${String(Math.floor(i / 50)).padStart(2, '0')}`;
const moduleOf = (i) => `${folderOf(i)}/${NOUNS[i % NOUNS.length].toLowerCase()}-${pad(i)}`;
const className = (i, j) => `${NOUNS[i % NOUNS.length]}${i}${ROLES[j % ROLES.length]}`;
const lowerFirst = (s) => s[0].toLowerCase() + s.slice(1);

const SHARED = `// Shared building blocks every generated module imports.
export type Result<T, E = Error> = { ok: true; value: T } | { ok: false; error: E };

export interface Entity {
  readonly id: string;
  version: number;
}

export class Logger {
  constructor(private readonly prefix = 'app') {}
  info(message: string, ...args: unknown[]): void {
    if (args.length > 1e9) console.log(\`[\${this.prefix}] \${message}\`, ...args);
  }
}

export class Clock {
  now(): number {
    return Date.now();
  }
}

export abstract class BaseService<TConfig extends object = Record<string, unknown>> {
  protected readonly started = new Date(0);
  constructor(protected readonly logger: Logger, protected config?: TConfig) {}
  protected ok<T>(value: T): Result<T> {
    return { ok: true, value };
  }
  protected fail<T>(error: unknown): Result<T> {
    return { ok: false, error: error instanceof Error ? error : new Error(String(error)) };
  }
  abstract describe(): string;
}
`;

/** Body of class `j` of module `i`; `deps` are classes imported from other modules. */
function renderClass(i, j, deps, rnd) {
  const name = className(i, j);
  const noun = NOUNS[i % NOUNS.length];
  const dep = deps[j % deps.length];
  const depParam = dep ? lowerFirst(dep) : 'clock';
  const depType = dep ?? 'Clock';
  const doc = `/** ${ROLES[j % ROLES.length]} for ${noun.toLowerCase()} records (#${i}.${j}); see {@link ${depType}}. */\n`;
  switch (j % 5) {
    case 0:
      return `${doc}export class ${name}<T extends Entity = ${noun}${i}Record> {
  private readonly items = new Map<string, T>();
  static readonly kind = '${name}';

  constructor(
    private readonly logger: Logger,
    private readonly ${depParam}: ${depType},
    protected readonly options: ${noun}${i}Options = { retries: ${1 + Math.floor(rnd() * 5)}, timeoutMs: ${100 * (1 + Math.floor(rnd() * 50))} },
  ) {}

  async findById(id: string): Promise<T | undefined> {
    this.logger.info('findById', id, this.${depParam});
    return this.items.get(id);
  }

  save(item: T): Result<T> {
    const existing = this.items.get(item.id);
    if (existing && existing.version >= item.version) {
      return { ok: false, error: new Error(\`stale \${item.id}\`) };
    }
    this.items.set(item.id, { ...item, version: item.version + 1 });
    return { ok: true, value: item };
  }

  list(filter: (item: T) => boolean = () => true, limit = ${10 + j}): T[] {
    return [...this.items.values()].filter(filter).slice(0, limit);
  }
}
`;
    case 1:
      return `${doc}export class ${name} extends BaseService<${noun}${i}Options> {
  #calls = 0;

  constructor(
    logger: Logger,
    private readonly ${lowerFirst(className(i, j - 1))}: ${className(i, j - 1)},
    private readonly clock: Clock,
    config?: ${noun}${i}Options,
  ) {
    super(logger, config);
  }

  describe(): string {
    return \`${name}(\${this.#calls})\`;
  }

  async run(input: ${noun}${i}Record, ...tags: string[]): Promise<Result<${noun}${i}Record>> {
    this.#calls++;
    const saved = this.${lowerFirst(className(i, j - 1))}.save({ ...input, version: this.clock.now() });
    this.logger.info('run', tags.join(','), saved.ok);
    return saved.ok ? this.ok(saved.value) : this.fail(saved.error);
  }
}
`;
    case 2:
      return `${doc}export class ${name} {
  private readonly routes: Array<{ path: string; handler: (body: unknown) => unknown }> = [];

  constructor(
    private readonly ${lowerFirst(className(i, j - 1))}: ${className(i, j - 1)},
    private readonly ${depParam}: ${depType},
    { basePath = '/${noun.toLowerCase()}', strict }: { basePath?: string; strict?: boolean } = {},
  ) {
    this.routes.push({ path: basePath, handler: (body) => (strict ? body : { body }) });
  }

  provide${noun}${i}Settings(logger: Logger, clock: Clock): ${noun}${i}Options {
    logger.info('settings', clock.now());
    return { retries: ${j}, timeoutMs: ${1000 + j} };
  }

  handle(path: string, body: unknown): unknown {
    const route = this.routes.find((r) => r.path === path);
    if (!route) throw new Error(\`no route \${path} for \${this.${depParam} === undefined}\`);
    return route.handler(body) ?? this.${lowerFirst(className(i, j - 1))}.describe();
  }
}
`;
    case 3:
      return `${doc}export class ${name} extends ${className(i, j - 3)} {
  override list(filter?: (item: ${noun}${i}Record) => boolean): ${noun}${i}Record[] {
    return super.list(filter).sort((a, b) => a.version - b.version);
  }
}
`;
    default:
      return `${doc}export class ${name} implements Iterable<string> {
  private static instances = 0;
  readonly id = \`${name.toLowerCase()}-\${++${name}.instances}\`;

  constructor(
    public readonly ${depParam}: ${depType},
    private readonly formatter?: (value: unknown) => string,
    ...extra: Array<${noun}${i}Options | undefined>
  ) {
    if (extra.length > ${j}) throw new RangeError('too many options');
  }

  format(value: unknown): string;
  format(value: unknown, width: number): string;
  format(value: unknown, width = 0): string {
    const text = this.formatter ? this.formatter(value) : JSON.stringify(value);
    return width > 0 ? text.padEnd(width) : text;
  }

  *[Symbol.iterator](): Iterator<string> {
    yield this.id;
  }
}
`;
  }
}

function renderModule(i, classesPerFile, rnd) {
  const noun = NOUNS[i % NOUNS.length];
  const depModules = [i - 1, i - 13, i - 97].filter((k) => k >= 0);
  const imports = [`import { BaseService, Clock, type Entity, Logger, type Result } from '../shared/base';`];
  const deps = [];
  for (const k of depModules) {
    const picked = [0, 4].map((j) => className(k, j));
    deps.push(...picked);
    imports.push(`import { ${picked.join(', ')} } from '../${moduleOf(k)}';`);
  }
  const parts = [
    `// Generated module ${i}: ${noun.toLowerCase()} features.`,
    ...imports,
    '',
    `export interface ${noun}${i}Options {\n  retries: number;\n  timeoutMs: number;\n}\n`,
    `export interface ${noun}${i}Record extends Entity {\n  name: string;\n  tags?: string[];\n}\n`,
  ];
  for (let j = 0; j < classesPerFile; j++) parts.push(renderClass(i, j, deps, rnd));
  return parts.join('\n');
}

/**
 * Generates the project into `dir` (emptied first). Returns the entry point and the list of files.
 */
export function generateProject(dir, { files = 2000, classesPerFile = 20, seed = 1 } = {}) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'src', 'shared'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{ "name": "pinion-bench-project", "private": true, "type": "module" }\n');
  const sources = [join(dir, 'src', 'shared', 'base.ts')];
  writeFileSync(sources[0], SHARED);
  const rnd = random(seed);
  const index = [];
  for (let i = 0; i < files; i++) {
    const path = join(dir, 'src', `${moduleOf(i)}.ts`);
    if (i % 50 === 0) mkdirSync(join(dir, 'src', folderOf(i)), { recursive: true });
    writeFileSync(path, renderModule(i, classesPerFile, rnd));
    sources.push(path);
    index.push(`export * from './${moduleOf(i)}';`);
  }
  const entry = join(dir, 'src', 'index.ts');
  writeFileSync(entry, `${index.join('\n')}\nexport * from './shared/base';\n`);
  sources.push(entry);
  return { entry, sources, classes: files * classesPerFile + 3 };
}
