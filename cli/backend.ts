// --backend: which core runs the network, by the library's names (net.backend): wasm-simd, wasm (the
// same core without SIMD) or js (the pure-JS build); without it, the core 'neural-wasm' picks. All
// share one API and one model file format; the JS build gives the WASM cores' results to rounding
// (bit for bit without exp/tanh).
import type { Backend } from 'neural-wasm';
import { BACKENDS, type NetworkClass, SimdMissingError, networkClass } from '../shared/backends';
import { type FlagValues, choiceFlag } from './args';
import { UsageError } from './errors';

export function backendFlag(flags: FlagValues): Backend | undefined {
  return choiceFlag(flags, 'backend', BACKENDS);
}

export async function loadBackend(backend: Backend | undefined): Promise<NetworkClass> {
  try {
    return await networkClass(backend);
  } catch (error) {
    if (error instanceof SimdMissingError) {
      throw new UsageError('--backend wasm-simd: this runtime has no WebAssembly SIMD; --backend wasm runs the same core without it (the same results)');
    }
    throw error;
  }
}
