// The options of create and fit: their names, defaults and checks, and their mapping onto the
// core's numeric codes and its fit settings record. Everything here is pure: a rejected option
// never reaches the core.
import * as codes from '../assembly/codes.js';
import * as slots from '../assembly/fit-settings.js';
import { typeError, rangeError, unknownOption, unknownName, tooLarge } from './errors.js';
import type { Rows, Targets } from './data.js';
import { availableThreads, MAX_THREADS } from './platform.js';

export const ACTIVATIONS = {
  sigmoid: codes.SIGMOID,
  tanh: codes.TANH,
  relu: codes.RELU,
  leakyRelu: codes.LEAKY_RELU,
  linear: codes.LINEAR,
  softmax: codes.SOFTMAX,
} as const;
export const LOSSES = {
  mse: codes.MSE,
  binaryCrossEntropy: codes.BINARY_CROSS_ENTROPY,
  crossEntropy: codes.CROSS_ENTROPY,
} as const;
export const INITS = { uniform: codes.INIT_UNIFORM, xavier: codes.INIT_XAVIER, he: codes.INIT_HE } as const;
export const OPTIMIZERS = { sgd: codes.SGD, momentum: codes.MOMENTUM, adam: codes.ADAM } as const;

export type ActivationName = keyof typeof ACTIVATIONS;
export type LossName = keyof typeof LOSSES;
export type InitName = keyof typeof INITS;
export type OptimizerName = keyof typeof OPTIMIZERS;

// Size limits of the core: one array of linear memory holds at most 1 GiB (AssemblyScript's
// largest block: MAX_ARRAY_VALUES, in assembly/codes.ts), and a network's parameters exist about
// five times over while it trains.
export const MAX_PARAMETERS = 2 ** 24;
export const MAX_LAYER_SIZE = 2 ** 20;

export interface NetworkOptions {
  /** Layer sizes, input first: [2, 3, 1] is the tutorial's Model(2, 3, 1). */
  layers: readonly number[];
  /** One activation for every non-input layer, or one per non-input layer. Default 'sigmoid'. */
  activation?: ActivationName | readonly ActivationName[];
  /** Default 'mse'. */
  loss?: LossName;
  /** Default 'uniform': every weight and bias from U[-1, 1), as the tutorial. */
  init?: InitName;
  /** Integer in [0, 2^53): the same seed and the same calls give bit-identical results. Default: random. */
  seed?: number;
  /**
   * Dropout in training: the share of a hidden layer's outputs dropped (inverted dropout, masks from
   * the network's seeded generator; predict and evaluate never drop). One rate for every hidden
   * layer, or one per hidden layer, each in [0, 1). Default 0.
   */
  dropout?: number | readonly number[];
  /**
   * The number type of the weights, activations and data in the core: 'f64' (default) or 'f32',
   * which holds them in half the memory and trains the big layers about twice as fast with SIMD,
   * at float32's precision (about 7 digits). Stored in the model file.
   */
  precision?: Precision;
}

/** The core's number type: see NetworkOptions.precision. */
export type Precision = 'f64' | 'f32';
const PRECISIONS: Record<Precision, number> = { f64: 8, f32: 4 }; // bytes of one value

/** Bytes of one value of the core at this precision. */
export function valueBytes(precision: Precision): number {
  return PRECISIONS[precision];
}

/** A network's configuration after defaults: what toJSON stores beside the weights. */
export interface NetworkConfig {
  layers: number[];
  activation: ActivationName[];
  loss: LossName;
  init: InitName;
  seed: number;
  /** One rate per hidden layer. */
  dropout: number[];
  precision: Precision;
}

export type OptimizerOptions =
  | { name: 'sgd' }
  | { name: 'momentum'; momentum?: number }
  | { name: 'adam'; beta1?: number; beta2?: number; epsilon?: number };

/** An epoch's metric: the training set's loss or accuracy, or the validation set's. */
export type MonitorName = 'loss' | 'accuracy' | 'valLoss' | 'valAccuracy';

/**
 * A learning rate that changes from epoch to epoch (epoch t counted from 0): `step`: initial *
 * factor^floor(t / every); `exponential`: initial * factor^t; `cosine`: from initial down to floor
 * over `period` epochs (default: all of them), floor + (initial - floor) * (1 + cos(pi * t /
 * period)) / 2; `plateau`: times factor after `patience` epochs without an improvement of the
 * monitored metric (by more than minDelta), never below floor. `initial` defaults to the
 * optimizer's learning rate.
 */
export type LearningRateSchedule =
  | { name: 'step'; initial?: number; factor?: number; every: number }
  | { name: 'exponential'; initial?: number; factor: number }
  | { name: 'cosine'; initial?: number; floor?: number; period?: number }
  | { name: 'plateau'; initial?: number; factor?: number; patience?: number; floor?: number; minDelta?: number; monitor?: MonitorName };

/** Validation data: the same forms as the training data. */
export interface ValidationData {
  inputs: Rows;
  targets: Targets;
}

export interface EarlyStopOptions {
  /** The tutorial's thresholds: stop after the first epoch where every given one holds. */
  loss?: number;
  accuracy?: number;
  /**
   * Stop after `patience` epochs in a row without an improvement of the monitored metric by more
   * than `minDelta` (default 0), and end with the best epoch's weights (`restoreBest`, default true).
   */
  patience?: number;
  /** Default 'valLoss' when there is validation data, else 'loss'. */
  monitor?: MonitorName;
  minDelta?: number;
  restoreBest?: boolean;
}

export interface FitProgress {
  /** Epochs finished so far (1-based). */
  epoch: number;
  epochs: number;
  loss: number;
  accuracy: number;
  /** With validation data: the validation set's loss and accuracy on the epoch's final weights. */
  valLoss?: number;
  valAccuracy?: number;
  /** The learning rate the epoch used. */
  learningRate: number;
}

export interface FitOptions {
  /** A number, or a schedule. Default 0.1 for sgd (the tutorial's), 0.01 for momentum, 0.001 for adam. */
  learningRate?: number | LearningRateSchedule;
  /** Default 1. */
  epochs?: number;
  /** Samples per gradient step; 1 (default) is the tutorial's online SGD. */
  batchSize?: number;
  /** Visit the samples in a new seeded order every epoch. Default false (the tutorial's order). */
  shuffle?: boolean;
  /** Default 'sgd'. */
  optimizer?: OptimizerName | OptimizerOptions;
  /** L2 penalty on the weights (not the biases): adds l2 * w to each weight's gradient. Default 0. */
  l2?: number;
  /** The tutorial's thresholds, and early stopping with patience (see EarlyStopOptions). */
  earlyStop?: EarlyStopOptions;
  /** Rows measured after every epoch and never trained on (not with validationSplit). */
  validationData?: ValidationData;
  /**
   * The share of the rows held out as validation data, in [0, 1): drawn from the network's seed
   * (the same rows for every fit of the same network and data), stratified by class when the
   * targets are classes (0/1, or one-hot rows). Default 0.
   */
  validationSplit?: number;
  /** Scales each batch's gradient down to this global norm (every weight and bias) when it is larger. */
  clipNorm?: number;
  /** Called every `progressEvery` epochs and after the last; returning false stops training. */
  onProgress?: (progress: FitProgress) => void | boolean;
  /** Default 1. */
  progressEvery?: number;
  /**
   * Threads that share each batch's dense products: a count, or 'auto' for the cores the platform
   * reports. The weights are the same bits for any count. Default 1. Used where memory can be shared
   * with workers (Node; cross-origin-isolated pages) on the default WASM core; elsewhere training
   * runs on one thread. FitResult.threads says how many ran.
   */
  threads?: number | 'auto';
}

/** A learning-rate schedule after defaults, as the core takes it. */
export interface ScheduleSettings {
  kind: number; // codes.ts: SCHEDULE_*
  factor: number;
  every: number;
  floor: number;
  monitor: number; // codes.ts: MONITOR_*
  minDelta: number;
}

export interface FitSettings {
  epochs: number;
  batchSize: number;
  shuffle: boolean;
  optimizer: number;
  learningRate: number; // the schedule's initial rate
  schedule: ScheduleSettings;
  momentum: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  l2: number;
  stopLoss: number; // NaN when not given
  stopAccuracy: number;
  patience: number; // -1: none
  monitor: number; // codes.ts: MONITOR_*
  minDelta: number;
  restoreBest: boolean;
  clipNorm: number; // 0: none
  validationData: ValidationData | undefined;
  validationSplit: number;
  onProgress: ((progress: FitProgress) => void | boolean) | undefined;
  progressEvery: number;
  threads: number; // 'auto' resolved
}

const NETWORK_KEYS = ['layers', 'activation', 'loss', 'init', 'seed', 'dropout', 'precision'] as const;
const FIT_KEYS = [
  'learningRate', 'epochs', 'batchSize', 'shuffle', 'optimizer', 'l2', 'earlyStop', 'validationData',
  'validationSplit', 'clipNorm', 'onProgress', 'progressEvery', 'threads',
] as const;
const MONITORS = {
  loss: codes.MONITOR_LOSS,
  accuracy: codes.MONITOR_ACCURACY,
  valLoss: codes.MONITOR_VAL_LOSS,
  valAccuracy: codes.MONITOR_VAL_ACCURACY,
} as const;
const SCHEDULES = {
  step: codes.SCHEDULE_STEP,
  exponential: codes.SCHEDULE_EXPONENTIAL,
  cosine: codes.SCHEDULE_COSINE,
  plateau: codes.SCHEDULE_PLATEAU,
} as const;
const SCHEDULE_KEYS = {
  step: ['name', 'initial', 'factor', 'every'],
  exponential: ['name', 'initial', 'factor'],
  cosine: ['name', 'initial', 'floor', 'period'],
  plateau: ['name', 'initial', 'factor', 'patience', 'floor', 'minDelta', 'monitor'],
} as const;
const DEFAULT_LEARNING_RATE = { sgd: 0.1, momentum: 0.01, adam: 0.001 } as const;

/**
 * A copy of an options object, each of its properties read once: the checks and the call then see
 * the same values, even from getters or a proxy that would answer differently the next time.
 */
function checkObject(value: unknown, what: string, known: readonly string[]): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw typeError(what, 'an object', value);
  const copy: Record<string, unknown> = { ...value };
  for (const key of Object.keys(copy)) {
    if (!known.includes(key)) throw unknownOption(what, key, known);
  }
  return copy;
}

/** An array's elements, each read once (see checkObject). */
function copyArray(value: unknown[]): unknown[] {
  return Array.prototype.slice.call(value);
}

function checkName<T extends string>(what: string, value: unknown, table: Record<T, number>): T {
  const known = Object.keys(table) as T[];
  if (typeof value !== 'string' || !known.includes(value as T)) throw unknownName(what, value, known);
  return value as T;
}

function checkNumber(what: string, value: unknown, low: number, high: number, lowOpen = false): number {
  if (typeof value !== 'number') throw typeError(what, 'a number', value);
  const ok = Number.isFinite(value) && (lowOpen ? value > low : value >= low) && value <= high;
  if (!ok) throw rangeError(what, `a finite number in ${lowOpen ? '(' : '['}${low}, ${high}]`, value);
  return value;
}

function checkInteger(what: string, value: unknown, low: number, high: number): number {
  if (typeof value !== 'number') throw typeError(what, 'an integer', value);
  if (!Number.isInteger(value) || value < low || value > high) {
    throw rangeError(what, `an integer from ${low} to ${high}`, value);
  }
  return value;
}

function checkThreads(value: unknown): number {
  const expected = `an integer from 1 to ${MAX_THREADS}, or 'auto'`;
  if (typeof value !== 'number') throw typeError('threads', expected, value);
  if (!Number.isInteger(value) || value < 1 || value > MAX_THREADS) throw rangeError('threads', expected, value);
  return value;
}

export function parameterCount(layers: readonly number[]): number {
  let count = 0;
  for (let l = 0; l + 1 < layers.length; l++) count += layers[l] * layers[l + 1] + layers[l + 1];
  return count;
}

/** Checks `layers`, `activation`, `loss`, `init`, `seed`, `dropout` and `precision` wherever they come from (create or a model file). */
export function checkNetworkConfig(options: Record<string, unknown>, where: string): NetworkConfig {
  const givenLayers = options.layers;
  if (!Array.isArray(givenLayers)) {
    throw typeError(`${where}.layers`, 'an array of layer sizes, input first, such as [2, 3, 1]', givenLayers);
  }
  const layers = copyArray(givenLayers) as number[];
  if (layers.length < 2) throw rangeError(`${where}.layers`, 'at least 2 sizes (inputs and outputs)', layers);
  layers.forEach((size, l) => checkInteger(`${where}.layers[${l}]`, size, 1, MAX_LAYER_SIZE));
  const count = parameterCount(layers);
  if (count > MAX_PARAMETERS) throw tooLarge(`a network of layers [${layers.join(', ')}]`, count, MAX_PARAMETERS);

  const depth = layers.length - 1;
  const givenActivation = options.activation ?? 'sigmoid';
  let activation: ActivationName[];
  if (Array.isArray(givenActivation)) {
    const given = copyArray(givenActivation);
    if (given.length !== depth) {
      throw rangeError(`${where}.activation`, `one name per non-input layer (${depth})`, given);
    }
    activation = given.map((name, l) => checkName(`${where}.activation[${l}]`, name, ACTIVATIONS));
  } else {
    activation = new Array(depth).fill(checkName(`${where}.activation`, givenActivation, ACTIVATIONS));
  }
  activation.forEach((name, l) => {
    if (name !== 'softmax') return;
    if (l < depth - 1) {
      throw rangeError(`${where}.activation[${l}]`, "a hidden-layer activation ('softmax' is for the output layer only)", name);
    }
    if (layers[depth] < 2) throw rangeError(`${where}.layers[${depth}]`, "at least 2 (the outputs of a 'softmax' output layer)", layers[depth]);
  });
  const loss = checkName(`${where}.loss`, options.loss ?? 'mse', LOSSES);
  const init = checkName(`${where}.init`, options.init ?? 'uniform', INITS);
  const seed =
    options.seed === undefined
      ? Math.floor(Math.random() * 2 ** 32)
      : checkInteger(`${where}.seed`, options.seed, 0, Number.MAX_SAFE_INTEGER);
  const dropout = checkDropout(options.dropout, depth - 1, where);
  const precision = checkName(`${where}.precision`, options.precision ?? 'f64', PRECISIONS);
  return { layers, activation, loss, init, seed, dropout, precision };
}

function checkDropout(given: unknown, hidden: number, where: string): number[] {
  if (given === undefined) return new Array<number>(hidden).fill(0);
  const rate = (value: unknown, what: string) => checkNumber(what, value, 0, 1 - Number.EPSILON);
  if (Array.isArray(given)) {
    const rates = copyArray(given);
    if (rates.length !== hidden) throw rangeError(`${where}.dropout`, `one rate per hidden layer (${hidden})`, rates);
    return rates.map((value, l) => rate(value, `${where}.dropout[${l}]`));
  }
  const one = rate(given, `${where}.dropout`);
  if (hidden === 0 && one > 0) throw rangeError(`${where}.dropout`, '0: dropout is for hidden layers, and this network has none', one);
  return new Array<number>(hidden).fill(one);
}

export function parseNetworkOptions(options: unknown): NetworkConfig {
  const object = checkObject(options, 'create options', NETWORK_KEYS);
  return checkNetworkConfig(object, 'options');
}

export function parseFitOptions(options: unknown): FitSettings {
  const o = checkObject(options ?? {}, 'fit options', FIT_KEYS);
  let optimizerName: OptimizerName = 'sgd';
  let momentum = 0.9;
  let beta1 = 0.9;
  let beta2 = 0.999;
  let epsilon = 1e-8;
  if (typeof o.optimizer === 'object' && o.optimizer !== null) {
    const given = { ...o.optimizer } as Record<string, unknown>; // read once, as checkObject does
    optimizerName = checkName('optimizer.name', given.name, OPTIMIZERS);
    const keys = { sgd: ['name'], momentum: ['name', 'momentum'], adam: ['name', 'beta1', 'beta2', 'epsilon'] }[optimizerName];
    const opt = checkObject(given, `'${optimizerName}' optimizer`, keys);
    if (opt.momentum !== undefined) momentum = checkNumber('optimizer.momentum', opt.momentum, 0, 1);
    if (opt.beta1 !== undefined) beta1 = checkNumber('optimizer.beta1', opt.beta1, 0, 1);
    if (opt.beta2 !== undefined) beta2 = checkNumber('optimizer.beta2', opt.beta2, 0, 1);
    if (opt.epsilon !== undefined) epsilon = checkNumber('optimizer.epsilon', opt.epsilon, 0, 1, true);
    if (beta1 === 1 || beta2 === 1) throw rangeError('optimizer beta1 and beta2', 'below 1', 1);
  } else if (o.optimizer !== undefined) {
    optimizerName = checkName('optimizer', o.optimizer, OPTIMIZERS);
  }
  const defaultRate = DEFAULT_LEARNING_RATE[optimizerName];
  const epochs = o.epochs === undefined ? 1 : checkInteger('epochs', o.epochs, 1, 2 ** 31 - 1);
  const batchSize = o.batchSize === undefined ? 1 : checkInteger('batchSize', o.batchSize, 1, 2 ** 31 - 1);
  if (o.shuffle !== undefined && typeof o.shuffle !== 'boolean') throw typeError('shuffle', 'true or false', o.shuffle);
  const l2 = o.l2 === undefined ? 0 : checkNumber('l2', o.l2, 0, Number.MAX_VALUE);
  // validation data: given, or split off the training data
  if (o.validationData !== undefined && o.validationSplit !== undefined) {
    throw new TypeError('fit options: give validationData or validationSplit, not both');
  }
  let validationData: ValidationData | undefined;
  if (o.validationData !== undefined) {
    const given = checkObject(o.validationData, 'validationData', ['inputs', 'targets']);
    validationData = { inputs: given.inputs as Rows, targets: given.targets as Targets };
  }
  const validationSplit = o.validationSplit === undefined ? 0 : checkNumber('validationSplit', o.validationSplit, 0, 1 - Number.EPSILON);
  const validated = validationData !== undefined || validationSplit > 0;
  const defaultMonitor: MonitorName = validated ? 'valLoss' : 'loss';
  const monitorCode = (what: string, value: unknown): number => {
    const name = checkName(what, value ?? defaultMonitor, MONITORS);
    if ((name === 'valLoss' || name === 'valAccuracy') && !validated) {
      throw rangeError(what, "'loss' or 'accuracy' (a validation metric needs validationData or validationSplit)", name);
    }
    return MONITORS[name];
  };
  // the tutorial's thresholds, and early stopping with patience
  let stopLoss = NaN;
  let stopAccuracy = NaN;
  let patience = -1;
  let monitor: number = MONITORS[defaultMonitor];
  let minDelta = 0;
  let restoreBest = true;
  if (o.earlyStop !== undefined) {
    const stop = checkObject(o.earlyStop, 'earlyStop', ['loss', 'accuracy', 'patience', 'monitor', 'minDelta', 'restoreBest']);
    if (stop.loss !== undefined) stopLoss = checkNumber('earlyStop.loss', stop.loss, 0, Number.MAX_VALUE);
    if (stop.accuracy !== undefined) stopAccuracy = checkNumber('earlyStop.accuracy', stop.accuracy, 0, 1);
    if (stop.patience !== undefined) {
      patience = checkInteger('earlyStop.patience', stop.patience, 0, 2 ** 31 - 1);
      monitor = monitorCode('earlyStop.monitor', stop.monitor);
      if (stop.minDelta !== undefined) minDelta = checkNumber('earlyStop.minDelta', stop.minDelta, 0, Number.MAX_VALUE);
      if (stop.restoreBest !== undefined && typeof stop.restoreBest !== 'boolean') {
        throw typeError('earlyStop.restoreBest', 'true or false', stop.restoreBest);
      }
      restoreBest = stop.restoreBest !== false;
    } else {
      const without = ['monitor', 'minDelta', 'restoreBest'].find((key) => stop[key] !== undefined);
      if (without) throw typeError('earlyStop.patience', `an integer (earlyStop.${without} goes with it)`, undefined);
    }
  }
  const { learningRate, schedule } = parseLearningRate(o.learningRate, defaultRate, epochs, monitorCode);
  const clipNorm = o.clipNorm === undefined ? 0 : checkNumber('clipNorm', o.clipNorm, 0, Number.MAX_VALUE, true);
  if (o.onProgress !== undefined && typeof o.onProgress !== 'function') {
    throw typeError('onProgress', 'a function', o.onProgress);
  }
  const progressEvery = o.progressEvery === undefined ? 1 : checkInteger('progressEvery', o.progressEvery, 1, 2 ** 31 - 1);
  const threads = o.threads === undefined ? 1 : o.threads === 'auto' ? availableThreads() : checkThreads(o.threads);
  return {
    epochs,
    batchSize,
    shuffle: o.shuffle === true,
    optimizer: OPTIMIZERS[optimizerName],
    learningRate,
    schedule,
    momentum,
    beta1,
    beta2,
    epsilon,
    l2,
    stopLoss,
    stopAccuracy,
    patience,
    monitor,
    minDelta,
    restoreBest,
    clipNorm,
    validationData,
    validationSplit,
    onProgress: o.onProgress as FitSettings['onProgress'],
    progressEvery,
    threads,
  };
}

// A number, or a schedule with its defaults (see LearningRateSchedule).
function parseLearningRate(
  given: unknown, defaultRate: number, epochs: number, monitorCode: (what: string, value: unknown) => number,
): { learningRate: number; schedule: ScheduleSettings } {
  const constant = { kind: codes.SCHEDULE_CONSTANT, factor: 1, every: 1, floor: 0, monitor: codes.MONITOR_LOSS, minDelta: 0 };
  if (given === undefined) return { learningRate: defaultRate, schedule: constant };
  if (typeof given !== 'object' || given === null) {
    return { learningRate: checkNumber('learningRate', given, 0, Number.MAX_VALUE, true), schedule: constant };
  }
  const named = { ...given } as Record<string, unknown>; // read once, as checkObject does
  const name = checkName('learningRate.name', named.name, SCHEDULES);
  const o = checkObject(named, `'${name}' learning-rate schedule`, SCHEDULE_KEYS[name]);
  const positive = (key: string, fallback?: number) =>
    o[key] === undefined && fallback !== undefined ? fallback : checkNumber(`learningRate.${key}`, o[key], 0, Number.MAX_VALUE, true);
  const initial = positive('initial', defaultRate);
  const floor = o.floor === undefined ? 0 : checkNumber('learningRate.floor', o.floor, 0, initial);
  const schedule = { ...constant, kind: SCHEDULES[name] };
  if (name === 'step') {
    schedule.factor = o.factor === undefined ? 0.5 : checkNumber('learningRate.factor', o.factor, 0, 1, true);
    schedule.every = checkInteger('learningRate.every', o.every, 1, 2 ** 31 - 1);
  } else if (name === 'exponential') {
    schedule.factor = checkNumber('learningRate.factor', o.factor, 0, 1, true);
  } else if (name === 'cosine') {
    schedule.every = o.period === undefined ? epochs : checkInteger('learningRate.period', o.period, 1, 2 ** 31 - 1);
    schedule.floor = floor;
  } else {
    schedule.factor = o.factor === undefined ? 0.1 : checkNumber('learningRate.factor', o.factor, 0, 1, true);
    schedule.every = o.patience === undefined ? 10 : checkInteger('learningRate.patience', o.patience, 0, 2 ** 31 - 1);
    schedule.floor = floor;
    schedule.minDelta = o.minDelta === undefined ? 1e-4 : checkNumber('learningRate.minDelta', o.minDelta, 0, Number.MAX_VALUE);
    schedule.monitor = monitorCode('learningRate.monitor', o.monitor);
  }
  return { learningRate: initial, schedule };
}

/**
 * Fills the core's settings record for a fit (assembly/fit-settings.ts names the slots; the core
 * reads them in assembly/training.ts), run in calls of at most `chunk` epochs.
 */
export function writeFitSettings(record: Float64Array, s: FitSettings, chunk: number, validationRows: number): void {
  record[slots.SLOT_BATCH_SIZE] = s.batchSize;
  record[slots.SLOT_SHUFFLE] = s.shuffle ? 1 : 0;
  record[slots.SLOT_OPTIMIZER] = s.optimizer;
  record[slots.SLOT_LEARNING_RATE] = s.learningRate;
  record[slots.SLOT_MOMENTUM] = s.momentum;
  record[slots.SLOT_BETA1] = s.beta1;
  record[slots.SLOT_BETA2] = s.beta2;
  record[slots.SLOT_EPSILON] = s.epsilon;
  record[slots.SLOT_L2] = s.l2;
  record[slots.SLOT_STOP_LOSS] = s.stopLoss;
  record[slots.SLOT_STOP_ACCURACY] = s.stopAccuracy;
  record[slots.SLOT_CHUNK] = chunk;
  record[slots.SLOT_EPOCHS] = s.epochs;
  record[slots.SLOT_VALIDATION_ROWS] = validationRows;
  record[slots.SLOT_MONITOR] = s.monitor;
  record[slots.SLOT_PATIENCE] = s.patience;
  record[slots.SLOT_MIN_DELTA] = s.minDelta;
  record[slots.SLOT_RESTORE_BEST] = s.restoreBest ? 1 : 0;
  record[slots.SLOT_SCHEDULE] = s.schedule.kind;
  record[slots.SLOT_SCHEDULE_FACTOR] = s.schedule.factor;
  record[slots.SLOT_SCHEDULE_EVERY] = s.schedule.every;
  record[slots.SLOT_SCHEDULE_FLOOR] = s.schedule.floor;
  record[slots.SLOT_SCHEDULE_MONITOR] = s.schedule.monitor;
  record[slots.SLOT_SCHEDULE_MIN_DELTA] = s.schedule.minDelta;
  record[slots.SLOT_CLIP_NORM] = s.clipNorm;
}
