import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  type Bind,
  BindingSpec,
  ContextScope,
  newObjectGraph,
  OutOfScopeError,
  PROTOTYPE,
  WrongArgTypeError,
} from '@pinion/runtime';
import { setHotThreshold } from '../src/resolution/codegen.js';
import { errorOf } from './support/assertions.js';

// Hot plans get a generated function (`new Function`) named `resolve_<binding>`; a constructor
// sees it on its stack. These tests pin the threshold, so they mean the same in every project.
let previousThreshold: number;
beforeEach(() => {
  previousThreshold = setHotThreshold(3);
});
afterEach(() => {
  setHotThreshold(previousThreshold);
});

const stacks: string[] = [];
class Engine {
  constructor() {
    stacks.push(new Error().stack ?? '');
  }
}
class Wheel {}
class Car {
  constructor(
    readonly engine: Engine,
    readonly wheel: Wheel,
    readonly registry: Registry,
  ) {}
}
class Registry {}

class TransientSpec extends BindingSpec {
  configure(bind: Bind) {
    bind('car').toClass(Car, { inScope: PROTOTYPE });
    bind('engine').toClass(Engine, { inScope: PROTOTYPE });
    bind('wheel').toClass(Wheel, { inScope: PROTOTYPE });
  }
}

const generatedFrames = () => stacks.filter((stack) => stack.includes('resolve_car')).length;

describe('generated code for hot plans', () => {
  beforeEach(() => {
    stacks.length = 0;
  });

  it('resolves through closures until a plan is hot, then through a generated function with the same wiring', () => {
    const graph = newObjectGraph({ classes: [Car, Engine, Wheel, Registry], bindingSpecs: [new TransientSpec()] });
    const cars = Array.from({ length: 3 }, () => graph.provide(Car));
    expect(generatedFrames()).toBe(0);
    cars.push(...Array.from({ length: 5 }, () => graph.provide(Car)));
    // The fourth resolution compiles: it and every later one run the generated function.
    expect(generatedFrames()).toBe(5);
    for (const car of cars) {
      expect(car).toBeInstanceOf(Car);
      expect(car.engine).toBeInstanceOf(Engine);
      expect(car.wheel).toBeInstanceOf(Wheel);
      expect(car.registry).toBe(cars[0].registry); // the singleton, read from its cell
    }
    expect(new Set(cars.map((car) => car.engine)).size).toBe(cars.length); // transients fresh every time
    expect(new Set(cars).size).toBe(cars.length);
  });

  it('never generates code with jitless: true', () => {
    const graph = newObjectGraph({
      classes: [Car, Engine, Wheel, Registry],
      bindingSpecs: [new TransientSpec()],
      jitless: true,
    });
    for (let i = 0; i < 20; i++) graph.get('car');
    expect(stacks).toHaveLength(20);
    expect(generatedFrames()).toBe(0);
  });

  it('refuses a jitless option that is not a boolean, naming it', () => {
    const error = errorOf(() => newObjectGraph({ jitless: 'yes' as never }));
    expect(error).toBeInstanceOf(WrongArgTypeError);
    expect(error.message).toContain('jitless');
    expect(error.message).toContain('"yes"');
  });

  it('keeps frame semantics in generated code: one object per frame, disposed when it ends, OutOfScopeError outside', () => {
    let disposed = 0;
    class Session {
      constructor(readonly engine: Engine) {}
      [Symbol.dispose]() {
        disposed++;
      }
    }
    class SessionSpec extends BindingSpec {
      configure(bind: Bind) {
        bind('session').toClass(Session, { inScope: 'request' });
        bind('engine').toClass(Engine, { inScope: PROTOTYPE });
      }
    }
    const graph = newObjectGraph({
      classes: [Session, Engine],
      bindingSpecs: [new SessionSpec()],
      idToScope: { request: new ContextScope() },
    });
    const seen: Session[] = [];
    for (let i = 0; i < 10; i++) {
      graph.runInScope('request', () => {
        const first = graph.provide(Session);
        expect(graph.provide(Session)).toBe(first);
        seen.push(first);
      });
    }
    expect(stacks.filter((stack) => stack.includes('resolve_session')).length).toBeGreaterThan(0);
    expect(new Set(seen).size).toBe(10);
    expect(disposed).toBe(10);
    for (let i = 0; i < 5; i++) {
      const error = errorOf(() => graph.provide(Session));
      expect(error).toBeInstanceOf(OutOfScopeError);
      expect(error.message).toContain('no frame of scope "request" is active');
    }
  });
});

describe('where code generation from strings is refused (CSP)', () => {
  it('falls back to closures by itself: node --disallow-code-generation-from-strings', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pinion-csp-'));
    try {
      const runtime = resolve(__dirname, '../dist/esm/index.js');
      const script = join(dir, 'csp.mjs');
      // No transformer here: the classes carry the metadata it would write.
      writeFileSync(
        script,
        `import { BindingSpec, newObjectGraph, PROTOTYPE } from ${JSON.stringify(runtime)};
const meta = (C, params) => Object.defineProperty(C, Symbol.for('pinion.metadata'), {
  value: { name: C.name, params: params.map((name) => ({ name, kind: 'plain' })), location: { file: 'csp.mjs', line: 1, column: 1 } },
});
class Wheel {}
class Car { constructor(wheel) { this.wheel = wheel; this.stack = new Error().stack; } }
meta(Wheel, []);
meta(Car, ['wheel']);
class Transient extends BindingSpec {
  configure(bind) { bind('car').toClass(Car, { inScope: PROTOTYPE }); }
}
let evalRefused = false;
try { new Function('return 1'); } catch (error) { evalRefused = error instanceof EvalError; }
for (const jitless of [false, true]) {
  const graph = newObjectGraph({ classes: [Car, Wheel], bindingSpecs: [new Transient()], jitless });
  const cars = [];
  for (let i = 0; i < 100; i++) cars.push(graph.get('car'));
  const ok = cars.every((car) => car instanceof Car && car.wheel === cars[0].wheel && !car.stack.includes('resolve_'));
  console.log(JSON.stringify({ evalRefused, jitless, ok, distinct: new Set(cars).size }));
}
`,
      );
      const output = execFileSync(process.execPath, ['--disallow-code-generation-from-strings', script], {
        encoding: 'utf8',
      });
      const lines = output
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      expect(lines).toEqual([
        { evalRefused: true, jitless: false, ok: true, distinct: 100 },
        { evalRefused: true, jitless: true, ok: true, distinct: 100 },
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
