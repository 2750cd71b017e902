// neural-wasm: the NeuralNetwork class on the WebAssembly core.
import { NeuralNetwork as Network } from './network.js';
import { loadWasmCore } from './wasm-core.js';

export class NeuralNetwork extends Network {
  static {
    this.loadCore = loadWasmCore;
  }
}

export * from './public.js';
