// neural-wasm/js: the same NeuralNetwork class on the pure-JS build of the same core.
import { NeuralNetwork as Network } from './network.js';
import { loadJsCore } from './js-core.js';

export class NeuralNetwork extends Network {
  static {
    this.loadCore = loadJsCore;
  }
}

export * from './public.js';
