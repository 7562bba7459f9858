const counters = new Map<string, number>();

/** `clock#1`, `clock#2`, …: an identity per object, printed by main. */
export function nextId(kind: string): string {
  const next = (counters.get(kind) ?? 0) + 1;
  counters.set(kind, next);
  return `${kind}#${next}`;
}
