/**
 * The clues a "nothing injectable" message gives: binding names close to the missing one, and
 * what Pinion can see of why a class did not make it into the graph. Read only when the error is
 * raised.
 */

import type { MissingBindingClues } from '../core/errors.js';
import { type AnyClass, loadedClasses } from './class-metadata.js';
import { className, describeClass } from './locations.js';

/** What the lookup needs of the graph: its binding names and its naming rule. */
export interface BindingNames {
  names(): Iterable<string>;
  namesOfClass(cls: AnyClass): readonly string[];
}

/** Up to this many names are suggested. */
const SUGGESTIONS = 3;

/**
 * The clues for a missing `name`: the nearest binding names, then a loaded class that stands for
 * the name but is not in the graph, else (when the parameter declares a type that names no loaded
 * class and no global) that type, which was likely imported only as a type.
 */
export function missingBindingClues(name: string, graph: BindingNames, declaredType?: string): MissingBindingClues {
  const nearest = nearestNames(name, graph.names());
  const loaded = loadedClasses();
  const elsewhere = loaded.find((cls) => graph.namesOfClass(cls).includes(name));
  if (elsewhere !== undefined) return { nearest, loadedElsewhere: describeClass(elsewhere) };
  if (declaredType === undefined) return { nearest };
  // `ns.Db` is the class Db of namespace ns; globals (`Date`, `Map`) are not the user's classes.
  const typeName = declaredType.slice(declaredType.lastIndexOf('.') + 1);
  if (typeName in globalThis || loaded.some((cls) => className(cls) === typeName)) return { nearest };
  return { nearest, typeOnly: declaredType };
}

/**
 * The names within a small edit distance of `name`, closest first; a name equal but for case
 * comes first of all.
 */
export function nearestNames(name: string, candidates: Iterable<string>): string[] {
  const lower = name.toLowerCase();
  const limit = Math.max(2, Math.floor(name.length / 3));
  const scored: [number, string][] = [];
  for (const candidate of new Set(candidates)) {
    if (candidate === name) continue;
    const distance = candidate.toLowerCase() === lower ? -1 : editDistance(name, candidate, limit);
    if (distance <= limit) scored.push([distance, candidate]);
  }
  scored.sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]));
  return scored.slice(0, SUGGESTIONS).map(([, candidate]) => candidate);
}

/** Levenshtein distance with adjacent transpositions; anything above `limit` is `limit + 1`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2] + 1);
      current.push(d);
      best = Math.min(best, d);
    }
    if (best > limit) return limit + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length];
}
