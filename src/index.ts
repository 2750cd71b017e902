// neural-wasm: the NeuralNetwork class on the WebAssembly core, with SIMD where WebAssembly has it.
import { NeuralNetwork as Network } from './network.js';
import { loadWasmCore, defaultWasmBackend } from './wasm-core.js';

export class NeuralNetwork extends Network {
  static {
    this.loadCore = (precision) => loadWasmCore(defaultWasmBackend(), precision);
  }
}

export * from './public.js';
