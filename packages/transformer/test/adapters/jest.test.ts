// `@pinion/transformer/jest` is a ts-jest AST transformer. The fixture project
// (test/fixtures/jest-project) is a user's Jest setup with ts-jest and
// `astTransformers: { before: ['@pinion/transformer/jest'] }`, once in ts-jest's language-service
// mode compiled by TypeScript 5.4 and once with isolatedModules; its specs assert on
// `getClassMetadata`. This test runs the real jest binary on it, in child processes.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { factory, name, version } from '@pinion/transformer/jest';
import ts from 'typescript';
import ts54 from 'typescript-5.4';
import { BUILD_TIMEOUT, FIXTURES, REPO_ROOT, type RunResult, requireBuiltPackages, runNodeAsync } from './helpers.js';

const PROJECT = join(FIXTURES, 'jest-project');
const JEST = join(REPO_ROOT, 'node_modules/jest/bin/jest.js');

interface JestJson {
  success: boolean;
  numTotalTestSuites: number;
  numPassedTests: number;
  numFailedTests: number;
  testResults: { name: string; assertionResults: { title: string; status: string; failureMessages: string[] }[] }[];
}

let out: string;

/** Runs jest on the fixture project for the spec files matching `pattern`; returns its JSON report. */
async function runFixtureJest(pattern: string): Promise<{ run: RunResult; json: JestJson }> {
  const outputFile = join(out, `${pattern}.json`);
  const run = await runNodeAsync([
    JEST,
    '--config',
    join(PROJECT, 'jest.config.cjs'),
    '--rootDir',
    PROJECT,
    '--ci',
    '--no-cache',
    '--no-watchman',
    '--cacheDirectory',
    join(out, 'cache'),
    '--json',
    '--outputFile',
    outputFile,
    pattern,
  ]);
  return { run, json: JSON.parse(readFileSync(outputFile, 'utf8')) as JestJson };
}

let passing: { run: RunResult; json: JestJson };
let wrong: { run: RunResult; json: JestJson };

beforeAll(async () => {
  requireBuiltPackages();
  out = mkdtempSync(join(tmpdir(), 'pinion-jest-'));
  [passing, wrong] = await Promise.all([runFixtureJest('metadata'), runFixtureJest('wrong-expectation')]);
}, BUILD_TIMEOUT);

afterAll(() => {
  if (out) rmSync(out, { recursive: true, force: true });
});

describe('@pinion/transformer/jest in a real jest run with ts-jest', () => {
  it("passes the fixture's specs on getClassMetadata in both ts-jest modes", () => {
    expect(passing.run.stderr).not.toMatch(/Test suite failed to run/);
    expect(passing.json.success).toBe(true);
    expect(passing.run.status).toBe(0);
    expect(passing.json.numTotalTestSuites).toBe(2);
    expect(passing.json.numFailedTests).toBe(0);
    // Two projects, three specs each, every one of them run and passed.
    expect(passing.json.numPassedTests).toBe(6);
    const titles = passing.json.testResults.flatMap((suite) => suite.assertionResults.map((a) => a.title));
    expect(titles).toEqual(expect.arrayContaining(['carry their source name, constructor parameters and location']));
  });

  it('fails a spec that expects other metadata than Pinion wrote: the specs really assert', () => {
    expect(wrong.run.status).toBe(1);
    expect(wrong.json.numFailedTests).toBe(2);
    expect(wrong.json.numPassedTests).toBe(0);
    const failures = wrong.json.testResults.flatMap((suite) =>
      suite.assertionResults.flatMap((a) => a.failureMessages),
    );
    expect(failures).toHaveLength(2);
    for (const failure of failures) {
      expect(failure).toContain('"name": "databaseConnexion"');
      expect(failure).toContain('"name": "databaseConnection"');
    }
  });

  it("prints Pinion's warning about the class with constructor overloads only", () => {
    expect(passing.run.stderr).toContain(
      'warning PINION_NO_CONSTRUCTOR_BODY: src/overloads.ts:5:3: class Overloaded declares constructor overloads',
    );
  });
});

describe('@pinion/transformer/jest module shape', () => {
  it('exports the name and version that ts-jest puts into its cache key', () => {
    expect(name).toBe('pinion-transformer');
    expect(typeof version).toBe('string');
  });

  it('uses the compiler ts-jest hands it (configSet.compilerModule), whose node kinds differ between versions', () => {
    const source = 'export class Clock {\n  constructor(readonly timeZone: string) {}\n}\n';
    const ts54Api = ts54 as unknown as typeof ts;
    const transpile = (compiler: unknown) =>
      ts54Api.transpileModule(source, {
        fileName: join(PROJECT, 'src/clock.ts'),
        compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS },
        transformers: { before: [factory(compiler as Parameters<typeof factory>[0], { onDiagnostic: () => {} })] },
      }).outputText;
    // Keys quoted or not, as the printer of that TypeScript writes them.
    expect(transpile({ configSet: { compilerModule: ts54 } })).toMatch(
      /"?name"?: "Clock", "?params"?: \[\{ "?name"?: "timeZone", "?kind"?: "plain" \}\]/,
    );
    // Without it, Pinion would read TypeScript 5.4's tree with 5.9's node kinds: it fails the build
    // saying so, instead of emitting classes without metadata.
    expect(() => transpile({})).toThrow(/another TypeScript than the one Pinion was given/);
  });
});
