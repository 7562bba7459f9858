/**
 * `scopeOrder`: the conventional `isScopeUsableFromScope` rule from a list of scopes, longest-
 * lived first.
 */
import { WrongArgElementTypeError, WrongArgTypeError } from '../core/errors.js';
import type { ScopeId } from '../core/scope-ids.js';
import { describeValue } from '../core/values.js';
import { callSite } from '../metadata/locations.js';

/**
 * The conventional `isScopeUsableFromScope` rule from a list of scopes, longest-lived first:
 * an object may depend on objects of its own scope or of a longer-lived one, never of a shorter-lived
 * one (a singleton must not capture a request's object). Scopes not in the list (`PROTOTYPE`, the
 * root's `UNSCOPED`) are not restricted.
 *
 * ```ts
 * newObjectGraph({ isScopeUsableFromScope: scopeOrder([SINGLETON, 'session', 'request']) });
 * ```
 */
export function scopeOrder(
  longestLivedFirst: readonly ScopeId[],
): (innerScopeId: ScopeId, outerScopeId: ScopeId) => boolean {
  if (!Array.isArray(longestLivedFirst)) {
    const given = describeValue(longestLivedFirst);
    throw new WrongArgTypeError('scopeOrder(ids)', 'an array of scope ids', given, callSite(scopeOrder));
  }
  for (const [index, id] of longestLivedFirst.entries()) {
    if (typeof id !== 'string' && typeof id !== 'symbol') {
      const given = describeValue(id);
      throw new WrongArgElementTypeError(
        'scopeOrder(ids)',
        index,
        'a scope id (a string or symbol)',
        given,
        callSite(scopeOrder),
      );
    }
  }
  const rank = new Map(longestLivedFirst.map((id, index) => [id, index]));
  return (inner, outer) => {
    const innerRank = rank.get(inner);
    const outerRank = rank.get(outer);
    return innerRank === undefined || outerRank === undefined || innerRank <= outerRank;
  };
}
