// What the register hook annotates and what it leaves alone, and how it fails. The app is written
// into a temporary folder (a committed folder could not hold node_modules): its own ES module,
// CommonJS module, ES module loaded by require(), CommonJS TypeScript (Node 22 and 24), two
// packages under node_modules, and @pinion/runtime, which the workspace links from outside
// node_modules, so only its package name tells it apart from the app's own code.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { NODE_MAJORS } from '../support/node-binaries.js';
import { makeTempDir, REGISTER, removeDir, runVariants, STRIPPING_MAJORS } from './support.js';

const FILES: Record<string, string> = {
  'package.json': '{ "name": "register-behaviour", "type": "module" }\n',
  'main.js': `import { createRequire } from 'node:module';
import { BindingSpec, getClassMetadata, loadedClasses, newObjectGraph } from '@pinion/runtime';
import { EsmDep } from 'esm-dep';
import { Own } from './own.js';

const require = createRequire(import.meta.url);
const { CjsDep } = require('cjs-dep');
const { Required } = require('./required.cjs');
const { RequiredEsm } = require('./required-esm.mjs');
const typeScript = process.argv.includes('--cts') ? require('./typescript.cts').FromCts : undefined;
const has = (cls) => getClassMetadata(cls) !== undefined;
console.log(JSON.stringify({
  own: has(Own),
  required: has(Required),
  requiredEsm: has(RequiredEsm),
  cts: typeScript && getClassMetadata(typeScript),
  esmDep: has(EsmDep),
  cjsDep: has(CjsDep),
  runtime: [BindingSpec, newObjectGraph().constructor].map(has),
  registered: loadedClasses().map((cls) => cls.name).sort(),
}));
`,
  'own.js': 'export class Own {\n  constructor(required) {}\n}\n',
  'required.cjs': 'class Required {\n  constructor(own) {}\n}\nmodule.exports = { Required };\n',
  'required-esm.mjs': 'export class RequiredEsm {\n  constructor(own) {}\n}\n',
  'typescript.cts': 'class FromCts {\n  constructor(own: object) {}\n}\nmodule.exports = { FromCts };\n',
  'node_modules/esm-dep/package.json': '{ "name": "esm-dep", "type": "module", "exports": "./index.js" }\n',
  'node_modules/esm-dep/index.js': 'export class EsmDep {\n  constructor(a) {}\n}\n',
  'node_modules/cjs-dep/package.json': '{ "name": "cjs-dep", "main": "index.js" }\n',
  'node_modules/cjs-dep/index.js': 'class CjsDep {\n  constructor(a) {}\n}\nmodule.exports = { CjsDep };\n',
  'broken.js': 'export class Broken {\n  constructor(a) {\n    this.a = a +;\n  }\n}\n',
  'broken.ts': 'export class Broken {\n  constructor(a: number) {\n    this.a = a +;\n  }\n}\n',
  // Stands in for a transform that cannot run (its parser failed to load): the loader must stop.
  'break-transform.mjs': `import { register } from 'node:module';
const failing = 'export function transform() { throw new Error("the parser could not load"); }';
const hooks = \`export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  if (!result.url.endsWith('/dist/esm/core/transform.js')) return result;
  return { url: 'data:text/javascript,' + encodeURIComponent(\${JSON.stringify(failing)}), shortCircuit: true };
}\`;
register('data:text/javascript,' + encodeURIComponent(hooks));
`,
};

let dir: string;

const { run, output: report } = runVariants(NODE_MAJORS, () => {
  dir = makeTempDir('behaviour');
  for (const [file, text] of Object.entries(FILES)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return {
    app: { args: ['--import', REGISTER, 'main.js'], cwd: dir },
    'app with .cts': { args: ['--import', REGISTER, 'main.js', '--cts'], cwd: dir, majors: STRIPPING_MAJORS },
    'app with .cts under tsx': { args: ['--import', 'tsx', '--import', REGISTER, 'main.js', '--cts'], cwd: dir },
    'broken.js': { args: ['--import', REGISTER, 'broken.js'], cwd: dir },
    'broken.ts': { args: ['--import', REGISTER, 'broken.ts'], cwd: dir, majors: STRIPPING_MAJORS },
    'transform cannot run': { args: ['--import', './break-transform.mjs', '--import', REGISTER, 'own.js'], cwd: dir },
  };
});

afterAll(() => removeDir(dir));

describe.each(NODE_MAJORS)('what the register hook annotates, Node %i', (major) => {
  it("annotates the app's own ES modules, CommonJS modules and ES modules loaded by require()", () => {
    expect(report('app', major)).toMatchObject({ own: true, required: true, requiredEsm: true });
  });

  it('leaves packages under node_modules alone, ES modules and CommonJS', () => {
    expect(report('app', major)).toMatchObject({ esmDep: false, cjsDep: false });
  });

  it('leaves @pinion/runtime alone although it is linked from outside node_modules', () => {
    const { runtime, registered } = report('app', major);
    expect(runtime).toEqual([false, false]);
    expect(registered).toEqual(['Own', 'Required', 'RequiredEsm']);
  });
});

const FROM_CTS = {
  name: 'FromCts',
  params: [{ name: 'own', kind: 'plain' }],
  location: { file: 'typescript.cts', line: 1, column: 7 },
};

describe.each(STRIPPING_MAJORS)('CommonJS TypeScript under type stripping, Node %i', (major) => {
  it('annotates a .cts module before Node strips it', () => {
    expect(report('app with .cts', major).cts).toEqual(FROM_CTS);
  });
});

describe.each(NODE_MAJORS)('CommonJS TypeScript under tsx, Node %i', (major) => {
  // tsx compiles required TypeScript in its own require hook, which no load hook sees: the
  // Module.prototype._compile hook annotates tsx's output.
  it("annotates a .cts module that tsx's require hook compiled", () => {
    expect(report('app with .cts under tsx', major).cts).toEqual(FROM_CTS);
  });
});

describe.each(NODE_MAJORS)('how the register hook fails, Node %i', (major) => {
  it("warns with file:line:column on a file it cannot parse, then Node's own error stops the run", () => {
    const result = run('broken.js', major);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/^warning: broken\.js:3:\d+: .*\[PINION_SYNTAX_ERROR\]$/m);
    expect(result.stderr).toContain('SyntaxError');
  });

  it('stops loading with an error naming the file and the cause when the transform cannot run', () => {
    const result = run('transform cannot run', major);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(`@pinion/transformer/register could not annotate ${join(dir, 'own.js')}`);
    expect(result.stderr).toContain('the parser could not load');
  });
});

describe.each(STRIPPING_MAJORS)('a TypeScript file that does not parse, Node %i', (major) => {
  it("warns with file:line:column before Node's type stripping reports it", () => {
    const result = run('broken.ts', major);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/^warning: broken\.ts:3:\d+: .*\[PINION_SYNTAX_ERROR\]$/m);
  });
});
