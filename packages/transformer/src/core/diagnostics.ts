/**
 * A problem the transformer met in one file's code. It never stops a build: adapters report it as
 * a warning. (When the transform itself cannot run, it throws instead.)
 */
export interface TransformDiagnostic {
  /** Stable code, e.g. `PINION_SYNTAX_ERROR`. */
  code: DiagnosticCode;
  category: 'warning';
  /** Message that starts with `file:line:column`. */
  message: string;
  /** Path as given to the transformer. */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  /** 0-based offset into the source text, and length of the span. */
  start: number;
  length: number;
}

export type DiagnosticCode =
  | 'PINION_SYNTAX_ERROR'
  | 'PINION_BINARY_INPUT'
  | 'PINION_NO_CONSTRUCTOR_BODY'
  | 'PINION_NESTING_TOO_DEEP'
  | 'PINION_INTERNAL_ERROR';

export interface TextPosition {
  line: number;
  column: number;
}

export function makeDiagnostic(
  code: DiagnosticCode,
  file: string,
  start: number,
  length: number,
  position: TextPosition,
  text: string,
): TransformDiagnostic {
  return {
    code,
    category: 'warning',
    message: `${file}:${position.line}:${position.column}: ${text}`,
    file,
    line: position.line,
    column: position.column,
    start,
    length,
  };
}
