// A module evaluated again registers its classes again; each must take the place of the class of
// the same source file and name (SPEC §4, the `classes` default), or every name it binds turns
// ambiguous. Shown here with Jest's own `jest.resetModules()`, and in real Node processes that
// import one file under several query strings, moving its class between imports, as hot reload
// does, and re-require a CommonJS module after deleting it from `require.cache`.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getClassMetadata, loadedClasses, newObjectGraph } from '@pinion/runtime';

type Garage = typeof import('./fixtures/reevaluation/garage.js');

const FIXTURE_FILE = 'test/fixtures/reevaluation/garage.ts';
const loadGarage = (): Garage => require('./fixtures/reevaluation/garage');
const fixtureClasses = () => loadedClasses().filter((cls) => getClassMetadata(cls)?.location.file === FIXTURE_FILE);

describe('a module evaluated again, in Jest', () => {
  it('replaces its classes after jest.resetModules(), and graphs inject the new ones', () => {
    const first = loadGarage();
    const before = newObjectGraph();
    expect(before.provide(first.Garage).engine).toBeInstanceOf(first.Engine);

    jest.resetModules();
    const second = loadGarage();
    expect(second.Engine).not.toBe(first.Engine);
    expect(fixtureClasses()).toEqual([second.Engine, second.Garage]);

    // The graph made before the reload keeps what it was made with; a new one sees the new classes
    // (object-graph.ts caches a copy of the list while its elements stay the same).
    const after = newObjectGraph();
    const garage = after.provide(second.Garage);
    expect(garage.engine).toBeInstanceOf(second.Engine);
    expect(garage.engine).not.toBeInstanceOf(first.Engine);
    expect(after.get('engine')).toBe(garage.engine);
    expect(before.provide(first.Garage).engine).toBeInstanceOf(first.Engine);
  });

  it('keeps one class per file and name over many reloads, in first-load order', () => {
    for (let i = 0; i < 5; i++) {
      jest.resetModules();
      loadGarage();
    }
    const latest = loadGarage();
    expect(fixtureClasses()).toEqual([latest.Engine, latest.Garage]);
    expect(loadedClasses()).toBe(loadedClasses());
  });
});

const REPO_ROOT = join(__dirname, '../../..');
const REGISTER = join(REPO_ROOT, 'packages/transformer/dist/esm/register.js');

// Imported under three query strings; before the third, the class moves down two lines and the
// file gains a class. The CommonJS module is re-required after leaving `require.cache`.
const MAIN = `import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { getClassMetadata, loadedClasses, newObjectGraph } from '@pinion/runtime';

const require = createRequire(import.meta.url);
const a = await import('./services.js?a');
const b = await import('./services.js?b');
const path = new URL('./services.js', import.meta.url);
writeFileSync(path, '\\n\\n' + readFileSync(path, 'utf8') + 'export class Extra {}\\n');
const c = await import('./services.js?c');
const firstCjs = require('./legacy.cjs');
delete require.cache[require.resolve('./legacy.cjs')];
const cjs = require('./legacy.cjs');

const garage = newObjectGraph().provide(c.Garage);
const meta = (cls) => getClassMetadata(cls);
console.log(JSON.stringify({
  registered: loadedClasses().map((cls) => \`\${meta(cls).location.file}:\${meta(cls).location.line}:\${meta(cls).name}\`),
  newest: garage.engine instanceof c.Engine,
  distinct: a.Engine !== b.Engine && b.Engine !== c.Engine && firstCjs.Legacy !== cjs.Legacy,
  newestCjs: loadedClasses().includes(cjs.Legacy) && !loadedClasses().includes(firstCjs.Legacy),
}));
`;

const SERVICES =
  'export class Engine {}\nexport class Garage {\n  constructor(engine) {\n    this.engine = engine;\n  }\n}\n';

describe('a module evaluated again, in a Node process with the register hook', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps one class per file and name: the query string is no part of the file, the line may move', () => {
    if (!existsSync(REGISTER)) throw new Error('build the packages first (pnpm build)');
    // Inside the repository (git-ignored), so that @pinion/runtime resolves as in a user's project.
    mkdirSync(join(__dirname, '../.tmp'), { recursive: true });
    dir = mkdtempSync(join(__dirname, '../.tmp/reevaluation-'));
    writeFileSync(join(dir, 'package.json'), '{ "name": "reevaluation-app", "type": "module" }\n');
    writeFileSync(join(dir, 'main.js'), MAIN);
    writeFileSync(join(dir, 'services.js'), SERVICES);
    writeFileSync(
      join(dir, 'legacy.cjs'),
      'class Legacy {\n  constructor(engine) {}\n}\nmodule.exports = { Legacy };\n',
    );
    const stdout = execFileSync(process.execPath, ['--import', REGISTER, 'main.js'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    const report = JSON.parse(stdout.trim().split('\n').at(-1) as string);
    expect(report).toEqual({
      registered: ['services.js:3:Engine', 'services.js:4:Garage', 'services.js:9:Extra', 'legacy.cjs:1:Legacy'],
      newest: true,
      distinct: true,
      newestCjs: true,
    });
  }, 40_000);
});
