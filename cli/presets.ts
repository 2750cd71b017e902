// Training defaults per data set, chosen so that `neural-wasm train <set>` reaches a good accuracy
// in seconds; every one can be overridden by its flag. The output layer and loss follow the target.
import type { ActivationName, InitName, LossName, OptimizerName } from 'neural-wasm';
import type { BuiltinName } from './builtin-data';
import type { ScalingMethod } from './normalize';
import type { Target } from './target';

export interface Preset {
  hidden: number[];
  /** The hidden layers' activation. */
  activation: ActivationName;
  init: InitName;
  /** Default: by the target (see outputLayer). */
  loss?: LossName;
  optimizer: OptimizerName;
  learningRate: number;
  epochs: number;
  batchSize: number;
  shuffle: boolean;
  validationSplit: number;
  normalize: ScalingMethod;
}

// a CSV file: one tanh layer, Adam, mini-batches
const FILE: Preset = {
  hidden: [16], activation: 'tanh', init: 'xavier', optimizer: 'adam', learningRate: 0.01,
  epochs: 200, batchSize: 16, shuffle: true, validationSplit: 0.2, normalize: 'standard',
};

const BUILTIN: Record<BuiltinName, Partial<Preset>> = {
  // the tutorial exactly: 2-3-1 sigmoid, MSE, U[-1, 1), online SGD at 0.1 for 6000 epochs, in order
  xor: {
    hidden: [3], activation: 'sigmoid', init: 'uniform', loss: 'mse', optimizer: 'sgd', learningRate: 0.1,
    epochs: 6000, batchSize: 1, shuffle: false, validationSplit: 0, normalize: 'none',
  },
  blobs: { hidden: [4], epochs: 50 },
  moons: { hidden: [16, 16] },
  circles: { hidden: [16, 16] },
  spiral: { hidden: [32, 32], epochs: 300 },
  iris: { hidden: [8], batchSize: 8 },
  // pixels are already in [0, 1]; scaling the rarely-lit border pixels by their tiny spread hurts
  mnist: {
    hidden: [64], activation: 'relu', init: 'he', learningRate: 0.001, epochs: 10, batchSize: 32, normalize: 'none',
  },
};

export function presetFor(builtin: BuiltinName | undefined): Preset {
  return { ...FILE, ...(builtin ? BUILTIN[builtin] : {}) };
}

/** The output layer's activation and the loss that suit a target. */
export function outputLayer(target: Target): { activation: ActivationName; loss: LossName } {
  if (target.kind === 'values') return { activation: 'linear', loss: 'mse' };
  return target.classes.length === 2
    ? { activation: 'sigmoid', loss: 'binaryCrossEntropy' }
    : { activation: 'softmax', loss: 'crossEntropy' };
}
