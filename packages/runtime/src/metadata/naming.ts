/**
 * Pinject's naming rules (SPEC §3): which binding names a class or a provider method stands for.
 */
import { WrongArgTypeError } from '../core/errors.js';
import { describeValue } from '../core/values.js';
import { callSite } from './locations.js';

/**
 * Default class-name → binding-name rule: drop one leading `_`, then lower-camel-case, lowering the
 * whole leading run of capitals except the last one when it starts a word.
 * `DatabaseConnection` → `databaseConnection`, `HTTPServer` → `httpServer`, `ABC` → `abc`.
 * A name that starts with a lowercase letter (or `__Foo`) yields no binding.
 */
export function defaultGetArgNamesFromClassName(className: string): string[] {
  if (typeof className !== 'string') throw notAName(defaultGetArgNamesFromClassName, 'className', className);
  const name = className.startsWith('_') ? className.slice(1) : className;
  const first = name.charCodeAt(0);
  // ASCII: only A–Z are uppercase letters (`NaN` for an empty name is not ≥ 128 either).
  if (!(first >= 128 ? /^\p{Lu}/u.test(name) : isAsciiUpper(first))) return [];
  return [lowerLeadingCapitals(name)];
}

/** Default provider-method-name → binding-name rule: `provideFoo` → `foo`; anything else: none. */
export function defaultGetArgNamesFromProviderFnName(methodName: string): string[] {
  if (typeof methodName !== 'string') throw notAName(defaultGetArgNamesFromProviderFnName, 'methodName', methodName);
  // Most names asked about are parameter names: none of them can match without this prefix.
  if (!methodName.startsWith('provide')) return [];
  const match = /^provide(\p{Lu}.*)$/u.exec(methodName);
  return match ? [lowerLeadingCapitals(match[1])] : [];
}

/** `name` starts with an uppercase letter. */
function lowerLeadingCapitals(name: string): string {
  // ASCII fast path: the run of A–Z capitals and the character after it are ASCII, so `\p{Lu}`
  // and `\p{Ll}` mean A–Z and a–z there. Anything else takes the Unicode rule below.
  let end = 0;
  while (isAsciiUpper(name.charCodeAt(end))) end++;
  const next = name.charCodeAt(end); // `NaN` at the end of the name
  if (end === 0 || next >= 128) return lowerLeadingCapitalsUnicode(name);
  const startsWord = end > 1 && next >= 0x61 && next <= 0x7a;
  const lowered = startsWord ? end - 1 : end;
  return name.slice(0, lowered).toLowerCase() + name.slice(lowered);
}

function lowerLeadingCapitalsUnicode(name: string): string {
  const run = /^\p{Lu}+/u.exec(name)?.[0] ?? '';
  // `HTTPServer`: the last capital of the run starts the next word, unless the run is the whole
  // name or is followed by something that is not a lowercase letter (`ABC`, `X1`, `URL2x`).
  const startsWord = run.length > 1 && /^\p{Ll}/u.test(name.slice(run.length));
  const lowered = startsWord ? run.length - 1 : run.length;
  return name.slice(0, lowered).toLowerCase() + name.slice(lowered);
}

function isAsciiUpper(code: number): boolean {
  return code >= 0x41 && code <= 0x5a;
}

/** The rules are public: JavaScript callers may pass anything. */
function notAName(rule: (name: string) => string[], parameter: string, value: unknown): WrongArgTypeError {
  return new WrongArgTypeError(`${rule.name}(${parameter})`, 'a string', describeValue(value), callSite(rule));
}
