// fit's options: their types, defaults and checks, read in small steps (the optimizer, the
// validation rows, early stopping, the learning rate and its schedule) into the FitSettings a fit
// runs on (src/fit-settings.ts writes them into the core's record). Pure: a rejected option never
// reaches a core.
import * as codes from '../assembly/codes.js';
import { OPTIMIZERS, MONITORS, SCHEDULES, type OptimizerName } from './names.js';
import { checkObject, checkName, checkNumber, checkInteger } from './checks.js';
import { typeError, rangeError } from './errors.js';
import type { Rows, Targets } from './data.js';
import { availableThreads, MAX_THREADS } from './platform.js';

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

const FIT_KEYS = [
  'learningRate', 'epochs', 'batchSize', 'shuffle', 'optimizer', 'l2', 'earlyStop', 'validationData',
  'validationSplit', 'clipNorm', 'onProgress', 'progressEvery', 'threads',
] as const;
const OPTIMIZER_KEYS = { sgd: ['name'], momentum: ['name', 'momentum'], adam: ['name', 'beta1', 'beta2', 'epsilon'] } as const;
const SCHEDULE_KEYS = {
  step: ['name', 'initial', 'factor', 'every'],
  exponential: ['name', 'initial', 'factor'],
  cosine: ['name', 'initial', 'floor', 'period'],
  plateau: ['name', 'initial', 'factor', 'patience', 'floor', 'minDelta', 'monitor'],
} as const;
const DEFAULT_LEARNING_RATE = { sgd: 0.1, momentum: 0.01, adam: 0.001 } as const;


function checkThreads(value: unknown): number {
  const expected = `an integer from 1 to ${MAX_THREADS}, or 'auto'`;
  if (typeof value !== 'number') throw typeError('threads', expected, value);
  if (!Number.isInteger(value) || value < 1 || value > MAX_THREADS) throw rangeError('threads', expected, value);
  return value;
}

export function parseFitOptions(options: unknown): FitSettings {
  const o = checkObject(options ?? {}, 'fit options', FIT_KEYS);
  const optimizer = parseOptimizer(o.optimizer);
  const epochs = o.epochs === undefined ? 1 : checkInteger('epochs', o.epochs, 1, 2 ** 31 - 1);
  const batchSize = o.batchSize === undefined ? 1 : checkInteger('batchSize', o.batchSize, 1, 2 ** 31 - 1);
  if (o.shuffle !== undefined && typeof o.shuffle !== 'boolean') throw typeError('shuffle', 'true or false', o.shuffle);
  const l2 = o.l2 === undefined ? 0 : checkNumber('l2', o.l2, 0, Number.MAX_VALUE);
  const validation = parseValidation(o.validationData, o.validationSplit);
  const monitor = monitorReader(validation.validationData !== undefined || validation.validationSplit > 0);
  const stop = parseEarlyStop(o.earlyStop, monitor);
  const { learningRate, schedule } = parseLearningRate(o.learningRate, DEFAULT_LEARNING_RATE[optimizer.name], epochs, monitor);
  const clipNorm = o.clipNorm === undefined ? 0 : checkNumber('clipNorm', o.clipNorm, 0, Number.MAX_VALUE, true);
  if (o.onProgress !== undefined && typeof o.onProgress !== 'function') throw typeError('onProgress', 'a function', o.onProgress);
  const progressEvery = o.progressEvery === undefined ? 1 : checkInteger('progressEvery', o.progressEvery, 1, 2 ** 31 - 1);
  const threads = o.threads === undefined ? 1 : o.threads === 'auto' ? availableThreads() : checkThreads(o.threads);
  return {
    epochs,
    batchSize,
    shuffle: o.shuffle === true,
    optimizer: OPTIMIZERS[optimizer.name],
    learningRate,
    schedule,
    momentum: optimizer.momentum,
    beta1: optimizer.beta1,
    beta2: optimizer.beta2,
    epsilon: optimizer.epsilon,
    l2,
    ...stop,
    clipNorm,
    ...validation,
    onProgress: o.onProgress as FitSettings['onProgress'],
    progressEvery,
    threads,
  };
}

// A name, or { name, ...its hyperparameters }, with the defaults of each
function parseOptimizer(given: unknown): { name: OptimizerName; momentum: number; beta1: number; beta2: number; epsilon: number } {
  const optimizer = { name: 'sgd' as OptimizerName, momentum: 0.9, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 };
  if (typeof given !== 'object' || given === null) {
    if (given !== undefined) optimizer.name = checkName('optimizer', given, OPTIMIZERS);
    return optimizer;
  }
  const named = { ...given } as Record<string, unknown>; // read once, as checkObject does
  optimizer.name = checkName('optimizer.name', named.name, OPTIMIZERS);
  const o = checkObject(named, `'${optimizer.name}' optimizer`, OPTIMIZER_KEYS[optimizer.name]);
  if (o.momentum !== undefined) optimizer.momentum = checkNumber('optimizer.momentum', o.momentum, 0, 1);
  if (o.beta1 !== undefined) optimizer.beta1 = checkNumber('optimizer.beta1', o.beta1, 0, 1);
  if (o.beta2 !== undefined) optimizer.beta2 = checkNumber('optimizer.beta2', o.beta2, 0, 1);
  if (o.epsilon !== undefined) optimizer.epsilon = checkNumber('optimizer.epsilon', o.epsilon, 0, 1, true);
  if (optimizer.beta1 === 1 || optimizer.beta2 === 1) throw rangeError('optimizer beta1 and beta2', 'below 1', 1);
  return optimizer;
}

// Validation rows: given, or a share split off the training rows (not both)
function parseValidation(data: unknown, split: unknown): Pick<FitSettings, 'validationData' | 'validationSplit'> {
  if (data !== undefined && split !== undefined) throw new TypeError('fit options: give validationData or validationSplit, not both');
  let validationData: ValidationData | undefined;
  if (data !== undefined) {
    const given = checkObject(data, 'validationData', ['inputs', 'targets']);
    validationData = { inputs: given.inputs as Rows, targets: given.targets as Targets };
  }
  const validationSplit = split === undefined ? 0 : checkNumber('validationSplit', split, 0, 1 - Number.EPSILON);
  return { validationData, validationSplit };
}

// Reads a metric's name into its code (default valLoss with validation rows, else loss); a
// validation metric needs validation rows.
type MonitorReader = (what: string, value: unknown) => number;
function monitorReader(validated: boolean): MonitorReader {
  const fallback: MonitorName = validated ? 'valLoss' : 'loss';
  return (what, value) => {
    const name = checkName(what, value ?? fallback, MONITORS);
    if ((name === 'valLoss' || name === 'valAccuracy') && !validated) {
      throw rangeError(what, "'loss' or 'accuracy' (a validation metric needs validationData or validationSplit)", name);
    }
    return MONITORS[name];
  };
}

type StopSettings = Pick<FitSettings, 'stopLoss' | 'stopAccuracy' | 'patience' | 'monitor' | 'minDelta' | 'restoreBest'>;

// The tutorial's thresholds, and early stopping with patience (see EarlyStopOptions)
function parseEarlyStop(given: unknown, monitor: MonitorReader): StopSettings {
  const stop: StopSettings = { stopLoss: NaN, stopAccuracy: NaN, patience: -1, monitor: monitor('earlyStop.monitor', undefined), minDelta: 0, restoreBest: true };
  if (given === undefined) return stop;
  const o = checkObject(given, 'earlyStop', ['loss', 'accuracy', 'patience', 'monitor', 'minDelta', 'restoreBest']);
  if (o.loss !== undefined) stop.stopLoss = checkNumber('earlyStop.loss', o.loss, 0, Number.MAX_VALUE);
  if (o.accuracy !== undefined) stop.stopAccuracy = checkNumber('earlyStop.accuracy', o.accuracy, 0, 1);
  if (o.patience === undefined) {
    const without = ['monitor', 'minDelta', 'restoreBest'].find((key) => o[key] !== undefined);
    if (without) throw typeError('earlyStop.patience', `an integer (earlyStop.${without} goes with it)`, undefined);
    return stop;
  }
  stop.patience = checkInteger('earlyStop.patience', o.patience, 0, 2 ** 31 - 1);
  stop.monitor = monitor('earlyStop.monitor', o.monitor);
  if (o.minDelta !== undefined) stop.minDelta = checkNumber('earlyStop.minDelta', o.minDelta, 0, Number.MAX_VALUE);
  if (o.restoreBest !== undefined && typeof o.restoreBest !== 'boolean') throw typeError('earlyStop.restoreBest', 'true or false', o.restoreBest);
  stop.restoreBest = o.restoreBest !== false;
  return stop;
}

// A number, or a schedule with its defaults (see LearningRateSchedule).
function parseLearningRate(
  given: unknown, defaultRate: number, epochs: number, monitor: MonitorReader,
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
    schedule.monitor = monitor('learningRate.monitor', o.monitor);
  }
  return { learningRate: initial, schedule };
}
