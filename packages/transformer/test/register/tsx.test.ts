// With tsx: `node --import tsx --import @pinion/transformer/register src/main.ts`. Hooks
// registered later run first, so Pinion annotates what tsx produced: esbuild's output, on one
// line, with an inline source map. Locations are traced back through that map to the .ts lines,
// and the map Pinion returns is chained, so stack traces name the .ts lines too. The other order,
// `--import @pinion/transformer/register --import tsx`, annotates the TypeScript before tsx
// compiles it, decorators included; with tsx's own command, NODE_OPTIONS puts Pinion first.
import { join } from 'node:path';
import { EXPECTED_IDENTITIES, identitiesOf } from '../pipelines/expected.js';
import { NODE_MAJORS, type NodeMajor } from '../support/node-binaries.js';
import {
  describeRun,
  PIPELINE_APP,
  REGISTER,
  type RunResult,
  requireBuiltPackages,
  runNode,
  SETUP_TIMEOUT,
  THROWER_APP,
  TSX_CLI,
} from './support.js';

const TSX_FIRST = ['--import', 'tsx', '--import', REGISTER];
const REGISTER_FIRST = ['--import', REGISTER, '--import', 'tsx'];
const runs = new Map<string, RunResult>();
const key = (variant: string, major: NodeMajor) => `${variant} on Node ${major}`;

beforeAll(async () => {
  requireBuiltPackages();
  const variants: Record<string, [string[], string, NodeJS.ProcessEnv?]> = {
    'tsx first': [[...TSX_FIRST, 'src/main.ts'], PIPELINE_APP],
    'tsx command': [[TSX_CLI, 'src/main.ts'], PIPELINE_APP, { NODE_OPTIONS: `--import ${REGISTER}` }],
    'register first': [[...REGISTER_FIRST, 'src/main.ts'], PIPELINE_APP],
    'thrower, tsx first': [[...TSX_FIRST, 'src/main.ts'], THROWER_APP],
    'thrower, register first': [[...REGISTER_FIRST, 'src/main.ts'], THROWER_APP],
  };
  await Promise.all(
    NODE_MAJORS.flatMap((major) =>
      Object.entries(variants).map(async ([variant, [args, cwd, env]]) => {
        runs.set(key(variant, major), await runNode(major, args, cwd, env));
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

describe.each(NODE_MAJORS)('the register hook after tsx, Node %i', (major) => {
  it('wires the pipeline app: node --import tsx --import @pinion/transformer/register src/main.ts', () => {
    expect(output('tsx first', major)).toEqual(EXPECTED_IDENTITIES);
  });

  it("reports the .ts source's lines as locations, not esbuild's one output line", () => {
    expect(output('thrower, tsx first', major).location).toBe('src/thrower.ts:4:14');
  });

  it('keeps stack traces on the .ts lines through the chained inline source map', () => {
    const report = output('thrower, tsx first', major);
    expect(report.constructorFrame).toBe(`at new Thrower (${source}:8:11)`);
    expect(report.afterClassFrame).toBe(`at failAfterClass (${source}:10:51)`);
  });
});

describe.each(NODE_MAJORS)('the register hook before tsx, Node %i', (major) => {
  it('wires the pipeline app: node --import @pinion/transformer/register --import tsx src/main.ts', () => {
    expect(output('register first', major)).toEqual(EXPECTED_IDENTITIES);
  });

  it('reports locations and stack traces on the .ts lines', () => {
    const report = output('thrower, register first', major);
    expect(report.location).toBe('src/thrower.ts:4:14');
    expect(report.constructorFrame).toBe(`at new Thrower (${source}:8:11)`);
    expect(report.afterClassFrame).toBe(`at failAfterClass (${source}:10:51)`);
  });

  it('wires the pipeline app: NODE_OPTIONS="--import @pinion/transformer/register" tsx src/main.ts', () => {
    expect(output('tsx command', major)).toEqual(EXPECTED_IDENTITIES);
  });
});
