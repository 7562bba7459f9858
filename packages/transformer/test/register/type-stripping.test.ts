// With Node's own type stripping (on by default from Node 22.18 and in 24):
// `node --import @pinion/transformer/register src/main.ts`. The load hook receives the TypeScript
// itself (format `module-typescript`) and annotates it before Node strips the types; stripping
// blanks types out in place, so the locations found in the TypeScript stay right. Node 20 has no
// type stripping. The app is fixtures/strip-app: the pipeline app without decorator syntax and
// parameter properties, which type stripping refuses (see its services.ts and app-spec.ts).
import { join } from 'node:path';
import { EXPECTED_IDENTITIES, identitiesOf } from '../pipelines/expected.js';
import type { NodeMajor } from '../support/node-binaries.js';
import {
  describeRun,
  REGISTER,
  type RunResult,
  requireBuiltPackages,
  runNode,
  SETUP_TIMEOUT,
  STRIP_APP,
  STRIPPING_MAJORS,
  THROWER_APP,
} from './support.js';

const PARAM_PROPS_APP = join(__dirname, 'fixtures/param-props');

const runs = new Map<string, RunResult>();
const key = (variant: string, major: NodeMajor) => `${variant} on Node ${major}`;

beforeAll(async () => {
  requireBuiltPackages();
  const variants: Record<string, [string[], string]> = {
    app: [['--import', REGISTER, 'src/main.ts'], STRIP_APP],
    thrower: [['--enable-source-maps', '--import', REGISTER, 'src/main.ts'], THROWER_APP],
    'thrower without source maps': [['--import', REGISTER, 'src/main.ts'], THROWER_APP],
    'parameter properties': [['--experimental-transform-types', '--import', REGISTER, 'main.ts'], PARAM_PROPS_APP],
  };
  await Promise.all(
    STRIPPING_MAJORS.flatMap((major) =>
      Object.entries(variants).map(async ([variant, [args, cwd]]) => {
        runs.set(key(variant, major), await runNode(major, args, cwd));
      }),
    ),
  );
}, SETUP_TIMEOUT);

function output(variant: string, major: NodeMajor): Record<string, unknown> {
  const run = runs.get(key(variant, major));
  if (!run) throw new Error(`no run ${key(variant, major)}`);
  if (run.status !== 0) throw new Error(`${key(variant, major)} failed: ${describeRun(run)}`);
  return identitiesOf(run.stdout, run.stderr) as Record<string, unknown>;
}

const source = join(THROWER_APP, 'src/thrower.ts');

describe.each(STRIPPING_MAJORS)("the register hook with Node's type stripping, Node %i", (major) => {
  it('wires the app: node --import @pinion/transformer/register src/main.ts', () => {
    expect(output('app', major)).toEqual(EXPECTED_IDENTITIES);
  });

  it('keeps stack traces on the .ts lines and columns with --enable-source-maps', () => {
    const report = output('thrower', major);
    expect(report.location).toBe('src/thrower.ts:4:14');
    expect(report.constructorFrame).toBe(`at new Thrower (${source}:8:11)`);
    expect(report.afterClassFrame).toBe(`at failAfterClass (${source}:10:51)`);
  });

  it('keeps every line without source maps; only columns after a class on its closing line move', () => {
    const report = output('thrower without source maps', major);
    expect(report.constructorFrame).toMatch(/at new Thrower \(file:\/\/.*\/src\/thrower\.ts:8:11\)$/);
    expect(report.afterClassFrame).toMatch(/at failAfterClass \(file:\/\/.*\/src\/thrower\.ts:10:\d+\)$/);
  });

  it('annotates parameter properties with --experimental-transform-types (type stripping refuses them)', () => {
    expect(output('parameter properties', major)).toEqual({
      name: 'Logger',
      params: [
        { name: 'databaseUrl', kind: 'plain' },
        { name: 'level', kind: 'default' },
      ],
      location: { file: 'main.ts', line: 7, column: 14 },
    });
  });
});
