import type { ScopeId } from './scope.js';

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
  const rank = new Map(longestLivedFirst.map((id, index) => [id, index]));
  return (inner, outer) => {
    const innerRank = rank.get(inner);
    const outerRank = rank.get(outer);
    return innerRank === undefined || outerRank === undefined || innerRank <= outerRank;
  };
}
