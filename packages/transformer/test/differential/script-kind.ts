import type TS from 'typescript';

/** The parser mode for a file name, by extension; unknown extensions parse as TypeScript. */
export function scriptKindOf(ts: typeof TS, fileName: string): TS.ScriptKind {
  const match = /\.([cm]?[jt]sx?)$/i.exec(fileName);
  switch (match?.[1].toLowerCase()) {
    case 'tsx':
      return ts.ScriptKind.TSX;
    case 'js':
    case 'mjs':
    case 'cjs':
      return ts.ScriptKind.JS;
    case 'jsx':
      return ts.ScriptKind.JSX;
    default:
      return ts.ScriptKind.TS;
  }
}
