#!/usr/bin/env node
// `pinion-annotate <outDir> [--root DIR]`: annotates a compiler's output in place (TypeScript 7's
// tsc has no transformer API, so Pinion runs after it). Exit status: 0 when done (warnings
// included), 1 when the files could not be annotated, 2 when the command line is wrong.
import { statSync } from 'node:fs';
import { relative } from 'node:path';
import type { AnnotateSummary } from './annotate/index.js';

const USAGE = `Usage: pinion-annotate <outDir> [--root DIR]

Writes Pinion's class metadata into every .js, .mjs and .cjs file under <outDir>
(node_modules skipped), in place, after tsc (TypeScript 7 included). Each file's source
map is chained, so that locations name the .ts sources. Files already annotated are
left alone.

Options:
  --root DIR   folder that locations are relative to (default: the nearest folder with
               a package.json at or above <outDir>)
  -h, --help   print this help

Exit status: 0 done (warnings included), 1 could not annotate, 2 usage error.`;

/** What the command line asks for. */
interface AnnotateArguments {
  outDir: string;
  root?: string;
}

/** A command line that makes no sense: printed with the usage, exit status 2. */
class UsageError extends Error {
  override name = 'UsageError';
}

/** Parses `argv` (without `node` and the script); `'help'` for `-h`/`--help`. */
function parseArguments(argv: readonly string[]): AnnotateArguments | 'help' {
  const positional: string[] = [];
  let root: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h' || arg === '--help') return 'help';
    if (arg === '--root' || arg.startsWith('--root=')) {
      if (root !== undefined) throw new UsageError('--root is given twice');
      const value = arg === '--root' ? argv[++i] : arg.slice('--root='.length);
      if (value === undefined || value === '' || (arg === '--root' && value.startsWith('-'))) {
        throw new UsageError('--root needs a folder: --root DIR');
      }
      root = value;
    } else if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    } else if (arg.startsWith('-') && arg !== '-') {
      throw new UsageError(`unknown option ${arg}`);
    } else {
      positional.push(arg);
    }
  }
  if (positional.length === 0) throw new UsageError('missing <outDir>, the folder tsc wrote its output to');
  if (positional.length > 1)
    throw new UsageError(`one <outDir> expected, got ${positional.length}: ${positional.join(' ')}`);
  const [outDir] = positional;
  requireDirectory(outDir, '<outDir>');
  if (root !== undefined) requireDirectory(root, '--root');
  return { outDir, root };
}

function requireDirectory(path: string, what: string): void {
  const stats = statSync(path, { throwIfNoEntry: false });
  if (!stats) throw new UsageError(`${what} ${path} does not exist`);
  if (!stats.isDirectory()) throw new UsageError(`${what} ${path} is not a folder`);
}

/** Runs the command; resolves to its exit status. */
async function main(argv: readonly string[]): Promise<number> {
  let args: AnnotateArguments | 'help';
  try {
    args = parseArguments(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`pinion-annotate: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (args === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let summary: AnnotateSummary;
  try {
    // Loaded here, not at the top: when the transform cannot load (oxc-parser's native binding
    // missing, say), that is reported as a failed run with its reason, not as a crash.
    const { annotateDirectory } = await import('./annotate/index.js');
    summary = annotateDirectory(args.outDir, {
      root: args.root,
      onDiagnostic: (d) => process.stderr.write(`warning ${d.code}: ${d.message}\n`),
      onWarning: (message, file) => process.stderr.write(`warning: ${relative(process.cwd(), file)}: ${message}\n`),
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const message = (error as Error)?.name === 'AnnotateError' ? reason : `cannot annotate ${args.outDir}: ${reason}`;
    process.stderr.write(`pinion-annotate: ${message}\n`);
    return 1;
  }
  const { classesAnnotated, filesAnnotated, filesRead } = summary;
  const where = relative(process.cwd(), summary.root) || '.';
  process.stdout.write(
    `pinion-annotate: annotated ${plural(classesAnnotated, 'class', 'classes')} in ${plural(filesAnnotated, 'file')} ` +
      `(${plural(filesRead, 'file')} read, locations relative to ${where})\n`,
  );
  return 0;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

main(process.argv.slice(2)).then((status) => {
  process.exitCode = status;
});
