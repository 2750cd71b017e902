// What one run of the playground is made of (data set, network, training, core), the defaults each
// data set starts from, and how a run's network follows from its data (output layer and loss).
import type { ActivationName, InitName, LossName, OptimizerName, NetworkOptions, FitOptions } from 'neural-wasm';
import type { DatasetName } from 'neural-wasm/datasets';

export type CoreName = 'wasm' | 'js';

export interface Settings {
  dataset: DatasetName;
  samples: number;
  noise: number;
  dataSeed: number;
  /** Hidden layer sizes, input to output. */
  hidden: number[];
  activation: Exclude<ActivationName, 'softmax'>;
  init: InitName;
  loss: LossName;
  /** Seed of the weights and of the shuffles. */
  seed: number;
  optimizer: OptimizerName;
  learningRate: number;
  batchSize: number;
  epochs: number;
  shuffle: boolean;
  core: CoreName;
}

export const HIDDEN_ACTIVATIONS: Settings['activation'][] = ['sigmoid', 'tanh', 'relu', 'leakyRelu', 'linear'];
export const INITS: InitName[] = ['uniform', 'xavier', 'he'];
export const OPTIMIZERS: OptimizerName[] = ['sgd', 'momentum', 'adam'];

export const LOSS_LABELS: Record<LossName, string> = {
  mse: 'MSE',
  binaryCrossEntropy: 'binary CE',
  crossEntropy: 'cross-entropy',
};

/** Losses that fit the output layer: one sigmoid unit for two classes, softmax over more. */
export function lossesFor(classes: number): LossName[] {
  return classes === 2 ? ['mse', 'binaryCrossEntropy'] : ['crossEntropy', 'mse'];
}

type Preset = Omit<Settings, 'dataset' | 'core'>;

// Each data set opens with settings that learn it. XOR's are the tutorial's (2-3-1, sigmoid, MSE,
// online SGD at 0.1 for 6000 epochs); seed 9 gives its loss curve (plateau, then the drop near
// epoch 2000-2500). Blobs are its "bubbles" (2-2-1, lr 0.01, 1500 epochs).
export const PRESETS: Record<DatasetName, Preset> = {
  xor: {
    samples: 4, noise: 0, dataSeed: 1, hidden: [3], activation: 'sigmoid', init: 'uniform', loss: 'mse', seed: 9,
    optimizer: 'sgd', learningRate: 0.1, batchSize: 1, epochs: 6000, shuffle: false,
  },
  blobs: {
    samples: 500, noise: 1, dataSeed: 1, hidden: [2], activation: 'sigmoid', init: 'uniform', loss: 'mse', seed: 1,
    optimizer: 'sgd', learningRate: 0.01, batchSize: 1, epochs: 1500, shuffle: false,
  },
  moons: {
    samples: 200, noise: 0.1, dataSeed: 1, hidden: [8, 8], activation: 'tanh', init: 'xavier', loss: 'binaryCrossEntropy', seed: 1,
    optimizer: 'adam', learningRate: 0.03, batchSize: 10, epochs: 300, shuffle: true,
  },
  circles: {
    samples: 200, noise: 0.05, dataSeed: 1, hidden: [8, 8], activation: 'tanh', init: 'xavier', loss: 'binaryCrossEntropy', seed: 1,
    optimizer: 'adam', learningRate: 0.01, batchSize: 10, epochs: 300, shuffle: true,
  },
  spiral: {
    samples: 300, noise: 0.2, dataSeed: 1, hidden: [32, 32], activation: 'relu', init: 'he', loss: 'crossEntropy', seed: 1,
    optimizer: 'adam', learningRate: 0.01, batchSize: 16, epochs: 500, shuffle: true,
  },
};

export function defaultSettings(dataset: DatasetName, core: CoreName = 'wasm'): Settings {
  return { dataset, core, ...structuredClone(PRESETS[dataset]) };
}

/** create() options: the hidden layers, then one sigmoid output for two classes or softmax over more. */
export function networkOptions(settings: Settings, classes: number): NetworkOptions {
  const outputs = classes === 2 ? 1 : classes;
  return {
    layers: [2, ...settings.hidden, outputs],
    activation: [...settings.hidden.map(() => settings.activation), classes === 2 ? 'sigmoid' : 'softmax'],
    loss: settings.loss,
    init: settings.init,
    seed: settings.seed,
  };
}

export function fitOptions(settings: Settings): FitOptions {
  return {
    optimizer: settings.optimizer,
    learningRate: settings.learningRate,
    batchSize: settings.batchSize,
    epochs: settings.epochs,
    shuffle: settings.shuffle,
  };
}

/** One line for the times table: "xor · 2-3-1 sigmoid · mse · sgd 0.1 · batch 1". */
export function summarize(settings: Settings, classes: number): string {
  const layers = networkOptions(settings, classes).layers.join('-');
  const loss = { mse: 'mse', binaryCrossEntropy: 'bce', crossEntropy: 'ce' }[settings.loss];
  return `${settings.dataset} · ${layers} ${settings.activation} · ${loss} · ${settings.optimizer} ${settings.learningRate} · batch ${settings.batchSize}`;
}
