// `pinionVite()` in a Vitest project: Vitest reads the Vite config, so the same plugin annotates the
// modules a test imports. The project's one test imports the fixture app's main, catches the JSON it
// logs and compares it with expected.ts. Vitest 5 needs Node 22 or later: it runs on Node 24. As in
// the Vite build, the app's `@provides` is compiled as a legacy decorator (`oxc.decorator.legacy`).
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT } from '../adapters/helpers.js';
import { APP, nodeBinary, PIPELINE_TIMEOUT, run, Workspace } from './support.js';

/** Vitest's command (its bin; the package's exports map does not list it). */
const VITEST = join(REPO_ROOT, 'node_modules/vitest/vitest.mjs');

/** The config users write (plus `test.include` for this project's one test file). */
const config = (plugins: string) => `import { pinionVite } from '@pinion/transformer/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [${plugins}],
  oxc: { decorator: { legacy: true } },
  test: { include: ['identities.vitest.ts'] },
});
`;

/** Not `*.test.ts`: Jest must not pick it up. */
const identitiesTest = (workspace: Workspace) => `import { expect, it, vi } from 'vitest';
import { EXPECTED_IDENTITIES, identitiesOf } from '${relative(workspace.dir, __dirname)}/expected.js';

it('wires the fixture app as the bundled builds do', async () => {
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  await import('${relative(workspace.dir, APP)}/src/main.js');
  expect(identitiesOf(String(log.mock.calls.at(-1)?.[0]))).toEqual(EXPECTED_IDENTITIES);
});
`;

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  testResults: { assertionResults: { failureMessages: string[] }[] }[];
}

let workspace: Workspace;
let withPlugin: VitestReport;
let withoutPlugin: VitestReport;

/** Runs `vitest run` with that config on Node 24 and reads its JSON report. */
async function vitest(configFile: string): Promise<VitestReport> {
  const report = workspace.path(`${configFile}.report.json`);
  const args = [VITEST, 'run', '--config', configFile, '--reporter=json', `--outputFile=${report}`];
  const result = await run(nodeBinary(24), args, workspace.dir);
  try {
    return JSON.parse(readFileSync(report, 'utf8')) as VitestReport;
  } catch {
    throw new Error(`vitest wrote no report (exit ${result.status}):\n${result.stderr}\n${result.stdout}`);
  }
}

beforeAll(async () => {
  workspace = new Workspace('vitest');
  workspace.write('package.json', '{ "private": true, "type": "module" }\n');
  workspace.write('identities.vitest.ts', identitiesTest(workspace));
  workspace.write('vitest.config.mjs', config('pinionVite()'));
  workspace.write('vitest.bare.config.mjs', config(''));
  [withPlugin, withoutPlugin] = await Promise.all([vitest('vitest.config.mjs'), vitest('vitest.bare.config.mjs')]);
}, PIPELINE_TIMEOUT);

afterAll(() => workspace?.dispose());

describe('pinionVite() in a Vitest project', () => {
  it("passes the project's test: the app, run by Vitest, is wired as expected", () => {
    expect(withPlugin).toMatchObject({ numPassedTests: 1, numFailedTests: 0 });
  });

  it('is what makes it pass: without the plugin, the same test fails with MissingMetadataError', () => {
    expect(withoutPlugin).toMatchObject({ numPassedTests: 0, numFailedTests: 1 });
    const [failure] = withoutPlugin.testResults[0].assertionResults[0].failureMessages;
    expect(failure).toMatch(/^MissingMetadataError: class InvoiceService/);
  });
});
