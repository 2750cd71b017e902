// The JS core: assembly/ compiled as plain JS (scripts/build.js injects the portable helpers).
import * as portable from '../assembly/index.js';
import type { Core } from './core.js';

export const jsCore: Core = {
  ...portable,
  backend: 'js',
  collect() {},
  useThreads() {},
  startThreads: async () => {},
  threadsInUse: () => 1,
  memoryBytes: () => 0,
  memoryLimit: Infinity,
};
