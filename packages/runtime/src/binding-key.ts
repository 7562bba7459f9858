/** A binding's identity: its name and optional annotation (SPEC §6). */
export class BindingKey {
  constructor(
    readonly name: string,
    readonly annotation?: unknown,
  ) {}

  /** `"db"`, or `"db" annotated with "primary"`: stable, for messages and for scopes that key by string. */
  toString(): string {
    const name = JSON.stringify(this.name);
    return this.annotation === undefined ? name : `${name} annotated with ${describeAnnotation(this.annotation)}`;
  }
}

export function describeAnnotation(annotation: unknown): string {
  return typeof annotation === 'string' ? JSON.stringify(annotation) : String(annotation);
}

/**
 * A map by (name, annotation). Names live in a `Map`, never in a plain object, so `__proto__`,
 * `constructor` and `toString` are ordinary names.
 */
export class KeyMap<V> {
  private readonly byName = new Map<string, Map<unknown, V>>();

  get(name: string, annotation?: unknown): V | undefined {
    return this.byName.get(name)?.get(annotation);
  }

  set(name: string, annotation: unknown, value: V): void {
    let byAnnotation = this.byName.get(name);
    if (!byAnnotation) {
      byAnnotation = new Map();
      this.byName.set(name, byAnnotation);
    }
    byAnnotation.set(annotation, value);
  }

  *values(): IterableIterator<V> {
    for (const byAnnotation of this.byName.values()) yield* byAnnotation.values();
  }
}
