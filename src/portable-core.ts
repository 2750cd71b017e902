// The Core over a JS build of assembly/ (src/js-core.ts's f64 one, src/js-core-f32.ts's f32 one).
import type * as portable from '../assembly/index.js';
import type { Core } from './core.js';
import type { Precision } from './network-options.js';

export function portableCore(exports: typeof portable, precision: Precision): Core {
  return {
    ...exports,
    backend: 'js',
    precision,
    collect() {},
    useThreads() {},
    startThreads: async () => {},
    threadsInUse: () => 1,
    memoryBytes: () => 0,
    memoryLimit: Infinity,
  };
}
