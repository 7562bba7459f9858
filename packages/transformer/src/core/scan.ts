/**
 * Reading the text around the nodes of oxc's `js` AST, which leaves TypeScript's syntax out (see
 * `parse.ts`): each reader starts at an offset the AST gives and reads a few characters from there,
 * never the whole file.
 */

const LINE_END = /[\n\r\u2028\u2029]/g;

/** Skips white space (every kind JavaScript knows, U+3000 included) and comments. */
export function skipTrivia(text: string, start: number): number {
  let pos = start;
  for (;;) {
    const c = text.charCodeAt(pos);
    if (c === 47 /* / */ && text.charCodeAt(pos + 1) === 47) {
      // Searched from `pos` in place: a copy of the rest of the text per comment would cost a pass.
      LINE_END.lastIndex = pos;
      const end = LINE_END.exec(text);
      pos = end === null ? text.length : end.index + 1;
    } else if (c === 47 && text.charCodeAt(pos + 1) === 42 /* * */) {
      const end = text.indexOf('*/', pos + 2);
      pos = end < 0 ? text.length : end + 2;
    } else if (/\s/.test(text[pos] ?? '')) {
      pos++;
    } else {
      return pos;
    }
  }
}

export function isIdentifierPart(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 36 || c === 95 || c > 127;
}

/**
 * Names TypeScript parses as types of their own, not as references, when they stand alone
 * (`string`, `this`, `null`, …). Followed by a dot they are references again (`string.Foo`).
 */
const NOT_REFERENCES = new Set([
  'any',
  'unknown',
  'never',
  'void',
  'undefined',
  'null',
  'string',
  'number',
  'boolean',
  'bigint',
  'symbol',
  'object',
  'this',
  'true',
  'false',
]);

/**
 * The declared type of the parameter whose name (or pattern) ends at `nameEnd`, when its whole
 * annotation is a type reference: `Db`, `ns.Db`, `Repo<User>` (as `Repo`). Anything else — no
 * annotation, a keyword type, a union, an array, a function or literal type, parentheses — is
 * `undefined`. The `js` AST has no annotation node, so this reads the annotation's text: from
 * the optional `?` and the `:` to the `,`, `)` or `=` that must follow a lone reference.
 */
export function declaredTypeName(text: string, nameEnd: number): string | undefined {
  let pos = skipTrivia(text, nameEnd);
  if (text.charCodeAt(pos) === 63 /* ? */) pos = skipTrivia(text, pos + 1);
  if (text.charCodeAt(pos) !== 58 /* : */) return undefined;
  pos = skipTrivia(text, pos + 1);
  let name = '';
  for (;;) {
    const end = identifierEnd(text, pos);
    if (end === pos) return undefined;
    name += name === '' ? text.slice(pos, end) : `.${text.slice(pos, end)}`;
    pos = skipTrivia(text, end);
    if (text.charCodeAt(pos) !== 46 /* . */) break;
    pos = skipTrivia(text, pos + 1);
  }
  if (NOT_REFERENCES.has(name)) return undefined;
  if (text.charCodeAt(pos) === 60 /* < */) {
    pos = closingEnd(text, pos + 1, 60, 62 /* > */);
    if (pos < 0) return undefined;
    pos = skipTrivia(text, pos);
  }
  const next = text.charCodeAt(pos);
  if (next === 44 /* , */ || next === 41 /* ) */) return name;
  // `=` starts the default value; `=>` would make this the start of a function type.
  return next === 61 /* = */ && text.charCodeAt(pos + 1) !== 62 ? name : undefined;
}

/** The end of the identifier at `start` (`start` itself when none starts there). */
function identifierEnd(text: string, start: number): number {
  const first = text.charCodeAt(start);
  if (first >= 48 && first <= 57) return start;
  let pos = start;
  while (isNamePart(text, pos)) pos++;
  return pos;
}

/** `isIdentifierPart`, less the white space beyond ASCII (U+00A0, U+3000, …) that it lets through. */
function isNamePart(text: string, pos: number): boolean {
  const c = text.charCodeAt(pos);
  return isIdentifierPart(c) && (c <= 127 || !/\s/.test(text[pos]));
}

/**
 * The offset after the `close` that balances an `open` just before `start`, or -1. Strings,
 * template literals and comments are stepped over whole, and the `>` of `=>` closes nothing.
 */
function closingEnd(text: string, start: number, open: number, close: number): number {
  let depth = 1;
  let pos = start;
  while (pos >= 0 && pos < text.length) {
    const c = text.charCodeAt(pos);
    if (c === 39 /* ' */ || c === 34 /* " */) {
      pos = stringEnd(text, pos, c);
    } else if (c === 96 /* ` */) {
      pos = templateEnd(text, pos);
    } else if (c === 47 /* / */ && (text.charCodeAt(pos + 1) === 47 || text.charCodeAt(pos + 1) === 42)) {
      pos = skipTrivia(text, pos);
    } else {
      if (c === open) depth++;
      else if (c === close && !((close === 62 && text.charCodeAt(pos - 1) === 61) /* = */) && --depth === 0) {
        return pos + 1;
      }
      pos++;
    }
  }
  return -1;
}

function stringEnd(text: string, start: number, quote: number): number {
  for (let pos = start + 1; pos < text.length; pos++) {
    const c = text.charCodeAt(pos);
    if (c === 92 /* \ */) pos++;
    else if (c === quote) return pos + 1;
  }
  return -1;
}

function templateEnd(text: string, start: number): number {
  for (let pos = start + 1; pos >= 0 && pos < text.length; pos++) {
    const c = text.charCodeAt(pos);
    if (c === 92 /* \ */) pos++;
    else if (c === 96 /* ` */) return pos + 1;
    else if (c === 36 /* $ */ && text.charCodeAt(pos + 1) === 123 /* { */)
      pos = closingEnd(text, pos + 2, 123, 125) - 1;
  }
  return -1;
}
