// `node --import @pinion/transformer/register out/main.js`: the hook annotates plain JavaScript
// as Node loads it. The app (the pipeline app without decorators and parameter properties, see
// fixtures/strip-app) is compiled as `tsc` lays it out, to ES modules and to CommonJS, each file
// with a `.js.map` beside it: the locations printed name the `.ts` source's lines, traced through
// those maps. CommonJS proves `require()` is covered on every version: on Node 20 through the
// `Module.prototype._compile` hook (module.register hooks never see `require`), on 22 and 24
// through module.registerHooks.
import { EXPECTED_IDENTITIES } from '../pipelines/expected.js';
import { NODE_MAJORS } from '../support/node-binaries.js';
import { compileApp } from './compile.js';
import {
  copyApp,
  makeTempDir,
  REGISTER,
  removeDir,
  runVariants,
  STRIP_APP,
  THROWER_APP,
  throwerOnTsLines,
} from './support.js';

let appDir: string;
let throwerDir: string;

const { output } = runVariants(NODE_MAJORS, () => {
  appDir = makeTempDir('plain-js');
  copyApp(appDir, STRIP_APP);
  compileApp(appDir, 'out', 'esm');
  compileApp(appDir, 'out-cjs', 'cjs');
  throwerDir = makeTempDir('plain-js-thrower');
  copyApp(throwerDir, THROWER_APP);
  compileApp(throwerDir, 'out', 'esm');
  return {
    esm: { args: ['--import', REGISTER, 'out/main.js'], cwd: appDir },
    cjs: { args: ['--import', REGISTER, 'out-cjs/main.js'], cwd: appDir },
    'cjs --require': { args: ['--require', REGISTER, 'out-cjs/main.js'], cwd: appDir },
    thrower: { args: ['--enable-source-maps', '--import', REGISTER, 'out/main.js'], cwd: throwerDir },
  };
});

afterAll(() => {
  removeDir(appDir);
  removeDir(throwerDir);
});

describe.each(NODE_MAJORS)('the register hook on plain JavaScript, Node %i', (major) => {
  it('annotates ES modules: the app is wired and its locations name the .ts lines', () => {
    expect(output('esm', major)).toEqual(EXPECTED_IDENTITIES);
  });

  it('annotates CommonJS modules loaded by require()', () => {
    expect(output('cjs', major)).toEqual(EXPECTED_IDENTITIES);
  });

  it('works as a --require preload too (the CommonJS build of the entry)', () => {
    expect(output('cjs --require', major)).toEqual(EXPECTED_IDENTITIES);
  });

  it('keeps stack traces on the .ts lines (--enable-source-maps reads the chained map)', () => {
    // The frames name the compiled copy's .ts source (in throwerDir), as its chained maps say.
    expect(output('thrower', major)).toMatchObject(throwerOnTsLines(throwerDir));
  });
});
