import type TS from 'typescript';
import { type PinionTransformerOptions, pinionTransformer } from '../typescript/transformer.js';

/** ts-jest AST transformer: `astTransformers: { before: ['@pinion/transformer/jest'] }`. */
export const name = 'pinion-transformer';
/** Part of ts-jest's cache key (and of the Jest transformer's): change it whenever the emitted code changes. */
export const version = '0.1.0+3';

/** What ts-jest passes: its compiler instance, whose config set holds the TypeScript module in use. */
interface TsJestCompiler {
  configSet?: { compilerModule?: typeof TS };
}

/** The ts-jest AST transformer's factory; it annotates with the TypeScript that ts-jest compiles with. */
export function factory(
  compiler: TsJestCompiler,
  options: Omit<PinionTransformerOptions, 'typescript'> = {},
): TS.TransformerFactory<TS.SourceFile> {
  return pinionTransformer({ ...options, typescript: compiler?.configSet?.compilerModule });
}
