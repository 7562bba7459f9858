// `pinionTransformer()` is a `before` transformer for the TypeScript compiler API. These tests
// compile the fixture app with a real Program and with `transpileModule` under TypeScript 5.4,
// 5.9 and 6.0, then run what was emitted with node and read every class through `getClassMetadata`.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pinionTransformer, type TransformDiagnostic } from '@pinion/transformer';
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
    const staticBlock = /^ *static \{ Object\.defineProperty\(this, Symbol\.for\("pinion\.metadata"\).*\n/gm;
    expect(plain.size).toBe(readdirSync(join(dir, 'src')).length);
    for (const [file, text] of plain) {
      const annotated = readFileSync(join(dir, 'out', file), 'utf8');
      expect(annotated.replace(staticBlock, '')).toBe(text);
    }
    expect(readFileSync(join(dir, 'out/database.js'), 'utf8')).toMatch(staticBlock);
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

  it('without the typescript option, a file parsed by another TypeScript is reported, not silently left bare', () => {
    const received: TransformDiagnostic[] = [];
    const fileName = join(dir, 'src/database.ts');
    const { outputText } = (ts54 as unknown as typeof ts).transpileModule(readFileSync(fileName, 'utf8'), {
      fileName,
      compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS },
      transformers: { before: [pinionTransformer({ onDiagnostic: (d) => received.push(d) })] },
    });
    expect(outputText).not.toContain('pinion.metadata');
    expect(received).toEqual([
      expect.objectContaining({
        code: 'PINION_INTERNAL_ERROR',
        file: 'src/database.ts',
        message: expect.stringContaining('`typescript` option'),
      }),
    ]);
  });
});

describe('pinionTransformer() never breaks a build', () => {
  it('turns a failure of its own into a warning and leaves the file as TypeScript emits it', () => {
    const failing = {
      ...ts,
      forEachChild: () => {
        throw new Error('simulated bug');
      },
    } as typeof ts;
    const received: TransformDiagnostic[] = [];
    const source = 'export class Clock {\n  constructor(readonly timeZone: string) {}\n}\n';
    const options = { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS };
    const withPinion = ts.transpileModule(source, {
      fileName: join(dir, 'src/clock.ts'),
      compilerOptions: options,
      transformers: { before: [pinionTransformer({ typescript: failing, onDiagnostic: (d) => received.push(d) })] },
    });
    const without = ts.transpileModule(source, { fileName: join(dir, 'src/clock.ts'), compilerOptions: options });
    expect(withPinion.outputText).toBe(without.outputText);
    expect(received).toEqual([
      expect.objectContaining({ code: 'PINION_INTERNAL_ERROR', message: expect.stringContaining('simulated bug') }),
    ]);
  });
});
