// @ts-nocheck
import { readFile } from 'node:fs/promises';

export class FileLoader {
  constructor(root: string, read = readFile) {}
}
