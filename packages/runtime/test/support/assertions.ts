import { type AnyClass, type Bind, BindingSpec, getClassMetadata, PinionError } from '@pinion/runtime';

/** A `file.ts:line:col` location in a test file of this folder. */
export const LOCATION = /test\/[\w.-]+\.ts:\d+:\d+/;

export type PinionErrorClass = abstract new (...args: never[]) => PinionError;

/** The error `fn` throws; fails the test when it throws nothing. */
export function errorOf(fn: () => unknown): any {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

/** Asserts the error's class, its `code` and every fragment the message must name; returns the message. */
export function expectPinionErrorNaming(
  fn: () => unknown,
  errorClass: PinionErrorClass,
  code: string,
  ...mentions: string[]
): string {
  const error = errorOf(fn);
  expect(error).toBeInstanceOf(errorClass);
  expect(error).toBeInstanceOf(PinionError);
  const { code: actualCode, message } = error as PinionError;
  expect(actualCode).toBe(code);
  for (const mention of mentions) expect(message).toContain(mention);
  return message;
}

/** The same, for errors about the user's code: the message also gives a `file.ts:line:col` location. */
export function expectPinionError(
  fn: () => unknown,
  errorClass: PinionErrorClass,
  code: string,
  ...mentions: string[]
): void {
  expect(expectPinionErrorNaming(fn, errorClass, code, ...mentions)).toMatch(LOCATION);
}

/** `test/parameters.test.ts:12:11`: where the transformer says the class is declared. */
export function where(cls: AnyClass): string {
  const location = getClassMetadata(cls)?.location;
  if (!location) throw new Error(`${cls.name} has no metadata`);
  return `${location.file}:${location.line}:${location.column}`;
}

/** A spec from a `configure` function, so each test can say its bindings inline. */
export function specOf(configure: (bind: Bind) => void): BindingSpec {
  return new (class extends BindingSpec {
    configure(bind: Bind) {
      configure(bind);
    }
  })();
}
