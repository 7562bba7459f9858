// With Node's own type stripping (on by default from Node 22.18 and in 24):
// `node --import @pinion/transformer/register src/main.ts`. The load hook receives the TypeScript
// itself (format `module-typescript`) and annotates it before Node strips the types; stripping
// blanks types out in place, so the locations found in the TypeScript stay right. Node 20 has no
// type stripping. The app is fixtures/strip-app: the pipeline app without decorator syntax and
// parameter properties, which type stripping refuses (see its services.ts and app-spec.ts).
import { join } from 'node:path';
import { EXPECTED_IDENTITIES } from '../pipelines/expected.js';
import { REGISTER, runVariants, STRIP_APP, STRIPPING_MAJORS, THROWER_APP, throwerOnTsLines } from './support.js';

const PARAM_PROPS_APP = join(__dirname, 'fixtures/param-props');

const { output } = runVariants(STRIPPING_MAJORS, () => ({
  app: { args: ['--import', REGISTER, 'src/main.ts'], cwd: STRIP_APP },
  thrower: { args: ['--enable-source-maps', '--import', REGISTER, 'src/main.ts'], cwd: THROWER_APP },
  'thrower without source maps': { args: ['--import', REGISTER, 'src/main.ts'], cwd: THROWER_APP },
  'parameter properties': {
    args: ['--experimental-transform-types', '--import', REGISTER, 'main.ts'],
    cwd: PARAM_PROPS_APP,
  },
}));

describe.each(STRIPPING_MAJORS)("the register hook with Node's type stripping, Node %i", (major) => {
  it('wires the app: node --import @pinion/transformer/register src/main.ts', () => {
    expect(output('app', major)).toEqual(EXPECTED_IDENTITIES);
  });

  it('keeps stack traces on the .ts lines and columns with --enable-source-maps', () => {
    expect(output('thrower', major)).toMatchObject(throwerOnTsLines());
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
        { name: 'level', kind: 'default', type: 'Level' },
      ],
      location: { file: 'main.ts', line: 7, column: 14 },
    });
  });
});
