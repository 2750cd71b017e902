// The JS core: assembly/ compiled as plain JS (scripts/build.js injects the portable helpers).
import * as portable from '../assembly/index.js';
import type { Core } from './core.js';

const core: Core = {
  ...portable,
  backend: 'js',
  collect() {},
  memoryBytes: () => 0,
  memoryLimit: Infinity,
};

export async function loadJsCore(): Promise<Core> {
  return core;
}
