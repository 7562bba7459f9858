// With tsx: `node --import tsx --import @pinion/transformer/register src/main.ts`. Hooks
// registered later run first, so Pinion annotates what tsx produced: esbuild's output, on one
// line, with an inline source map. Locations are traced back through that map to the .ts lines,
// and the map Pinion returns is chained, so stack traces name the .ts lines too. The other order,
// `--import @pinion/transformer/register --import tsx`, annotates the TypeScript before tsx
// compiles it, decorators included; with tsx's own command, NODE_OPTIONS puts Pinion first.
import { EXPECTED_IDENTITIES } from '../pipelines/expected.js';
import { NODE_MAJORS } from '../support/node-binaries.js';
import { PIPELINE_APP, REGISTER, runVariants, THROWER_APP, TSX_CLI, throwerOnTsLines } from './support.js';

const TSX_FIRST = ['--import', 'tsx', '--import', REGISTER];
const REGISTER_FIRST = ['--import', REGISTER, '--import', 'tsx'];

const { output } = runVariants(NODE_MAJORS, () => ({
  'tsx first': { args: [...TSX_FIRST, 'src/main.ts'], cwd: PIPELINE_APP },
  'tsx command': { args: [TSX_CLI, 'src/main.ts'], cwd: PIPELINE_APP, env: { NODE_OPTIONS: `--import ${REGISTER}` } },
  'register first': { args: [...REGISTER_FIRST, 'src/main.ts'], cwd: PIPELINE_APP },
  'thrower, tsx first': { args: [...TSX_FIRST, 'src/main.ts'], cwd: THROWER_APP },
  'thrower, register first': { args: [...REGISTER_FIRST, 'src/main.ts'], cwd: THROWER_APP },
}));

const { location, constructorFrame, afterClassFrame } = throwerOnTsLines();

describe.each(NODE_MAJORS)('the register hook after tsx, Node %i', (major) => {
  it('wires the pipeline app: node --import tsx --import @pinion/transformer/register src/main.ts', () => {
    expect(output('tsx first', major)).toEqual(EXPECTED_IDENTITIES);
  });

  it("reports the .ts source's lines as locations, not esbuild's one output line", () => {
    expect(output('thrower, tsx first', major).location).toBe(location);
  });

  it('keeps stack traces on the .ts lines through the chained inline source map', () => {
    expect(output('thrower, tsx first', major)).toMatchObject({ constructorFrame, afterClassFrame });
  });
});

describe.each(NODE_MAJORS)('the register hook before tsx, Node %i', (major) => {
  it('wires the pipeline app: node --import @pinion/transformer/register --import tsx src/main.ts', () => {
    expect(output('register first', major)).toEqual(EXPECTED_IDENTITIES);
  });

  it('reports locations and stack traces on the .ts lines', () => {
    expect(output('thrower, register first', major)).toMatchObject({ location, constructorFrame, afterClassFrame });
  });

  it('wires the pipeline app: NODE_OPTIONS="--import @pinion/transformer/register" tsx src/main.ts', () => {
    expect(output('tsx command', major)).toEqual(EXPECTED_IDENTITIES);
  });
});
