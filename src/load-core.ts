// Any core by its one name (Backend), as fitAsync's worker needs them: 'wasm-simd' and 'wasm' from
// src/wasm-core.ts, 'js' from src/js-core.ts (imported only when asked for). Each entry point
// imports its own core directly instead, so that a bundle carries only that one.
import type { Backend, Core } from './core.js';
import { loadWasmCore } from './wasm-core.js';

/** Each core once per page, process or worker. */
export function loadCore(name: Backend): Promise<Core> {
  if (name === 'js') return import('./js-core.js').then(({ jsCore }) => jsCore);
  return loadWasmCore(name);
}
