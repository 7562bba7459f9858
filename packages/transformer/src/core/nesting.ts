/**
 * Brackets nested deeper than this leave a file unparsed. oxc-parser recurses on the native
 * stack: past about 5,000 nested braces it overflows it inside a worker thread (where bundlers
 * often transform) and the process dies with a segmentation fault, which no `try` catches. Node
 * itself stops compiling such code far earlier (about 1,500 levels), so nothing that runs is lost.
 */
export const MAX_NESTING = 3000;

/**
 * Whether `code` nests `(`, `[` and `{` deeper than `MAX_NESTING`. Brackets inside strings and
 * comments count too: that can only overstate the depth, and by thousands only in contrived input.
 */
export function nestsTooDeep(code: string): boolean {
  if (code.length <= MAX_NESTING) return false;
  let depth = 0;
  for (let i = 0; i < code.length; i++) {
    const c = code.charCodeAt(i);
    if (c === 123 /* { */ || c === 40 /* ( */ || c === 91 /* [ */) {
      if (++depth > MAX_NESTING) return true;
    } else if (c === 125 /* } */ || c === 41 /* ) */ || c === 93 /* ] */) {
      depth--;
    }
  }
  return false;
}
