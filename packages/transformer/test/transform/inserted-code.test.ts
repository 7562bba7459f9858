// The inserted code depends on no name that user code can shadow, and survives decorators that
// replace the class (SPEC §2). Each module is transformed, compiled to CommonJS as a user's build
// would, and run in a fresh `vm` context; its classes are read back with the runtime's accessors.
import vm from 'node:vm';
import { type AnyClass, getClassMetadata } from '@pinion/runtime';
import ts from 'typescript';
import { transform } from '../../src/index.js';

interface Ran {
  exports: Record<string, any>;
  /** The registry of module-level classes in the module's own realm. */
  registry: AnyClass[];
}

function run(code: string, options: { experimentalDecorators?: boolean } = {}): Ran {
  const { code: annotated, diagnostics } = transform(code, '/project/src/module.ts', { root: '/project' });
  expect(diagnostics).toEqual([]);
  const { outputText } = ts.transpileModule(annotated, {
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      experimentalDecorators: options.experimentalDecorators ?? false,
    },
  });
  const module = { exports: {} as Record<string, any> };
  const require = (id: string) => {
    if (id === './elsewhere') return { Object: { notDefineProperty: true }, Symbol: 'not a symbol' };
    throw new Error(`unexpected require('${id}')`);
  };
  // A CommonJS module's own scope, as Node gives it: its declarations shadow the realm's globals.
  const context = vm.createContext({});
  vm.runInContext(`(function (module, exports, require) {\n${outputText}\n})`, context)(
    module,
    module.exports,
    require,
  );
  return { exports: module.exports, registry: vm.runInContext('Object[Symbol.for("pinion.classes")] ?? []', context) };
}

const nameOf = (cls: AnyClass) => getClassMetadata(cls)?.name;

describe('the inserted code', () => {
  it('works in a module that declares its own class named Symbol', () => {
    const { exports, registry } = run('export class Symbol { constructor(description: string) {} }\n');
    expect(getClassMetadata(exports.Symbol)).toMatchObject({
      name: 'Symbol',
      params: [{ name: 'description', kind: 'plain' }],
    });
    expect(registry).toEqual([exports.Symbol]);
  });

  it('works where Object and Symbol are imported bindings that are something else', () => {
    const { exports } = run(
      "import { Object, Symbol } from './elsewhere';\nexport const used = [Object, Symbol];\nexport class Service { constructor(db: Db) {} }\n",
    );
    expect(nameOf(exports.Service)).toBe('Service');
  });

  it('registers classes in the realm, whatever a local globalThis holds', () => {
    const { exports, registry } = run(
      'const globalThis = {} as Record<symbol, unknown>;\nexport const local = globalThis;\nexport class Registered {}\n',
    );
    expect(registry).toEqual([exports.Registered]);
    expect(Object.getOwnPropertySymbols(exports.local)).toEqual([]);
  });

  it('keeps the original class’s metadata when a standard class decorator returns a subclass', () => {
    const { exports, registry } = run(
      [
        'function replace(value: any, _context: ClassDecoratorContext) {',
        '  return class Replaced extends value {};',
        '}',
        '@replace',
        'export class Original { constructor(clock: Clock) {} }',
        '',
      ].join('\n'),
    );
    const Replaced = exports.Original;
    const Original = Object.getPrototypeOf(Replaced);
    expect(Replaced.name).toBe('Replaced');
    expect(getClassMetadata(Replaced)).toMatchObject({ name: 'Replaced' });
    expect(getClassMetadata(Replaced)?.params).toBeUndefined();
    expect(getClassMetadata(Original)).toMatchObject({ name: 'Original', params: [{ name: 'clock', kind: 'plain' }] });
    // What the module exports, and so what users inject, is the registered class.
    expect(registry).toEqual([Replaced]);
  });

  it('keeps the metadata of a class that an experimental decorator replaces', () => {
    const { exports } = run(
      [
        'function replace(target: any) { return class Replaced extends target {}; }',
        '@replace',
        'export class Original { constructor(clock: Clock) {} }',
        '',
      ].join('\n'),
      { experimentalDecorators: true },
    );
    const Original = Object.getPrototypeOf(exports.Original);
    expect(getClassMetadata(Original)).toMatchObject({ name: 'Original', params: [{ name: 'clock', kind: 'plain' }] });
  });
});
