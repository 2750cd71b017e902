// neural-wasm/baseline: the NeuralNetwork class on the 'wasm' core, WebAssembly without SIMD, which
// is what 'neural-wasm' itself loads where SIMD is missing. It gives the same bits as the SIMD core,
// slower; it is here to test and measure that.
import { NeuralNetwork as Network } from './network.js';
import { loadWasmCore } from './wasm-core.js';

export class NeuralNetwork extends Network {
  static {
    this.loadCore = (precision) => loadWasmCore('wasm', precision);
  }
}

export * from './public.js';
