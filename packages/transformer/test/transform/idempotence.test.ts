// Running the transform on its own output changes nothing: a build that goes through two Pinion
// adapters (say ts-jest and esbuild), or that transforms a file twice, annotates each class once.
import { join } from 'node:path';
import { transform } from '../../src/index.js';
import { CASES, CASES_DIR, ROOT, transformCase } from './support.js';

describe.each(CASES)('cases/%s', (name) => {
  it('is left as it is by a second pass', () => {
    const once = transformCase(name);
    const twice = transform(once.code, join(CASES_DIR, name), { root: ROOT });
    expect(twice.code).toBe(once.code);
    expect(twice.map).toBeNull();
    expect(twice.diagnostics.map((d) => d.code)).toEqual(once.diagnostics.map((d) => d.code));
  });
});
