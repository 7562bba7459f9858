// What users install: both packages as `pnpm pack` makes them (SPEC §8: stack traces and locations
// point at files that ship). Every source map a shipped file names ships too, and every source a
// map names ships or is inlined; a stack trace through the installed runtime, source-mapped, names
// files that exist in it; and a minified bundle of an app still tells errors apart by `name` and
// `code`. Uses the built dist (`pnpm build`), as `pnpm pack` does.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = resolve(__dirname, '../../..');
const PACKAGES = ['runtime', 'transformer'] as const;
const TIMEOUT = 60_000;

let dir: string;
/** Where each package's tarball was unpacked: its `package/` folder. */
const unpacked: Record<string, string> = {};

function run(command: string, args: string[], cwd: string): string {
  return execFileSync(command, args, {
    cwd,
    encoding: 'utf8',
    timeout: TIMEOUT,
    env: { ...process.env, NODE_OPTIONS: '' },
  });
}

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

beforeAll(() => {
  for (const name of PACKAGES) {
    if (!existsSync(join(REPO_ROOT, `packages/${name}/dist/esm/index.js`))) {
      throw new Error('build the packages first (pnpm build)');
    }
  }
  mkdirSync(join(__dirname, '../.tmp'), { recursive: true });
  dir = mkdtempSync(join(__dirname, '../.tmp/shipped-'));
  for (const name of PACKAGES) {
    const into = join(dir, name);
    mkdirSync(into);
    run('pnpm', ['pack', '--pack-destination', into], join(REPO_ROOT, 'packages', name));
    const tarball = readdirSync(into).find((file) => file.endsWith('.tgz'));
    if (!tarball) throw new Error(`pnpm pack made no tarball for ${name}`);
    run('tar', ['-xzf', tarball], into);
    unpacked[name] = join(into, 'package');
  }
}, 2 * TIMEOUT);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface RawMap {
  sourceRoot?: string;
  sources: (string | null)[];
  sourcesContent?: (string | null)[];
}

/** What a `//# sourceMappingURL=` at the end of `file` points at, if anything. */
function mapUrlOf(file: string): string | undefined {
  return /\/[/*]# sourceMappingURL=(\S+?)(?:\s*\*\/)?\s*$/.exec(readFileSync(file, 'utf8'))?.[1];
}

/** Each source of `map` (read from `mapFile`) that neither ships nor is inlined. */
function brokenSources(map: RawMap, mapFile: string, shipped: Set<string>): string[] {
  return map.sources.flatMap((source, i) => {
    if (typeof map.sourcesContent?.[i] === 'string') return [];
    if (source === null) return ['(null source)'];
    const path = source.startsWith('file:')
      ? fileURLToPath(source)
      : resolve(dirname(mapFile), map.sourceRoot ?? '', source);
    return shipped.has(path) ? [] : [source];
  });
}

describe.each(PACKAGES)('the packed @pinion/%s', (name) => {
  it('ships every file its exports map and bin name', () => {
    const root = unpacked[name];
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const targets: string[] = [];
    const collect = (value: unknown): void => {
      if (typeof value === 'string') targets.push(value);
      else if (value && typeof value === 'object') Object.values(value).forEach(collect);
    };
    collect(manifest.exports);
    collect(manifest.bin);
    collect([manifest.main, manifest.module, manifest.types]);
    expect(targets.length).toBeGreaterThan(4);
    expect(targets.filter((target) => !existsSync(join(root, target)))).toEqual([]);
  });

  it('names no source map or source that is not in the package', () => {
    const root = unpacked[name];
    const files = filesUnder(root);
    const shipped = new Set(files);
    const code = files.filter((file) => /\.(?:[cm]?js|d\.[cm]?ts)$/.test(file));
    expect(code.length).toBeGreaterThan(10);
    const problems: string[] = [];
    const maps = files.filter((file) => file.endsWith('.map'));
    for (const file of code) {
      const url = mapUrlOf(file);
      if (url === undefined) continue;
      if (url.startsWith('data:')) {
        const json = Buffer.from(url.slice(url.indexOf(',') + 1), 'base64').toString('utf8');
        for (const source of brokenSources(JSON.parse(json), file, shipped))
          problems.push(`${relative(root, file)}: ${source}`);
      } else if (!shipped.has(resolve(dirname(file), url))) {
        problems.push(`${relative(root, file)}: map ${url} does not ship`);
      } else if (!maps.includes(resolve(dirname(file), url))) {
        maps.push(resolve(dirname(file), url));
      }
    }
    for (const mapFile of maps) {
      const map = JSON.parse(readFileSync(mapFile, 'utf8')) as RawMap;
      for (const source of brokenSources(map, mapFile, shipped)) problems.push(`${relative(root, mapFile)}: ${source}`);
    }
    expect(problems).toEqual([]);
  });
});

describe('an error raised inside the installed runtime', () => {
  it('has a stack trace, source-mapped, whose frames in the package name files that ship', () => {
    const app = join(dir, 'stack-app.mjs');
    writeFileSync(
      app,
      `import { newObjectGraph } from './runtime/package/dist/esm/index.js';
try {
  newObjectGraph({ classes: [] }).get('missingThing');
} catch (error) {
  console.log(JSON.stringify({ name: error.name, stack: error.stack }));
}
`,
    );
    const out = JSON.parse(run(process.execPath, ['--enable-source-maps', app], dir).trim());
    expect(out.name).toBe('NothingInjectableForArgError');
    expect(out.stack.split('\n')[0]).toMatch(/^NothingInjectableForArgError: /);
    const root = unpacked.runtime;
    const frames = [...(out.stack as string).matchAll(/\(?((?:file:\/\/)?\/[^():]+):\d+:\d+\)?$/gm)]
      .map(([, location]) => (location.startsWith('file:') ? fileURLToPath(location) : location))
      .filter((path) => path.startsWith(root));
    expect(frames.length).toBeGreaterThan(0);
    expect(frames.filter((path) => !existsSync(path))).toEqual([]);
  });
});

describe('errors in a minified esbuild bundle of an app', () => {
  it(
    'keep their class names as `name` and their codes, in a real node process',
    () => {
      const appDir = join(dir, 'bundle-app');
      mkdirSync(appDir);
      writeFileSync(join(appDir, 'package.json'), '{ "name": "bundle-app", "type": "module" }\n');
      writeFileSync(
        join(appDir, 'app.ts'),
        `import * as pinion from '../runtime/package/dist/esm/index.js';

class ChickenFarm {
  constructor(readonly egg: unknown) {}
}
class Egg {
  constructor(readonly chickenFarm: unknown) {}
}
class Lonely {
  constructor(readonly missingThing: unknown) {}
}
const FirstTwin = class Twin {};
const SecondTwin = class Twin {};
class Pair {
  constructor(readonly twin: unknown) {}
}

const graph = pinion.newObjectGraph({ classes: [ChickenFarm, Egg, Lonely, FirstTwin, SecondTwin, Pair] });
const report: Record<string, unknown> = {};
for (const [expected, cls] of [
  ['CyclicInjectionError', ChickenFarm],
  ['NothingInjectableForArgError', Lonely],
  ['AmbiguousArgNameError', Pair],
] as const) {
  try {
    graph.provide(cls);
    report[expected] = 'nothing thrown';
  } catch (error: any) {
    report[expected] = {
      name: error.name,
      code: error.code,
      stackHead: error.stack.split('\\n')[0].split(':')[0],
      isItsClass: error instanceof (pinion as any)[expected],
      isPinionError: error instanceof pinion.PinionError,
      renamedByMinifier: error.constructor.name !== expected,
    };
  }
}
console.log(JSON.stringify(report));
`,
      );
      const build = `import { build } from 'esbuild';
import { pinionEsbuild } from '@pinion/transformer/esbuild';
await build({
  entryPoints: [${JSON.stringify(join(appDir, 'app.ts'))}],
  outfile: ${JSON.stringify(join(appDir, 'out/app.mjs'))},
  bundle: true, minify: true, format: 'esm', platform: 'node', logLevel: 'error',
  plugins: [pinionEsbuild()],
});
`;
      run(process.execPath, ['--input-type=module', '-e', build], REPO_ROOT);
      const bundle = readFileSync(join(appDir, 'out/app.mjs'), 'utf8');
      expect(bundle).not.toMatch(/class CyclicInjectionError\b/);
      const report = JSON.parse(run(process.execPath, [join(appDir, 'out/app.mjs')], appDir).trim());
      const expected = (name: string, code: string) => ({
        name,
        code,
        stackHead: name,
        isItsClass: true,
        isPinionError: true,
        renamedByMinifier: true,
      });
      expect(report).toEqual({
        CyclicInjectionError: expected('CyclicInjectionError', 'CYCLIC_INJECTION'),
        NothingInjectableForArgError: expected('NothingInjectableForArgError', 'NOTHING_INJECTABLE_FOR_ARG'),
        AmbiguousArgNameError: expected('AmbiguousArgNameError', 'AMBIGUOUS_ARG_NAME'),
      });
    },
    TIMEOUT,
  );
});
