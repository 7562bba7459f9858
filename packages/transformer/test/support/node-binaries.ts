// Node 20, 22 and 24 for the pipeline tests: see scripts/node-binaries.cjs.
export { NODE_INSTALL_TIMEOUT, NODE_MAJORS, type NodeMajor, nodeBinary } from '../../../../scripts/node-binaries.cjs';
