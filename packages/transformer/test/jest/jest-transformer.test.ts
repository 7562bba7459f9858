// `@pinion/transformer/jest` as Jest's own transformer (no ts-jest), SPEC §2: the fixture project
// (fixtures/ts7-project) is a user's Jest setup with `transform: { '^.+\\.[cm]?[jt]sx?$':
// '@pinion/transformer/jest' }`. Its specs run the shared pipeline app and check a stack trace.
// This test runs the real jest binary on it, on Node 20 and on Node 24, with `typescript`
// resolving to TypeScript 7 (typescript-7-only.cjs), which has no compiler API. The module's
// other face, the ts-jest AST transformer, is tested in ../adapters/jest.test.ts.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILD_TIMEOUT, REPO_ROOT, type RunResult, requireBuiltPackages, runNodeWith } from '../adapters/helpers.js';
import { NODE_INSTALL_TIMEOUT, type NodeMajor, nodeBinary } from '../support/node-binaries.js';

const FIXTURE = join(__dirname, 'fixtures/ts7-project');
const JEST = join(REPO_ROOT, 'node_modules/jest/bin/jest.js');
const TYPESCRIPT_7_ONLY = join(__dirname, 'typescript-7-only.cjs');
const MAJORS: NodeMajor[] = [20, 24];

interface JestJson {
  success: boolean;
  numPassedTests: number;
  numFailedTests: number;
  testResults: { name: string; message: string; assertionResults: { title: string; failureMessages: string[] }[] }[];
}

let out: string;
const runs = new Map<number, { run: RunResult; json: JestJson | undefined }>();

/** Runs jest on the fixture with the given Node; returns its JSON report (undefined if none was written). */
async function runFixtureJest(major: NodeMajor): Promise<{ run: RunResult; json: JestJson | undefined }> {
  const outputFile = join(out, `node${major}.json`);
  const run = await runNodeWith(
    nodeBinary(major),
    [
      JEST,
      '--config',
      join(FIXTURE, 'jest.config.cjs'),
      '--rootDir',
      FIXTURE,
      '--ci',
      '--no-cache',
      '--no-watchman',
      '--cacheDirectory',
      join(out, `cache${major}`),
      '--json',
      '--outputFile',
      outputFile,
    ],
    { env: { NODE_OPTIONS: `--require ${TYPESCRIPT_7_ONLY}` } },
  );
  let json: JestJson | undefined;
  try {
    json = JSON.parse(readFileSync(outputFile, 'utf8')) as JestJson;
  } catch {
    json = undefined;
  }
  return { run, json };
}

beforeAll(async () => {
  requireBuiltPackages();
  out = mkdtempSync(join(tmpdir(), 'pinion-jest-transformer-'));
  // Fetch the other Node first (synchronous, once per machine), then run both jests at once.
  for (const major of MAJORS) nodeBinary(major);
  const results = await Promise.all(MAJORS.map(runFixtureJest));
  for (const [i, major] of MAJORS.entries()) runs.set(major, results[i]);
}, NODE_INSTALL_TIMEOUT + BUILD_TIMEOUT);

afterAll(() => {
  if (out) rmSync(out, { recursive: true, force: true });
});

describe('@pinion/transformer/jest as the Jest transformer, with TypeScript 7 only', () => {
  it('runs where `typescript` is TypeScript 7, without a compiler API', () => {
    const probe = `console.log(JSON.stringify([require('typescript').version, typeof require('typescript').createSourceFile]))`;
    return runNodeWith(process.execPath, ['--require', TYPESCRIPT_7_ONLY, '-e', probe]).then((run) => {
      expect(JSON.parse(run.stdout)).toEqual(['7.0.2', 'undefined']);
    });
  });

  it.each(MAJORS)('passes the fixture specs on Node %i: app identities, stack trace and metadata', (major) => {
    const { run, json } = runs.get(major)!;
    const failures = json?.testResults.flatMap((suite) => [
      ...(suite.message ? [suite.message] : []),
      ...suite.assertionResults.flatMap((a) => a.failureMessages),
    ]);
    expect({ failures, stderr: json ? '' : run.stderr }).toEqual({ failures: [], stderr: '' });
    expect(json?.success).toBe(true);
    expect(run.status).toBe(0);
    expect(json?.numPassedTests).toBe(3);
    expect(json?.numFailedTests).toBe(0);
  });
});

// Jest takes `module.default` of a CommonJS module marked `__esModule` (requireOrImportModule +
// interopRequireDefault in jest-util), `default` of an ES module: the transformer must be there.
const jestModule = createRequire(__filename)('@pinion/transformer/jest');
const transformer = jestModule.default;

describe('@pinion/transformer/jest module shape', () => {
  it('has the Jest transformer as its default export, and the ts-jest AST transformer as named exports', () => {
    expect(jestModule.__esModule).toBe(true);
    for (const key of ['process', 'processAsync', 'getCacheKey', 'getCacheKeyAsync', 'createTransformer']) {
      expect(typeof transformer[key]).toBe('function');
    }
    expect(typeof jestModule.process).toBe('function');
    expect(typeof jestModule.factory).toBe('function');
    expect(jestModule.name).toBe('pinion-transformer');
    expect(typeof jestModule.version).toBe('string');
  });
});

describe('@pinion/transformer/jest process and cache key', () => {
  let dir: string;
  const file = () => join(dir, 'src/service.ts');
  const source = [
    "import { provides } from '@pinion/runtime';",
    'export class Service {',
    '  constructor(readonly clock: unknown) {}',
    "  @provides('banner') makeBanner(greeting: string) { return greeting; }",
    '}',
    '',
  ].join('\n');
  const options = (more: object = {}) => ({ configString: '{}', config: { rootDir: dir }, ...more });

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pinion-jest-unit-'));
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'package.json'), '{ "name": "unit" }\n');
    writeFileSync(file(), source);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('emits CommonJS by default and keeps ES modules when Jest asks for them (supportsStaticESM)', () => {
    const cjs = transformer.process(source, file(), options()).code;
    expect(cjs).toMatch(/require\("@pinion\/runtime"\)/);
    expect(cjs).toContain('src/service.ts');
    const esm = transformer.process(source, file(), options({ supportsStaticESM: true })).code;
    expect(esm).toMatch(/^import .* from "@pinion\/runtime";$/m);
    expect(esm).toMatch(/^export \{/m);
    expect(esm).not.toContain('require(');
  });

  it('lowers standard decorators, or experimentalDecorators when the nearest tsconfig says so', () => {
    const standard = transformer.process(source, file(), options()).code;
    expect(standard).toContain('__decorateElement');
    writeFileSync(
      join(dir, 'tsconfig.json'),
      '{\n  // legacy\n  "compilerOptions": { "experimentalDecorators": true, },\n}\n',
    );
    try {
      expect(transformer.process(source, file(), options()).code).toContain('__decorateClass');
    } finally {
      rmSync(join(dir, 'tsconfig.json'));
    }
  });

  it('keys its cache on the content, the path, the config, the tsconfig, the module format and its version', async () => {
    const key = (text: string, path: string, more: object = {}) => transformer.getCacheKey(text, path, options(more));
    const base = key(source, file());
    expect(key(source, file())).toBe(base);
    expect(await transformer.getCacheKeyAsync(source, file(), options())).toBe(base);
    expect(key(`${source}\n`, file())).not.toBe(base);
    expect(key(source, join(dir, 'src/other.ts'))).not.toBe(base);
    expect(key(source, file(), { configString: '{"a":1}' })).not.toBe(base);
    expect(key(source, file(), { supportsStaticESM: true })).not.toBe(base);
    expect(transformer.createTransformer({ root: 'src' }).getCacheKey(source, file(), options())).not.toBe(base);
    writeFileSync(join(dir, 'tsconfig.json'), '{ "compilerOptions": { "experimentalDecorators": true } }');
    try {
      expect(key(source, file())).not.toBe(base);
    } finally {
      rmSync(join(dir, 'tsconfig.json'));
    }
  });
});
