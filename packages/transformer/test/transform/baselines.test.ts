// Baseline tests in the style of the TypeScript repository: every file in cases/ is transformed
// (with a fixed `options.root`) and its output and diagnostics must equal
// __baselines__/<case file name>.baseline.
//
// To accept new output after a deliberate change, rewrite the baselines with
//
//   UPDATE_BASELINES=1 npx jest packages/transformer/test/transform --no-cache
//
// then read the diff of __baselines__ line by line against SPEC §2 before committing it. A new case
// is a new file in cases/; its baseline appears on the next update run.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { TransformResult } from '../../src/index.js';
import { BASELINES_DIR, CASES, INPUT_EXTENSIONS, readCase, transformCase } from './support.js';

const UPDATE = process.env.UPDATE_BASELINES === '1';
const BASELINE_EXTENSION = '.baseline';

function renderBaseline(name: string, input: string, result: TransformResult): string {
  const status = result.code === input ? 'unchanged' : 'annotated';
  const diagnostics = result.diagnostics.map((d) => `${d.code} ${d.message}`);
  return [
    `//// [cases/${name}] ${status} ////`,
    result.code.endsWith('\n') ? result.code.slice(0, -1) : result.code,
    '//// diagnostics ////',
    ...(diagnostics.length > 0 ? diagnostics : ['(none)']),
    '',
  ].join('\n');
}

describe.each(CASES)('cases/%s', (name) => {
  const baselinePath = join(BASELINES_DIR, name + BASELINE_EXTENSION);

  it('matches its baseline', () => {
    const actual = renderBaseline(name, readCase(name), transformCase(name));
    if (UPDATE) writeFileSync(baselinePath, actual);
    if (!existsSync(baselinePath)) {
      throw new Error(`no baseline for cases/${name}: run with UPDATE_BASELINES=1 and review the new file`);
    }
    expect(actual).toBe(readFileSync(baselinePath, 'utf8'));
  });
});

describe('the case set', () => {
  it('has a baseline for every case and no baseline without a case', () => {
    const baselines = readdirSync(BASELINES_DIR).filter((f) => f.endsWith(BASELINE_EXTENSION));
    expect(baselines.sort()).toEqual(CASES.map((name) => name + BASELINE_EXTENSION).sort());
  });

  it('covers every input extension', () => {
    const extensions = new Set(CASES.map((name) => extname(name)));
    expect([...extensions].sort()).toEqual([...INPUT_EXTENSIONS].sort());
  });
});
