// neural-wasm/js: the same NeuralNetwork class on the pure-JS build of the same core.
import { NeuralNetwork as Network } from './network.js';
import { jsCore } from './js-core.js';

export class NeuralNetwork extends Network {
  static {
    this.loadCore = async () => jsCore;
  }
}

export * from './public.js';
