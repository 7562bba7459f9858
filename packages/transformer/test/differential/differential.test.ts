// The new core is the same transform as the one it replaced: the TypeScript-based analysis that
// Pinion shipped before (kept here, in typescript-analysis.ts, as the reference) and the oxc-based
// core must find the same classes — each by the `}` that closes it — and give each exactly the same
// metadata (name, parameters and their kinds and declared types, location, methods) and
// registration, with the same warnings, over the real-world corpus and every baseline case. Where
// the new core deliberately differs (defects the old one had), a block names each difference and
// proves both sides. The core reads a declared type from the text (its `js` AST has no type nodes),
// the reference from TypeScript's type node: the last block holds the annotations that could tell
// the two apart.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import type { ClassMetadata } from '../../src/core/metadata.js';
import { analyzeFile } from '../../src/core/transform.js';
import { corpusFiles, MIN_FILES } from '../corpus/corpus-files.js';
import { CASES, CASES_DIR, ROOT } from '../transform/support.js';
import { scriptKindOf } from './script-kind.js';
import { analyzeSourceFile } from './typescript-analysis.js';

interface Found {
  metadata: unknown;
  register: boolean;
}

interface Comparison {
  /** Classes the reference found, by offset of their closing brace. */
  reference: Map<number, Found>;
  core: Map<number, Found>;
  referenceWarnings: string[];
  coreWarnings: string[];
}

/** Both analyses of one file, as the old `transform` and the new one run them. */
function compare(fileName: string, code: string, root?: string): Comparison | undefined {
  const sourceFile = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, false, scriptKindOf(ts, fileName));
  // The old transform left files with syntax errors alone before analysing them.
  if ((sourceFile as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics.length > 0) return undefined;
  const core = analyzeFile(code, fileName, { root });
  const file = core.classes[0]?.metadata.location.file ?? core.diagnostics[0]?.file ?? 'unused';
  const reference = analyzeSourceFile(ts, sourceFile, file);
  const warnings = (list: { code: string; line: number; column: number }[]) =>
    list.map((d) => `${d.code} ${d.line}:${d.column}`).sort();
  return {
    reference: new Map(reference.classes.map((c) => [c.closeBrace, { metadata: c.metadata, register: c.register }])),
    core: new Map(core.classes.map((c) => [c.closeBrace, { metadata: c.metadata, register: c.register }])),
    referenceWarnings: warnings(reference.diagnostics),
    coreWarnings: warnings(core.diagnostics),
  };
}

/** Every way the two analyses of one file differ, as readable lines. */
function differences(label: string, comparison: Comparison): string[] {
  const found: string[] = [];
  const show = (value: unknown) => JSON.stringify(value);
  for (const [at, reference] of comparison.reference) {
    const core = comparison.core.get(at);
    if (!core) found.push(`${label}: the core missed the class closed at offset ${at}: ${show(reference.metadata)}`);
    else if (show(core) !== show(reference)) {
      found.push(`${label} @${at}:\n  reference ${show(reference)}\n  core      ${show(core)}`);
    }
  }
  for (const [at, core] of comparison.core) {
    if (!comparison.reference.has(at)) found.push(`${label}: the core found an extra class at ${at}: ${show(core)}`);
  }
  if (show(comparison.coreWarnings) !== show(comparison.referenceWarnings)) {
    found.push(`${label}: warnings ${show(comparison.coreWarnings)}, reference ${show(comparison.referenceWarnings)}`);
  }
  return found;
}

/** How many parameters of a class's constructor and methods carry a declared type. */
function typedParams(metadata: unknown): number {
  const { params = [], methods = {} } = metadata as ClassMetadata;
  return [...params, ...Object.values(methods).flat()].filter((p) => p.type !== undefined).length;
}

describe('the oxc core against the TypeScript-based analysis it replaced', () => {
  it(`gives every class of the real-world corpus (≥ ${MIN_FILES} files) the same metadata`, () => {
    const files = corpusFiles();
    expect(files.length).toBeGreaterThanOrEqual(MIN_FILES);
    let classes = 0;
    let compared = 0;
    let typed = 0;
    const found: string[] = [];
    for (const fileName of files) {
      const comparison = compare(fileName, readFileSync(fileName, 'utf8'));
      if (!comparison) continue;
      compared++;
      classes += comparison.reference.size;
      typed += [...comparison.reference.values()].reduce((n, f) => n + typedParams(f.metadata), 0);
      found.push(...differences(fileName, comparison));
    }
    console.log(
      `differential: ${compared} of ${files.length} corpus files, ${classes} classes, ${typed} typed parameters compared`,
    );
    expect(compared).toBeGreaterThanOrEqual(MIN_FILES);
    expect(classes).toBeGreaterThan(1000);
    expect(typed).toBeGreaterThan(200);
    expect(found.slice(0, 20).join('\n')).toBe('');
  }, 180_000);

  it.each(CASES)('gives every class of cases/%s the same metadata', (name) => {
    const comparison = compare(join(CASES_DIR, name), readFileSync(join(CASES_DIR, name), 'utf8'), ROOT);
    if (!comparison) throw new Error(`cases/${name} does not parse`);
    expect(differences(name, comparison)).toEqual([]);
  });
});

describe('where the core deliberately differs from the analysis it replaced', () => {
  /** The metadata of the one class in `code` by each analysis. */
  const both = (code: string, fileName = '/project/src/a.ts') => {
    const comparison = compare(fileName, code, '/project');
    if (!comparison) throw new Error('does not parse');
    const only = (map: Map<number, Found>) => [...map.values()].map((f) => f.metadata);
    return { reference: only(comparison.reference), core: only(comparison.core) };
  };
  const location = (line: number, column: number) => ({ file: 'src/a.ts', line, column });

  it('names a class in a private field after the field, as JavaScript does (`#priv`)', () => {
    const { reference, core } = both('export class Holder {\n  #priv = class {};\n}\n');
    expect(reference).toContainEqual({ name: '', location: location(2, 11) });
    expect(core).toContainEqual({ name: '#priv', location: location(2, 11) });
  });

  it('names a class in a shorthand default of an assignment pattern after its target (`Shorthand`)', () => {
    const { reference, core } = both('({ Shorthand = class {} } = {});\n');
    expect(reference).toEqual([{ name: '', location: location(1, 16) }]);
    expect(core).toEqual([{ name: 'Shorthand', location: location(1, 16) }]);
  });

  it('does not count a byte order mark as a column of line 1', () => {
    const { reference, core } = both('\uFEFFexport class First {}\n');
    expect(reference).toEqual([{ name: 'First', location: location(1, 15) }]);
    expect(core).toEqual([{ name: 'First', location: location(1, 14) }]);
  });

  it.each([
    ['U+2003', '\u2003'],
    ['U+3000', '\u3000'],
    ['U+2009', '\u2009'],
    ['U+202F', '\u202F'],
  ])('points an anonymous class after %s white space at `class`, not at the white space', (_label, space) => {
    const { reference, core } = both(`register(${space}class {});\n`);
    expect(reference).toEqual([{ name: '', location: location(1, 10) }]);
    expect(core).toEqual([{ name: '', location: location(1, 11) }]);
  });

  it('annotates a class whose own static block, or a comment before it, mentions pinion.metadata', () => {
    const code = [
      'export class Mentions {',
      '  // reads Symbol.for("pinion.metadata") below',
      '  static { console.log(Symbol.for("pinion.metadata")); }',
      '}',
      '',
    ].join('\n');
    const { reference, core } = both(code);
    expect(reference).toEqual([]);
    expect(core).toEqual([{ name: 'Mentions', location: location(1, 14) }]);
  });
});

describe('the declared type of a parameter, read from the text, against TypeScript’s node for it', () => {
  const typesOf = (code: string) => {
    const comparison = compare('/project/src/a.ts', code, '/project');
    if (!comparison) throw new Error(`does not parse: ${code}`);
    // In source order: the reference finds classes in another order than the core.
    const params = (map: Map<number, Found>) =>
      [...map.entries()]
        .sort(([a], [b]) => a - b)
        .flatMap(([, f]) => (f.metadata as { params: { type?: string }[] }).params.map((p) => p.type));
    return { reference: params(comparison.reference), core: params(comparison.core) };
  };

  // Each annotation stands before a `,`, before the `)` and before a default value's `=`.
  it.each([
    ['Db', 'Db'],
    ['ns.Db', 'ns.Db'],
    ['a.b.C', 'a.b.C'],
    ['ns /* dot */ . Db', 'ns.Db'],
    ['Db // comment\n', 'Db'],
    ['Repo<User>', 'Repo'],
    ['Repo<Map<string, Set<User>>>', 'Repo'],
    ['Repo<(user: User) => Promise<void>>', 'Repo'],
    ['Repo<\'>\' | "<">', 'Repo'],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a template literal type, as source text
    ['Repo<`a${B<C>}>`>', 'Repo'],
    ['Repo</* > */ User>', 'Repo'],
    ['Größe', 'Größe'],
    ['$Db_1', '$Db_1'],
    ['string.Foo', 'string.Foo'],
    ['Db\u00a0', 'Db'],
    ['string', undefined],
    ['undefined', undefined],
    ['object', undefined],
    ['Db | null', undefined],
    ['| Db', undefined],
    ['Db & Extra', undefined],
    ['Db[]', undefined],
    ['Repo<User>[]', undefined],
    ['Repo<User> | Db', undefined],
    ['Db["pool"]', undefined],
    ['(Db)', undefined],
    ['() => Db', undefined],
    ['new () => Db', undefined],
    ['typeof db', undefined],
    ['keyof Db', undefined],
    ['readonly Db[]', undefined],
    ['unique symbol', undefined],
    ["'db'", undefined],
    ['42', undefined],
    ['{ db: Db }', undefined],
    ['[Db]', undefined],
    ["import('./db').Db", undefined],
    ['`db`', undefined],
    ['Db extends X ? Y : Z', undefined],
  ])('reads `%s` as %p', (annotation, expected) => {
    const code = [
      `class Before { constructor(p: ${annotation}, q) {} }`,
      `class Last { constructor(q, p: ${annotation}) {} }`,
      `class Defaulted { constructor(p: ${annotation} = q) {} }`,
      `class Optional { constructor(p?: ${annotation}) {} }`,
      '',
    ].join('\n');
    const { reference, core } = typesOf(code);
    expect(core).toEqual(reference);
    expect(core).toEqual([expected, undefined, undefined, expected, expected, expected]);
  });
});
