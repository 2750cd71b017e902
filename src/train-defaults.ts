// How a table trains unless told otherwise, for Model.train and the CLI (and the playground's
// general preset): one place, so that the library and the command agree.
import type { ActivationName, InitName, OptimizerName } from './names.js';
import type { ScalingMethod } from './scaling.js';

/**
 * How a table trains unless told otherwise: one tanh layer of 64, Adam, shuffled batches of 16 for
 * up to 200 epochs, a fifth of the rows held out to stop early on (patience 20, the best epoch kept),
 * a little L2, the numeric inputs standardised: the defaults that held up across the public tables
 * of bench/tabular against scikit-learn (docs/cli.md).
 */
export const TRAIN_DEFAULTS = {
  hidden: [64] as readonly number[],
  activation: 'tanh' as ActivationName,
  init: 'xavier' as InitName,
  optimizer: 'adam' as OptimizerName,
  learningRate: 0.01,
  epochs: 200,
  batchSize: 16,
  shuffle: true,
  validationSplit: 0.2,
  scaling: 'standard' as ScalingMethod,
  patience: 20,
  l2: 0.001,
};

