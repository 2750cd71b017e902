// How each data set trains unless told otherwise, for both apps: the hidden layers, their
// activation and initialiser, and the fit options, chosen so that every set is learnt in seconds
// (moons, circles and spiral: 100%, 100% and 99% of their points on either app). The output layer,
// and the loss unless a set names one, follow the classes (classOutput in neural-wasm/datasets).
// The CLI adds how it splits and scales the rows (cli/presets.ts); the playground changes two
// sets, each for a reason given there (demo/settings.ts).
import type { InitName, LossName, OptimizerName } from 'neural-wasm';
import type { DatasetName } from 'neural-wasm/datasets';
import type { HiddenActivation } from './option-names';

/** The generated sets, and the two the CLI brings (iris, mnist). */
export type PresetName = DatasetName | 'iris' | 'mnist';

export interface TrainingPreset {
  hidden: number[];
  /** The hidden layers' activation. */
  activation: HiddenActivation;
  init: InitName;
  /** Default: the one that goes with the output layer (classOutput). */
  loss?: LossName;
  optimizer: OptimizerName;
  learningRate: number;
  epochs: number;
  batchSize: number;
  shuffle: boolean;
}

// any other data (a CSV file): one tanh layer, Adam, shuffled mini-batches (the CLI adds early
// stopping and L2: cli/presets.ts)
const GENERAL: TrainingPreset = {
  hidden: [64], activation: 'tanh', init: 'xavier', optimizer: 'adam', learningRate: 0.01, epochs: 200, batchSize: 16, shuffle: true,
};

const BY_SET: Record<PresetName, Partial<TrainingPreset>> = {
  // the tutorial exactly: 2-3-1 sigmoid, MSE, U[-1, 1), online SGD at 0.1 for 6000 epochs, in order
  xor: { hidden: [3], activation: 'sigmoid', init: 'uniform', loss: 'mse', optimizer: 'sgd', learningRate: 0.1, epochs: 6000, batchSize: 1, shuffle: false },
  blobs: { hidden: [4], epochs: 50 },
  moons: { hidden: [16, 16] },
  circles: { hidden: [16, 16] },
  spiral: { hidden: [32, 32], epochs: 300 },
  iris: { hidden: [8], batchSize: 8 },
  mnist: { hidden: [64], activation: 'relu', init: 'he', learningRate: 0.001, epochs: 10, batchSize: 32 },
};

/** A data set's preset (a new copy), or the general one for other data. */
export function trainingPreset(name?: PresetName): TrainingPreset {
  const preset = { ...GENERAL, ...(name ? BY_SET[name] : {}) };
  return { ...preset, hidden: [...preset.hidden] };
}
