// What the baselines mean when the code runs: representative cases are transformed, compiled to
// CommonJS with `ts.transpileModule` and run in a fresh `vm` context (so each has its own
// `Object` and class registry), and their classes are read back through the runtime's
// `getClassMetadata`. Every output must also still parse, with every TypeScript version, and compile
// as JavaScript.
import * as fs from 'node:fs';
import * as fsPromises from 'node:fs/promises';
import vm from 'node:vm';
import { type AnyClass, type ClassMetadata, getClassMetadata } from '@pinion/runtime';
import ts from 'typescript';
import { CASES, parseErrors, TYPESCRIPTS, transformCase } from './support.js';

/** `module.exports` after a case ran: an object of exports, or the class itself for `module.exports = class`. */
type Exports = any;

interface Evaluated {
  exports: Exports;
  /** `Object[Symbol.for('pinion.classes')]` of the context the module ran in. */
  registry: AnyClass[];
  /** Classes passed to the global `register(cls)` some cases call. */
  registered: AnyClass[];
}

/** A decorator factory that leaves its target as it is, in either decorator convention. */
const noopDecorator =
  () =>
  (_target: unknown, _context?: unknown, descriptor?: unknown): unknown =>
    descriptor;

const MODULES: Record<string, unknown> = {
  '@pinion/runtime': { provides: noopDecorator, inject: noopDecorator, annotateArg: noopDecorator },
  'some-other-container': { Inject: noopDecorator },
  'node:fs': fs,
  'node:fs/promises': fsPromises,
};

/** The JavaScript a user's build would run for a case: transformed, then compiled to CommonJS. */
function compile(name: string, code: string): string {
  const { outputText, diagnostics } = ts.transpileModule(code, {
    // As .ts and .js: TypeScript keeps .mts and .mjs files ECMAScript modules whatever `module` says.
    fileName: name.replace(/\.m([jt]s)$/, '.$1'),
    reportDiagnostics: true,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      jsx: ts.JsxEmit.React,
      allowJs: true,
      experimentalDecorators: name.startsWith('legacy-'),
    },
  });
  expect(diagnostics).toEqual([]);
  return outputText;
}

interface EvaluateOptions {
  /** `process.env` of the module. */
  env?: Record<string, string>;
  /** What `require('@pinion/runtime')` returns (default: decorators that do nothing). */
  runtime?: Record<string, unknown>;
}

function evaluate(name: string, { env = {}, runtime }: EvaluateOptions = {}): Evaluated {
  const modules: Record<string, unknown> = { ...MODULES, ...(runtime ? { '@pinion/runtime': runtime } : {}) };
  const module = { exports: {} as Exports };
  const registered: AnyClass[] = [];
  const context = vm.createContext({
    module,
    exports: module.exports,
    require: (id: string) => {
      if (!(id in modules)) throw new Error(`unexpected require('${id}')`);
      return modules[id];
    },
    process: { env },
    register: (cls: AnyClass) => registered.push(cls),
    sealed: (_cls: unknown) => undefined,
    logged: (_method: unknown) => undefined,
    unrelated: noopDecorator,
    PROTOTYPE: 'prototype',
  });
  new vm.Script(compile(name, transformCase(name).code), { filename: name }).runInContext(context);
  const registry = vm.runInContext('Object[Symbol.for("pinion.classes")] ?? []', context) as AnyClass[];
  return { exports: module.exports, registry: [...registry], registered };
}

function metadataOf(cls: AnyClass): ClassMetadata {
  const metadata = getClassMetadata(cls);
  if (!metadata) throw new Error(`class ${cls.name} has no metadata`);
  return metadata;
}

const names = (classes: AnyClass[]) => classes.map((cls) => cls.name);

/** A runtime whose `@inject` records the metadata its class has while decorating and in its initializer. */
function recordingInject() {
  const seen: Array<[string, ClassMetadata | undefined]> = [];
  const inject =
    () =>
    (target: AnyClass, context?: { addInitializer?: (fn: () => void) => void }): undefined => {
      seen.push(['decorating', getClassMetadata(target)]);
      context?.addInitializer?.(() => seen.push(['initializer', getClassMetadata(target)]));
    };
  return { seen, runtime: { inject, provides: noopDecorator, annotateArg: noopDecorator } };
}

describe('every output', () => {
  describe.each(CASES)('cases/%s', (name) => {
    it.each(TYPESCRIPTS)('still parses without syntax errors with %s', (_label, typescript) => {
      const { code } = transformCase(name);
      expect(parseErrors(typescript, name, code)).toEqual([]);
    });

    it('compiles to JavaScript that V8 accepts', () => {
      const js = compile(name, transformCase(name).code);
      expect(() => new vm.Script(js, { filename: name })).not.toThrow();
    });
  });
});

describe('evaluated output', () => {
  it('reads every parameter kind of the constructor in order', () => {
    const { exports } = evaluate('param-kinds.ts');
    expect(getClassMetadata(exports.AllKinds)).toEqual({
      name: 'AllKinds',
      params: [
        { name: 'plain', kind: 'plain' },
        { kind: 'destructured' },
        { kind: 'destructured' },
        { name: 'withDefault', kind: 'default' },
        { kind: 'destructured' },
        { name: 'optional', kind: 'optional' },
        { name: 'rest', kind: 'rest' },
      ],
      location: { file: 'cases/param-kinds.ts', line: 2, column: 14 },
    });
  });

  it('gives parameter properties, overloads and `this` parameters their plain names', () => {
    expect(metadataOf(evaluate('parameter-properties.ts').exports.UserService).params).toEqual([
      { name: 'db', kind: 'plain', type: 'Db' },
      { name: 'logger', kind: 'plain', type: 'Logger' },
      { name: 'cache', kind: 'optional', type: 'Cache' },
      { name: 'retries', kind: 'default' },
    ]);
    expect(metadataOf(evaluate('constructor-overloads.ts').exports.Overloaded).params).toEqual([
      { name: 'url', kind: 'plain' },
      { name: 'retries', kind: 'default' },
    ]);
    expect(metadataOf(evaluate('this-parameter.ts').exports.WithThis)).toMatchObject({
      params: [{ name: 'clock', kind: 'plain' }],
      methods: { provideTime: [{ name: 'clock', kind: 'plain' }] },
    });
  });

  it('gives a parameter its declared type’s name when the annotation is a type reference, and no type otherwise', () => {
    const { exports } = evaluate('declared-types.ts');
    expect(metadataOf(exports.Typed)).toEqual({
      name: 'Typed',
      params: [
        { name: 'db', kind: 'plain', type: 'DatabaseConnection' },
        { name: 'qualified', kind: 'plain', type: 'ns.Db' },
        { name: 'repo', kind: 'plain', type: 'Repo' },
        { name: 'nested', kind: 'plain', type: 'ns.Cache' },
        { name: 'property', kind: 'plain', type: 'Logger' },
        { name: 'withDefault', kind: 'default', type: 'Mailer' },
        { kind: 'destructured', type: 'Options' },
        { name: 'optional', kind: 'optional', type: 'Clock' },
        { name: 'rest', kind: 'rest', type: 'Plugins' },
      ],
      location: { file: 'cases/declared-types.ts', line: 5, column: 14 },
      methods: {
        provideReport: [
          { name: 'source', kind: 'plain', type: 'ns.Source' },
          { name: 'title', kind: 'plain' },
        ],
      },
    });
    // Keywords, unions, intersections, arrays, functions, literals, parentheses, queries, indexed
    // access, object and tuple types, import types, and no annotation at all: no `type` key.
    const untyped = ['untyped', 'text', 'count', 'either', 'both', 'list', 'generics', 'callback', 'literal'];
    untyped.push('parenthesized', 'query', 'keys', 'indexed', 'shape', 'pair', 'imported');
    expect(metadataOf(exports.Untyped).params).toEqual(untyped.map((name) => ({ name, kind: 'plain' })));
  });

  it('names a class by its own name, else by the variable or property it is assigned to, as JavaScript does', () => {
    expect(metadataOf(evaluate('const-class-expression.ts').exports.Foo).name).toBe('Foo');
    expect(metadataOf(evaluate('const-class-expression-own-name.ts').exports.Foo).name).toBe('Bar');
    // TypeScript's CommonJS output renames these classes, so compare with JavaScript's own names
    // only where its output keeps them: the classes of each file's registry.
    for (const file of [
      'class-expression.ts',
      'contextual-names.ts',
      'anonymous-class-location.ts',
      'commonjs-module.cjs',
    ]) {
      const { registry } = evaluate(file);
      expect(registry.length).toBeGreaterThan(0);
      for (const cls of registry) expect({ file, name: metadataOf(cls).name }).toEqual({ file, name: cls.name });
    }
    expect(names(evaluate('contextual-names.ts').registry)).toEqual(['Assigned', 'Cast', 'Checked', 'Destructured']);
  });

  it('names `export default class {}` "default", as ECMAScript modules do, and a named one by its name', () => {
    expect(metadataOf(evaluate('export-default-anonymous.ts').exports.default)).toEqual({
      name: 'default',
      params: [{ name: 'logger', kind: 'plain', type: 'Logger' }],
      location: { file: 'cases/export-default-anonymous.ts', line: 2, column: 16 },
    });
    expect(metadataOf(evaluate('export-default-named.ts').exports.default).name).toBe('Named');
  });

  it('locates an anonymous class expression at its `class` keyword', () => {
    const { registered } = evaluate('anonymous-class-location.ts');
    expect(registered.map((cls) => metadataOf(cls))).toEqual([
      { name: '', location: { file: 'cases/anonymous-class-location.ts', line: 2, column: 10 } },
      { name: '', location: { file: 'cases/anonymous-class-location.ts', line: 4, column: 24 } },
      { name: '', location: { file: 'cases/anonymous-class-location.ts', line: 8, column: 3 } },
    ]);
  });

  it('registers module-level classes only, not those in functions, methods or loops', () => {
    const nested = evaluate('nested-in-functions.ts');
    expect(names(nested.registry)).toEqual(['Factory']);
    const local = nested.exports.makeService();
    expect(metadataOf(local)).toEqual({
      name: 'InFunction',
      params: [{ name: 'dep', kind: 'plain', type: 'Dep' }],
      location: { file: 'cases/nested-in-functions.ts', line: 3, column: 9 },
    });
    expect(nested.registry).not.toContain(local);
    expect(metadataOf(new nested.exports.Factory().build()).name).toBe('InMethod');
    expect(metadataOf(nested.exports.makeArrow()).name).toBe('InArrow');

    expect(evaluate('loops.ts').registry).toEqual([]);
  });

  it('registers classes in blocks, namespaces, static fields and static blocks, each once', () => {
    const blocks = evaluate('blocks-and-namespaces.ts', { env: { DEBUG: '1' } });
    expect(names(blocks.registry)).toEqual(['InBlock', 'InIf', 'InNamespace', 'Deeper']);
    expect(metadataOf(blocks.exports.Outer.InNamespace).location).toEqual({
      file: 'cases/blocks-and-namespaces.ts',
      line: 11,
      column: 16,
    });

    const fields = evaluate('class-fields-and-static-blocks.ts');
    expect(names(fields.registry)).toEqual(['Registered', 'InStaticBlock', 'Holder']);
    const fieldClass = new fields.exports.Holder().instanceField;
    expect(metadataOf(fieldClass).name).toBe('instanceField');
    expect(fields.registry).not.toContain(fieldClass);
  });

  it('gives a subclass without its own constructor no parameter list', () => {
    const { exports } = evaluate('subclass-without-constructor.ts');
    expect(metadataOf(exports.Base).params).toEqual([{ name: 'db', kind: 'plain', type: 'Db' }]);
    expect(metadataOf(exports.Derived)).toEqual({
      name: 'Derived',
      location: { file: 'cases/subclass-without-constructor.ts', line: 6, column: 14 },
    });
    expect(metadataOf(exports.Empty)).not.toHaveProperty('params');
  });

  it('treats `static constructor()` as a method, `"constructor"()` as the constructor', () => {
    const { exports } = evaluate('static-constructor.ts');
    expect(metadataOf(exports.StaticConstructor)).not.toHaveProperty('params');
    expect(metadataOf(exports.QuotedConstructor).params).toEqual([{ name: 'db', kind: 'plain', type: 'Db' }]);
    expect(metadataOf(exports.ComputedConstructor)).not.toHaveProperty('params');
  });

  it("records provideX instance methods (an overload's implementation) and nothing else of a binding spec", () => {
    const { exports } = evaluate('provider-methods.ts');
    expect(metadataOf(exports.AppSpec).methods).toEqual({
      provideClock: [{ name: 'zone', kind: 'plain' }],
      provideDb: [
        { name: 'url', kind: 'plain' },
        { name: 'pool', kind: 'default' },
      ],
      provideConnection: [{ name: 'db', kind: 'plain', type: 'Db' }],
      provideHTTPServer: [{ name: 'port', kind: 'plain' }],
      provideCache: [
        { name: 'size', kind: 'plain' },
        { name: 'ttlMs', kind: 'default' },
      ],
    });
  });

  it('keeps the metadata through standard decorators compiled by TypeScript', () => {
    const { exports, registry } = evaluate('standard-decorators.ts');
    expect(metadataOf(exports.Service).params).toEqual([
      { name: 'db', kind: 'plain', type: 'Db' },
      { name: 'name', kind: 'plain' },
    ]);
    expect(metadataOf(exports.Spec).methods).toEqual({ makeGreeting: [{ name: 'name', kind: 'plain' }] });
    expect(registry).toEqual([exports.Service, exports.Spec]);

    const decorated = evaluate('pinion-decorated-methods.ts').exports.Spec;
    expect(Object.keys(metadataOf(decorated).methods ?? {})).toEqual([
      'makeGreeting',
      'makeRepo',
      'makeInjected',
      'twoDecorators',
    ]);
  });

  it("has the metadata in place before a standard class decorator's initializers run", () => {
    const { seen, runtime } = recordingInject();
    const { exports } = evaluate('standard-decorators.ts', { runtime });
    // Standard class decorators run before the class's static blocks, so while decorating the
    // metadata is not there yet; `context.addInitializer` callbacks run after them and see it.
    expect(seen).toEqual([
      ['decorating', undefined],
      ['initializer', metadataOf(exports.Service)],
    ]);
    expect(metadataOf(exports.Service).name).toBe('Service');
  });

  it('has the metadata in place when an experimentalDecorators class decorator runs', () => {
    const { seen, runtime } = recordingInject();
    const { exports } = evaluate('legacy-decorators.ts', { runtime });
    expect(seen).toEqual([['decorating', metadataOf(exports.Service)]]);
  });

  it('keeps the metadata through experimentalDecorators, parameter decorators included', () => {
    const { exports } = evaluate('legacy-decorators.ts');
    expect(metadataOf(exports.Service)).toEqual({
      name: 'Service',
      params: [
        { name: 'db', kind: 'plain', type: 'Db' },
        { name: 'log', kind: 'plain', type: 'Log' },
      ],
      location: { file: 'cases/legacy-decorators.ts', line: 7, column: 14 },
      methods: { warm: [{ name: 'cache', kind: 'plain', type: 'Cache' }] },
    });
  });

  it('annotates JavaScript and JSX inputs the same way', () => {
    expect(metadataOf(evaluate('script.js').exports.Mailer)).toEqual({
      name: 'Mailer',
      params: [
        { name: 'transport', kind: 'plain' },
        { name: 'from', kind: 'default' },
      ],
      location: { file: 'cases/script.js', line: 1, column: 7 },
    });
    expect(metadataOf(evaluate('esm-module.mjs').exports.Mailer).params).toEqual([
      { name: 'transport', kind: 'plain' },
      { kind: 'destructured' },
    ]);
    const commonjs = evaluate('commonjs-module.cjs').exports;
    expect(metadataOf(commonjs).params).toEqual([{ name: 'transport', kind: 'plain' }]);
    expect(metadataOf(commonjs.Named).name).toBe('Named');
    expect(metadataOf(evaluate('commonjs-module.cts').exports).name).toBe('FileLoader');
    expect(metadataOf(evaluate('tsx-component.tsx').exports.Greeting).location).toEqual({
      file: 'cases/tsx-component.tsx',
      line: 2,
      column: 14,
    });
    expect(metadataOf(evaluate('jsx-component.jsx').exports.Greeting).name).toBe('Greeting');
  });

  it('stores the metadata as an own, non-enumerable, read-only property', () => {
    const { exports } = evaluate('class-declaration.ts');
    const key = Symbol.for('pinion.metadata');
    expect(Object.getOwnPropertyDescriptor(exports.DatabaseConnection, key)).toMatchObject({
      enumerable: false,
      writable: false,
      configurable: false,
    });
    expect(Object.keys(exports.DatabaseConnection)).toEqual([]);
  });
});
