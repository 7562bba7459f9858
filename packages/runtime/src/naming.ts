/**
 * Pinject's naming rules (SPEC §3): which binding names a class or a provider method stands for.
 */

/**
 * Default class-name → binding-name rule: drop one leading `_`, then lower-camel-case, lowering the
 * whole leading run of capitals except the last one when it starts a word.
 * `DatabaseConnection` → `databaseConnection`, `HTTPServer` → `httpServer`, `ABC` → `abc`.
 * A name that starts with a lowercase letter (or `__Foo`) yields no binding.
 */
export function defaultGetArgNamesFromClassName(className: string): string[] {
  const name = className.startsWith('_') ? className.slice(1) : className;
  if (!/^\p{Lu}/u.test(name)) return [];
  return [lowerLeadingCapitals(name)];
}

/** Default provider-method-name → binding-name rule: `provideFoo` → `foo`; anything else: none. */
export function defaultGetArgNamesFromProviderFnName(methodName: string): string[] {
  const match = /^provide(\p{Lu}.*)$/u.exec(methodName);
  return match ? [lowerLeadingCapitals(match[1])] : [];
}

function lowerLeadingCapitals(name: string): string {
  const run = /^\p{Lu}+/u.exec(name)?.[0] ?? '';
  // `HTTPServer`: the last capital of the run starts the next word, unless the run is the whole
  // name or is followed by something that is not a lowercase letter (`ABC`, `X1`, `URL2x`).
  const startsWord = run.length > 1 && /^\p{Ll}/u.test(name.slice(run.length));
  const lowered = startsWord ? run.length - 1 : run.length;
  return name.slice(0, lowered).toLowerCase() + name.slice(lowered);
}
