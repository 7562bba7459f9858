import { runInThisContext } from 'node:vm';

/**
 * Records the rejections left unhandled while a suite runs. Jest hands each test file its own
 * copy of `process`, whose listeners Node never calls: the real one is reached through the VM.
 */
export function recordUnhandledRejections(): { readonly reasons: unknown[] } {
  const nodeProcess = runInThisContext('process') as NodeJS.Process;
  const record = { reasons: [] as unknown[] };
  const listener = (reason: unknown) => record.reasons.push(reason);
  beforeAll(() => nodeProcess.on('unhandledRejection', listener));
  afterAll(() => nodeProcess.off('unhandledRejection', listener));
  return record;
}
