// Jest setup of the `generated-code` project: every plan gets generated code on its first
// resolution, so the whole runtime suite also runs against the generated functions.
import { setHotThreshold } from '../../src/resolution/codegen.js';

setHotThreshold(0);
