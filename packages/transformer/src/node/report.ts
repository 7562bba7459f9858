import { writeSync } from 'node:fs';
import type { TransformDiagnostic } from '../core/diagnostics.js';

/** Warnings already printed by this thread: a module annotated twice warns once. */
const printed = new Set<string>();

/**
 * Prints a warning to standard error as `file:line:column: message [CODE]`, the form editors and
 * terminals link. Written synchronously to the file descriptor: on Node 20 this runs in the
 * module-hooks thread, whose `process.stderr` forwards asynchronously and may be cut off at exit.
 */
export function printWarning(text: string): void {
  if (printed.has(text)) return;
  printed.add(text);
  try {
    writeSync(2, `warning: ${text}\n`);
  } catch {
    // Standard error is closed: nothing else can be told.
  }
}

/** The transform's diagnostics, each as one warning line. */
export function printDiagnostics(diagnostics: readonly TransformDiagnostic[]): void {
  for (const diagnostic of diagnostics) printWarning(`${diagnostic.message} [${diagnostic.code}]`);
}

/** An error's message, also for errors from another realm (where `instanceof Error` fails). */
export function messageOf(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(error);
}
