// @ts-nocheck
import fs = require('node:fs');

class FileLoader {
  constructor(root: string, fileSystem: typeof fs) {}
}

export = FileLoader;
