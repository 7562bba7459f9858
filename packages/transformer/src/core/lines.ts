import type { TextPosition } from './diagnostics.js';

/**
 * 1-based line and column of UTF-16 offsets, as editors and compilers count them: lines end at
 * `\n`, `\r\n`, `\r`, U+2028 and U+2029, and a byte order mark is not a column (TypeScript and
 * esbuild drop it before they count, so the same class is reported at the same place by both).
 */
export class LineMap {
  private starts: number[] | undefined;

  constructor(private readonly text: string) {}

  at(offset: number): TextPosition {
    this.starts ??= lineStarts(this.text);
    const starts = this.starts;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    const bom = low === 0 && this.text.charCodeAt(0) === 0xfeff && offset > 0 ? 1 : 0;
    return { line: low + 1, column: offset - starts[low] + 1 - bom };
  }
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10 || c === 0x2028 || c === 0x2029) {
      starts.push(i + 1);
    }
  }
  return starts;
}
