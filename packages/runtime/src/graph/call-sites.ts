/**
 * Where the user called into Pinion, read from the stack only when an error is raised: messages
 * about options and arguments, which have no source location of their own, name it.
 */
import { callSite } from '../metadata/locations.js';

/** The functions users call, outermost first: registered by the graph's module. */
const entryPoints: ((...args: never[]) => unknown)[] = [];

/** Adds the graph's public functions to those `userCallSite` looks for on the stack. */
export function registerEntryPoints(...functions: ((...args: never[]) => unknown)[]): void {
  entryPoints.push(...functions);
}

/** The place in the user's code that called the innermost Pinion entry point on the stack. */
export function userCallSite(): string {
  for (const entryPoint of entryPoints) {
    const site = callSite(entryPoint);
    if (site !== '(unknown location)') return site;
  }
  return '(unknown location)';
}
