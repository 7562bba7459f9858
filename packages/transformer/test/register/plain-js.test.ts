// `node --import @pinion/transformer/register out/main.js`: the hook annotates plain JavaScript
// as Node loads it. The app (the pipeline app without decorators and parameter properties, see
// fixtures/strip-app) is compiled as `tsc` lays it out, to ES modules and to CommonJS, each file
// with a `.js.map` beside it: the locations printed name the `.ts` source's lines, traced through
// those maps. CommonJS proves `require()` is covered on every version: on Node 20 through the
// `Module.prototype._compile` hook (module.register hooks never see `require`), on 22 and 24
// through module.registerHooks.
import { join } from 'node:path';
import { EXPECTED_IDENTITIES, identitiesOf } from '../pipelines/expected.js';
import { NODE_MAJORS, type NodeMajor } from '../support/node-binaries.js';
import { compileApp } from './compile.js';
import {
  copyApp,
  describeRun,
  makeTempDir,
  REGISTER,
  type RunResult,
  removeDir,
  requireBuiltPackages,
  runNode,
  SETUP_TIMEOUT,
  STRIP_APP,
  THROWER_APP,
} from './support.js';

let appDir: string;
let throwerDir: string;
const runs = new Map<string, RunResult>();
const key = (variant: string, major: NodeMajor) => `${variant} on Node ${major}`;

beforeAll(async () => {
  requireBuiltPackages();
  appDir = makeTempDir('plain-js');
  copyApp(STRIP_APP, appDir);
  compileApp(appDir, 'out', 'esm');
  compileApp(appDir, 'out-cjs', 'cjs');
  throwerDir = makeTempDir('plain-js-thrower');
  copyApp(THROWER_APP, throwerDir);
  compileApp(throwerDir, 'out', 'esm');
  const variants: Record<string, [string[], string]> = {
    esm: [['--import', REGISTER, 'out/main.js'], appDir],
    cjs: [['--import', REGISTER, 'out-cjs/main.js'], appDir],
    'cjs --require': [['--require', REGISTER, 'out-cjs/main.js'], appDir],
    thrower: [['--enable-source-maps', '--import', REGISTER, 'out/main.js'], throwerDir],
  };
  await Promise.all(
    NODE_MAJORS.flatMap((major) =>
      Object.entries(variants).map(async ([variant, [args, cwd]]) => {
        runs.set(key(variant, major), await runNode(major, args, cwd));
      }),
    ),
  );
}, SETUP_TIMEOUT);

afterAll(() => {
  removeDir(appDir);
  removeDir(throwerDir);
});

function identities(variant: string, major: NodeMajor): unknown {
  const run = runs.get(key(variant, major));
  if (!run) throw new Error(`no run ${key(variant, major)}`);
  if (run.status !== 0) throw new Error(`${key(variant, major)} failed: ${describeRun(run)}`);
  return identitiesOf(run.stdout, run.stderr);
}

describe.each(NODE_MAJORS)('the register hook on plain JavaScript, Node %i', (major) => {
  it('annotates ES modules: the app is wired and its locations name the .ts lines', () => {
    expect(identities('esm', major)).toEqual(EXPECTED_IDENTITIES);
  });

  it('annotates CommonJS modules loaded by require()', () => {
    expect(identities('cjs', major)).toEqual(EXPECTED_IDENTITIES);
  });

  it('works as a --require preload too (the CommonJS build of the entry)', () => {
    expect(identities('cjs --require', major)).toEqual(EXPECTED_IDENTITIES);
  });

  it('keeps stack traces on the .ts lines (--enable-source-maps reads the chained map)', () => {
    const report = identities('thrower', major) as Record<string, string>;
    const source = join(throwerDir, 'src/thrower.ts');
    expect(report.location).toBe('src/thrower.ts:4:14');
    expect(report.constructorFrame).toBe(`at new Thrower (${source}:8:11)`);
    // After the class's closing brace, on the line where Pinion inserted its static block.
    expect(report.afterClassFrame).toBe(`at failAfterClass (${source}:10:51)`);
  });
});
