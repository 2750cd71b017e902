// Any core by its one name (Backend) and precision, as fitAsync's worker needs them: 'wasm-simd' and
// 'wasm' from src/wasm-core.ts, 'js' from src/js-core.ts or src/js-core-f32.ts (imported only when
// asked for). Each entry point imports its own core directly instead, so that a bundle carries only
// that one.
import type { Backend, Core } from './core.js';
import type { Precision } from './network-options.js';
import { loadWasmCore } from './wasm-core.js';

/** Each core once per page, process or worker. */
export function loadCore(name: Backend, precision: Precision): Promise<Core> {
  if (name !== 'js') return loadWasmCore(name, precision);
  return precision === 'f32'
    ? import('./js-core-f32.js').then(({ jsCoreF32 }) => jsCoreF32)
    : import('./js-core.js').then(({ jsCore }) => jsCore);
}
