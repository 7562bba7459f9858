import { execFileSync } from 'node:child_process';
import { NODE_INSTALL_TIMEOUT, NODE_MAJORS, nodeBinary } from './node-binaries.js';

describe('nodeBinary', () => {
  it.each(NODE_MAJORS)(
    'gives a node executable of major version %i',
    (major) => {
      const version = execFileSync(nodeBinary(major), ['--version'], { encoding: 'utf8' }).trim();
      expect(version).toMatch(new RegExp(`^v${major}\\.`));
    },
    NODE_INSTALL_TIMEOUT,
  );
});
