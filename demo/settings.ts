// What one run of the playground is made of (data set, network, training, core), the defaults each
// data set starts from, and how a run's network follows from its data (output layer and loss).
import type { Backend, InitName, LossName, OptimizerName, NetworkOptions, FitOptions } from 'neural-wasm';
import { classOutput, datasetDefaults, type DatasetName } from 'neural-wasm/datasets';
import { LOSS_LABELS } from '../shared/loss-labels';
import type { HiddenActivation } from '../shared/option-names';
import { type TrainingPreset, trainingPreset } from '../shared/presets';
import type { Patience } from './stop-summary';
import { CONSTANT, describeSchedule, learningRateOption, type ScheduleChoice } from './schedules';

export interface Settings {
  dataset: DatasetName;
  samples: number;
  noise: number;
  dataSeed: number;
  /** Hidden layer sizes, input to output. */
  hidden: number[];
  activation: HiddenActivation;
  init: InitName;
  loss: LossName;
  /** Seed of the weights and of the shuffles. */
  seed: number;
  optimizer: OptimizerName;
  learningRate: number;
  batchSize: number;
  epochs: number;
  shuffle: boolean;
  /** The share of the points held out of training and measured after each epoch (validationSplit). */
  validationShare: number;
  /** Early stopping: epochs without an improvement before training stops; undefined: off. */
  patience: number | undefined;
  schedule: ScheduleChoice;
  /** The share of each hidden layer's outputs dropped in training. */
  dropout: number;
  core: Backend;
}

// The extras beside a data set's recipe start off, so every set trains as its preset says.
const PLAIN_RUN: Pick<Settings, 'validationShare' | 'patience' | 'schedule' | 'dropout'> = {
  validationShare: 0, patience: undefined, schedule: CONSTANT, dropout: 0,
};

/** Losses that fit the output layer (classOutput): its own and MSE, the tutorial's, which comes first for two classes. */
export function lossesFor(classes: number): LossName[] {
  const own = classOutput(classes).loss;
  return classes === 2 ? ['mse', own] : [own, 'mse'];
}

// The playground's changes to the data sets' shared presets (shared/presets.ts), each for a reason.
const PLAYGROUND_PRESETS: Partial<Record<DatasetName, Partial<TrainingPreset & Pick<Settings, 'seed'>>>> = {
  // seed 9 gives the tutorial's XOR loss curve: a plateau, then the drop near epoch 2000-2500
  xor: { seed: 9 },
  // the tutorial's second run, "bubbles": 2-2-1 sigmoid, MSE, online SGD at 0.01 for 1500 epochs
  blobs: {
    hidden: [2], activation: 'sigmoid', init: 'uniform', loss: 'mse', optimizer: 'sgd', learningRate: 0.01, batchSize: 1, epochs: 1500, shuffle: false,
  },
};

/** A data set's starting settings: its generator's defaults, data seed and seed 1, and its preset. */
export function defaultSettings(dataset: DatasetName, core: Backend): Settings {
  const { samples, noise, classes } = datasetDefaults(dataset);
  const preset = { ...trainingPreset(dataset), seed: 1, ...PLAYGROUND_PRESETS[dataset] };
  return {
    dataset, core, samples, noise, dataSeed: 1, ...preset, ...PLAIN_RUN, hidden: [...preset.hidden], loss: preset.loss ?? classOutput(classes).loss,
  };
}

/** create() options: the hidden layers, then the output layer that fits the classes (classOutput). */
export function networkOptions(settings: Settings, classes: number): NetworkOptions {
  const output = classOutput(classes);
  return {
    layers: [2, ...settings.hidden, output.units],
    activation: [...settings.hidden.map(() => settings.activation), output.activation],
    loss: settings.loss,
    init: settings.init,
    seed: settings.seed,
    ...(settings.dropout > 0 && { dropout: settings.dropout }),
  };
}

/**
 * Early stopping, when a patience is set: it watches the validation loss when points are held out,
 * else the training loss (the library's default, spelled out for the stop summary).
 */
export function patienceOf(settings: Settings): Patience | undefined {
  if (settings.patience === undefined) return undefined;
  return { patience: settings.patience, monitor: settings.validationShare > 0 ? 'valLoss' : 'loss' };
}

export function fitOptions(settings: Settings): FitOptions {
  const patience = patienceOf(settings);
  return {
    optimizer: settings.optimizer,
    learningRate: learningRateOption(settings.learningRate, settings.schedule),
    batchSize: settings.batchSize,
    epochs: settings.epochs,
    shuffle: settings.shuffle,
    // every core the page may use (one where it is not cross-origin isolated); the same result
    threads: 'auto',
    ...(settings.validationShare > 0 && { validationSplit: settings.validationShare }),
    ...(patience && { earlyStop: { ...patience, restoreBest: true } }),
  };
}

/**
 * One line for the times table: "xor · 2-3-1 sigmoid · mse · sgd 0.1 · batch 1", and the extras a
 * run has: "· step ×0.5 every 50 · dropout 0.1 · validation 20% · patience 10".
 */
export function summarize(settings: Settings, classes: number): string {
  const layers = networkOptions(settings, classes).layers.join('-');
  const loss = LOSS_LABELS[settings.loss].abbreviation;
  const parts = [
    settings.dataset,
    `${layers} ${settings.activation}`,
    loss,
    `${settings.optimizer} ${settings.learningRate}`,
    `batch ${settings.batchSize}`,
    describeSchedule(settings.schedule),
    settings.dropout > 0 ? `dropout ${settings.dropout}` : '',
    settings.validationShare > 0 ? `validation ${Math.round(100 * settings.validationShare)}%` : '',
    settings.patience !== undefined ? `patience ${settings.patience}` : '',
  ];
  return parts.filter(Boolean).join(' · ');
}
