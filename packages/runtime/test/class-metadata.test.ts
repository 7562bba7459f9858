import { getClassMetadata, loadedClasses } from '@pinion/runtime';

export class Engine {
  constructor(
    readonly fuel: string,
    readonly cylinders = 4,
  ) {}
}
export class Car {
  constructor(readonly engine: Engine) {}
}
export class SportsCar extends Car {}

describe('getClassMetadata', () => {
  it('reads what the transformer wrote, located relative to the nearest package.json', () => {
    expect(getClassMetadata(Engine)).toEqual({
      name: 'Engine',
      params: [
        { name: 'fuel', kind: 'plain' },
        { name: 'cylinders', kind: 'default' },
      ],
      location: { file: 'test/class-metadata.test.ts', line: 3, column: 14 },
    });
  });

  it('gives a subclass without a constructor no parameter list of its own', () => {
    expect(getClassMetadata(SportsCar)).toEqual({
      name: 'SportsCar',
      location: { file: 'test/class-metadata.test.ts', line: 12, column: 14 },
    });
  });

  it('returns undefined for a class the transformer never saw', () => {
    const Untransformed = new Function('return class Untransformed { constructor(a) {} }')();
    expect(getClassMetadata(Untransformed)).toBeUndefined();
    expect(getClassMetadata(Object.create(null))).toBeUndefined();
  });

  it('registers module-level classes in load order, not classes defined inside functions', () => {
    function makeLocal() {
      return class Local {};
    }
    const Local = makeLocal();
    expect(getClassMetadata(Local)?.name).toBe('Local');
    expect(loadedClasses()).toEqual([Engine, Car, SportsCar]);
  });
});
