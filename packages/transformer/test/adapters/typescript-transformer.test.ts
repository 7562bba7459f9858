// `pinionTransformer()` is a `before` transformer for the TypeScript compiler API. These tests
// compile the fixture app with a real Program and with `transpileModule` under TypeScript 5.4,
// 5.9 and 6.0, then run what was emitted with node and read every class through `getClassMetadata`.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pinionTransformer, type TransformDiagnostic, transform } from '@pinion/transformer';
import ts from 'typescript';
import ts54 from 'typescript-5.4';
import ts60 from 'typescript-6.0';
import {
  APP_METADATA,
  APP_REGISTERED,
  type AppReport,
  BUILD_TIMEOUT,
  copyApp,
  makeTempDir,
  metadataOf,
  OVERLOADS_WARNING,
  removeDir,
  requireBuiltPackages,
  runApp,
} from './helpers.js';

let dir: string;

beforeAll(() => {
  requireBuiltPackages();
  dir = makeTempDir('typescript-api');
  copyApp(dir);
});

afterAll(() => removeDir(dir));

describe('pinionTransformer() in program.emit (TypeScript compiler API)', () => {
  let program: ts.Program;
  let emitResult: ts.EmitResult;
  const warnings: TransformDiagnostic[] = [];
  let report: AppReport;

  beforeAll(() => {
    const parsed = ts.getParsedCommandLineOfConfigFile(join(dir, 'tsconfig.json'), undefined, {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    });
    if (!parsed) throw new Error('could not read the fixture tsconfig');
    program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
    emitResult = program.emit(undefined, undefined, undefined, false, {
      before: [pinionTransformer({ onDiagnostic: (d) => warnings.push(d) })],
    });
    report = runApp(join(dir, 'out/main.js'));
  }, BUILD_TIMEOUT);

  it('compiles the app without diagnostics and emits it', () => {
    expect(ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual(
      [],
    );
    expect(emitResult.emitSkipped).toBe(false);
    expect(emitResult.diagnostics).toEqual([]);
  });

  it('gives every class of the emitted app, run by node, its source name, parameters and location', () => {
    expect(metadataOf(report)).toEqual(APP_METADATA);
  });

  it('registers the classes defined at module level with the runtime', () => {
    expect(report.registered).toEqual(APP_REGISTERED);
  });

  it('reports a class with constructor overloads only through onDiagnostic and leaves it alone', () => {
    expect(warnings).toEqual([expect.objectContaining({ code: 'PINION_NO_CONSTRUCTOR_BODY', ...OVERLOADS_WARNING })]);
    expect(report.classes.Overloaded.metadata).toBeNull();
  });

  it('adds only the static blocks: the rest of the output is what TypeScript emits without Pinion', () => {
    const plain = new Map<string, string>();
    program.emit(undefined, (fileName, text) => {
      if (fileName.endsWith('.js')) plain.set(basename(fileName), text);
    });
    const staticBlock = /^ *static \{ __pinion\(this, .*\); \}\n/gm;
    const helper = /^function __pinion\(c, m, r\) \{\n[\s\S]*?^\}\n/m;
    expect(plain.size).toBe(readdirSync(join(dir, 'src')).length);
    for (const [file, text] of plain) {
      const annotated = readFileSync(join(dir, 'out', file), 'utf8');
      expect(annotated.replace(staticBlock, '').replace(helper, '')).toBe(text);
    }
    expect(readFileSync(join(dir, 'out/database.js'), 'utf8')).toMatch(staticBlock);
    expect(readFileSync(join(dir, 'out/database.js'), 'utf8')).toMatch(helper);
  });
});

describe('pinionTransformer({ typescript }) in transpileModule under TypeScript 5.4, 5.9 and 6.0', () => {
  const compilers = { '5.4': ts54, '5.9': ts, '6.0': ts60 } as unknown as Record<string, typeof ts>;
  const reports: Record<string, AppReport> = {};
  const warnings: Record<string, TransformDiagnostic[]> = {};

  beforeAll(() => {
    for (const [version, compiler] of Object.entries(compilers)) {
      const out = join(dir, `transpiled-${version}`);
      mkdirSync(out);
      writeFileSync(join(out, 'package.json'), '{ "type": "commonjs" }\n');
      warnings[version] = [];
      const transformer = pinionTransformer({ typescript: compiler, onDiagnostic: (d) => warnings[version].push(d) });
      for (const file of readdirSync(join(dir, 'src'))) {
        const fileName = join(dir, 'src', file);
        const { outputText } = compiler.transpileModule(readFileSync(fileName, 'utf8'), {
          fileName,
          compilerOptions: {
            target: compiler.ScriptTarget.ES2022,
            module: compiler.ModuleKind.CommonJS,
            esModuleInterop: true,
          },
          transformers: { before: [transformer] },
        });
        writeFileSync(join(out, file.replace(/\.ts$/, '.js')), outputText);
      }
      reports[version] = runApp(join(out, 'main.js'));
    }
  }, BUILD_TIMEOUT);

  it.each(Object.keys(compilers))('TypeScript %s is the compiler under test', (version) => {
    expect(compilers[version].version.startsWith(`${version}.`)).toBe(true);
  });

  it.each(Object.keys(compilers))('TypeScript %s: the emitted app reports the metadata of the contract', (version) => {
    expect(metadataOf(reports[version])).toEqual(APP_METADATA);
    expect(reports[version].registered).toEqual(APP_REGISTERED);
  });

  it('all three compilers emit the same metadata and the same warning', () => {
    expect(metadataOf(reports['5.4'])).toEqual(metadataOf(reports['5.9']));
    expect(metadataOf(reports['6.0'])).toEqual(metadataOf(reports['5.9']));
    for (const version of Object.keys(compilers)) {
      expect(warnings[version]).toEqual([
        expect.objectContaining({ code: 'PINION_NO_CONSTRUCTOR_BODY', ...OVERLOADS_WARNING }),
      ]);
    }
  });

  it('without the typescript option, a file parsed by another TypeScript fails the build instead of staying bare', () => {
    const fileName = join(dir, 'src/database.ts');
    const compile = () =>
      (ts54 as unknown as typeof ts).transpileModule(readFileSync(fileName, 'utf8'), {
        fileName,
        compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS },
        transformers: { before: [pinionTransformer()] },
      });
    expect(compile).toThrow(
      /was the file parsed by another TypeScript than the one Pinion was given \(5\.9\.3\)\? Pass the compiler that runs this transformer as the `typescript` option/,
    );
  });
});

describe('pinionTransformer() fails loudly where it cannot run', () => {
  it('refuses TypeScript 7, which has no compiler API, and names what to use instead', () => {
    const typescript7 = require('typescript-7') as typeof ts;
    expect(typescript7.version).toMatch(/^7\./);
    expect(() => pinionTransformer({ typescript: typescript7 })).toThrow(
      /needs TypeScript's compiler API \(TypeScript 5\.x or 6\.x\), but the TypeScript it was given \(version 7\.\d+\.\d+\) has none.*a bundler plugin \(@pinion\/transformer\/esbuild, \/vite, \/rollup, \/rolldown, \/webpack, \/rspack, \/bun\), `node --import @pinion\/transformer\/register`, the Jest transformer @pinion\/transformer\/jest, or `npx pinion-annotate <outDir>` after tsc/,
    );
  });

  it('lets a failure of its own fail the build, instead of leaving the file without metadata', () => {
    const failing = {
      ...ts,
      visitEachChild: () => {
        throw new Error('simulated bug');
      },
    } as typeof ts;
    const source = 'export class Clock {\n  constructor(readonly timeZone: string) {}\n}\n';
    const compile = () =>
      ts.transpileModule(source, {
        fileName: join(dir, 'src/clock.ts'),
        compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS },
        transformers: { before: [pinionTransformer({ typescript: failing })] },
      });
    expect(compile).toThrow('simulated bug');
  });
});

describe('the nodes pinionTransformer() inserts', () => {
  const printer = ts.createPrinter({ newLine: ts.NewLineKind.LineFeed });
  /** `code` as TypeScript's printer writes it, so that text and nodes compare whatever the spacing. */
  const reprint = (code: string) =>
    printer.printFile(ts.createSourceFile('x.js', code, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS));

  it('are the code the core inserts as text, helper and static blocks alike, declared types included', () => {
    const source = [
      'export class Clock {',
      '  constructor(readonly timeZone: string, private zones: tz.Zones, { pattern }: Format<Date>) {}',
      '  provideNow(source: TimeSource) {}',
      '}',
      'class Other {}',
      '',
    ].join('\n');
    const viaNodes = ts.transpileModule(source, {
      fileName: join(dir, 'src/clock.ts'),
      compilerOptions: { target: ts.ScriptTarget.ESNext, module: ts.ModuleKind.ESNext },
      transformers: { before: [pinionTransformer({ root: dir })] },
    }).outputText;
    const viaText = ts.transpileModule(transform(source, join(dir, 'src/clock.ts'), { root: dir }).code, {
      fileName: join(dir, 'src/clock.ts'),
      compilerOptions: { target: ts.ScriptTarget.ESNext, module: ts.ModuleKind.ESNext },
    }).outputText;
    expect(viaNodes).toContain('function __pinion(c, m, r)');
    expect(viaNodes).toContain(
      '{ name: "zones", kind: "plain", type: "tz.Zones" }, { kind: "destructured", type: "Format" }',
    );
    // The text has an empty class element `;` before each block, which changes nothing.
    expect(reprint(viaNodes)).toBe(reprint(viaText).replace(/^ *;\n/gm, ''));
  });
});
