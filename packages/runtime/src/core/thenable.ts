/** Whether `value` is a promise or promise-like: what `await` would wait for. */
export const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  typeof (value as { then?: unknown } | null)?.then === 'function';
