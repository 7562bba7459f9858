/**
 * Bad input from plain JavaScript callers of the object graph's own methods (issue 11): a Pinion
 * error naming the argument and the value, never a raw TypeError from deeper down.
 */
import {
  ContextScope,
  defaultGetArgNamesFromClassName,
  defaultGetArgNamesFromProviderFnName,
  newObjectGraph,
  scopeOrder,
  UnknownScopeError,
  WrongArgElementTypeError,
  WrongArgTypeError,
} from '@pinion/runtime';
import { expectPinionError } from './support/assertions.js';

const graph = () => newObjectGraph({ classes: [], idToScope: { request: new ContextScope() } });
const anything = (value: unknown) => value as never;

describe('provide and provideAsync of something new cannot build', () => {
  const notClasses: [string, unknown, string][] = [
    ['an arrow function', () => ({}), 'an arrow function'],
    ['a method', { build() {} }.build, 'build'],
    ['Symbol', Symbol, 'Symbol'],
    ['BigInt', BigInt, 'BigInt'],
    ['a symbol', Symbol('x'), 'a symbol'],
  ];

  it.each(notClasses)('raises WrongArgTypeError for %s', async (_what, value, named) => {
    const g = graph();
    expectPinionError(() => g.provide(anything(value)), WrongArgTypeError, 'WRONG_ARG_TYPE', 'provide(cls)', named);
    await expect(g.provideAsync(anything(value))).rejects.toThrow(WrongArgTypeError);
    await expect(g.provideAsync(anything(value))).rejects.toThrow('provideAsync(cls)');
  });
});

describe('validate(roots)', () => {
  it.each([
    [null, 'null'],
    [5, 'a number (5)'],
    ['x', 'a string ("x")'],
    [{}, 'an object'],
    [() => 1, 'an arrow function'],
  ])('refuses a root that is not a class (%p) naming its index', (root, described) => {
    expectPinionError(
      () => graph().validate([class Fine {}, anything(root)]),
      WrongArgElementTypeError,
      'WRONG_ARG_ELEMENT_TYPE',
      'validate(roots)',
      '1',
      described,
    );
  });

  it('refuses roots that are not an array', () => {
    expectPinionError(() => graph().validate(anything('Fine')), WrongArgTypeError, 'WRONG_ARG_TYPE', 'validate(roots)');
  });
});

describe('get and getAsync', () => {
  it('refuse an empty name and options that are not an object', async () => {
    const g = graph();
    expectPinionError(() => g.get(''), WrongArgTypeError, 'WRONG_ARG_TYPE', 'get(name)', 'non-empty string');
    await expect(g.getAsync('')).rejects.toThrow(WrongArgTypeError);
    expectPinionError(() => g.get('x', anything([])), WrongArgTypeError, 'WRONG_ARG_TYPE', 'get(name, options)');
  });
});

describe('scope ids of any type', () => {
  it('are described in messages without throwing (a BigInt id)', () => {
    const error = (() => {
      try {
        graph().runInScope(anything(10n), () => 1);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(UnknownScopeError);
    expect((error as Error).message).toContain('10n');
  });
});

describe('scopeOrder(ids)', () => {
  it('refuses ids that are not an array of strings or symbols', () => {
    expectPinionError(() => scopeOrder(anything('request')), WrongArgTypeError, 'WRONG_ARG_TYPE', 'scopeOrder(ids)');
    expectPinionError(
      () => scopeOrder(anything(['singleton', 5])),
      WrongArgElementTypeError,
      'WRONG_ARG_ELEMENT_TYPE',
      'scopeOrder(ids)',
      'a number (5)',
    );
  });
});

describe('the default naming rules', () => {
  it('refuse names that are not strings', () => {
    expectPinionError(
      () => defaultGetArgNamesFromClassName(anything(5)),
      WrongArgTypeError,
      'WRONG_ARG_TYPE',
      'defaultGetArgNamesFromClassName(className)',
      'a number (5)',
    );
    expectPinionError(
      () => defaultGetArgNamesFromProviderFnName(anything(null)),
      WrongArgTypeError,
      'WRONG_ARG_TYPE',
      'defaultGetArgNamesFromProviderFnName(methodName)',
      'null',
    );
  });
});
