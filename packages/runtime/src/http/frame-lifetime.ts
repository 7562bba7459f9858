/**
 * When a request's frame ends: with the response (`finish` or `close`), awaiting disposal, once
 * however often it is mounted.
 */
import type { CheckedHttpScope, RequestFrameValues } from './options.js';

/**
 * What the adapters need of a Node `ServerResponse` (or `Http2ServerResponse`): its `finish` and
 * `close` events and whether it already ended. Structural, so no framework or `node:http` type is
 * imported.
 */
export interface NodeResponseLike {
  /** True once the whole response has been handed to the operating system. */
  readonly writableFinished?: boolean;
  /** True once the response (its connection, for HTTP/1) has been destroyed or closed. */
  readonly destroyed?: boolean;
  once(event: 'finish' | 'close', listener: () => void): unknown;
  removeListener(event: 'finish' | 'close', listener: () => void): unknown;
}

/**
 * Resolves once `response` has finished (`finish`) or its connection closed before that
 * (`close`), whichever comes first; at once when that has already happened. It never rejects.
 */
export function responseDone(response: NodeResponseLike): Promise<void> {
  if (response.writableFinished === true || response.destroyed === true) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      response.removeListener('finish', done);
      response.removeListener('close', done);
      resolve();
    };
    response.once('finish', done);
    response.once('close', done);
  });
}

/**
 * Opens one frame of `scope.scopeId` with `values`, calls `start` inside it (so everything
 * `start` sets off runs in the frame's async context) and ends the frame, awaiting its disposal,
 * when `response` is done (see {@link responseDone}). Errors of the disposal go to `onError`.
 *
 * `start` must not throw. When the frame cannot be opened (e.g. an unknown scope id), this throws
 * synchronously and `start` has not run. Returns the frame's promise, which settles after the
 * disposal and never rejects.
 */
export function runRequestFrame(
  scope: CheckedHttpScope<never>,
  values: RequestFrameValues,
  request: unknown,
  response: NodeResponseLike,
  start: () => void,
): Promise<void> {
  const frame = scope.graph.runInScope(
    scope.scopeId,
    async () => {
      const done = responseDone(response);
      start();
      await done;
    },
    { values },
  );
  return Promise.resolve(frame).then(undefined, (error: unknown) => scope.report(error, 'disposal', request));
}
