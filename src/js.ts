// neural-wasm/js: the same NeuralNetwork class on the pure-JS build of the same core.
import { NeuralNetwork as Network } from './network.js';
import { jsCore } from './js-core.js';

export class NeuralNetwork extends Network {
  static {
    // the f32 core is a chunk of its own, loaded by the first f32 network
    this.loadCore = async (precision) => (precision === 'f32' ? (await import('./js-core-f32.js')).jsCoreF32 : jsCore);
  }
}

export * from './public.js';
