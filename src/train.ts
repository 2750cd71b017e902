// From a labelled table to a trained network, by the CLI's rules and defaults, for Model.train and
// the CLI alike (the CLI reads its CSV into the same table and runs these same steps, so the same
// rows and options give the same model, bit for bit): a seeded validation split (by class), the
// inputs and the target fitted on the training rows only (src/columns.ts), both sets encoded, the
// network and the fit planned from the options and these defaults, and the fit, with early stopping
// on the validation loss that keeps the best epoch's weights.
import type { ActivationName, InitName, LossName, OptimizerName } from './names.js';
import type { NetworkOptions, Precision } from './network-options.js';
import type { EarlyStopOptions, FitOptions, FitProgress, LearningRateSchedule } from './fit-options.js';
import type { FitResult } from './fit.js';
import type { NeuralNetwork } from './network.js';
import { TRAIN_DEFAULTS } from './train-defaults.js';
import { type ColumnChoice, type Inputs, type Table, InputEncoder, fitInputs, isMissing, tableValue } from './columns.js';
import { type Scaling, type ScalingMethod, SCALING_METHODS, fitScaling, scaled } from './scaling.js';
import {
  type Answer, type Encoded, type Preprocessing, type RawRow, type Target, type Task, TASKS,
  checkTypes, classTarget, columnNames, isClasses, outputLayer, readTable, readValues, rowValues, valueTarget,
} from './preprocessing.js';
import { classIndex, encodeClasses } from './classes.js';
import { splitRows } from './split.js';
import { checkInteger, checkNumber, checkObject, checkName } from './checks.js';
import { rangeError, shapeError, typeError, unknownName } from './errors.js';

/** What a missing input value becomes: the training rows' median or most frequent level (impute), its row left out (drop), or an error. */
export type MissingPolicy = 'impute' | 'drop' | 'error';
export const MISSING_POLICIES: readonly MissingPolicy[] = ['impute', 'drop', 'error'];

/** Model.train's options: every one has the CLI's default (TRAIN_DEFAULTS), and the CLI's flag of the same name. */
export interface TrainOptions {
  /** 'auto' (default: text answers, or at most 10 distinct integers, are classes), 'classification' or 'regression'. */
  task?: Task;
  /** Columns taken as 'numeric', 'categorical' or not at all ('ignore'), by name; the others by what they hold. */
  columns?: Readonly<Record<string, ColumnChoice>>;
  /** The target's name in the model file. Default: 'class', or 'value' (value1, value2, ... for several). */
  target?: string | readonly string[];
  /** A missing input value: 'impute' (default), 'drop' (the row is left out) or 'error'. Rows without an answer are left out. */
  missing?: MissingPolicy;
  /** The numeric inputs' scaling: 'standard' (default), 'minmax' or 'none'. */
  scaling?: ScalingMethod;
  /** Hidden layer sizes. Default [64]. */
  hidden?: readonly number[];
  /** The hidden layers' activation (the output layer's follows the target). Default 'tanh'. */
  activation?: ActivationName;
  init?: InitName;
  /** Default: the one that goes with the output layer. */
  loss?: LossName;
  dropout?: number | readonly number[];
  /** Seeds the split, the network and the shuffle. Default 1. */
  seed?: number;
  precision?: Precision;
  optimizer?: OptimizerName;
  learningRate?: number | LearningRateSchedule;
  epochs?: number;
  batchSize?: number;
  shuffle?: boolean;
  l2?: number;
  clipNorm?: number;
  /** The share of the rows held out (by class) to stop early on. Default 0.2; 0: every row trains. */
  validationSplit?: number;
  /** Epochs without a better validation loss before training stops, keeping the best epoch's weights. Default 20; null: every epoch runs. */
  patience?: number | null;
  minDelta?: number;
  restoreBest?: boolean;
  threads?: number | 'auto';
  onProgress?: (progress: FitProgress) => void | boolean;
  progressEvery?: number;
}

const OPTION_KEYS = [
  'task', 'columns', 'target', 'missing', 'scaling', 'hidden', 'activation', 'init', 'loss', 'dropout', 'seed', 'precision', 'optimizer',
  'learningRate', 'epochs', 'batchSize', 'shuffle', 'l2', 'clipNorm', 'validationSplit', 'patience', 'minDelta', 'restoreBest', 'threads',
  'onProgress', 'progressEvery',
];

/** Model.train's options read once and its own checked (the network's and the fit's are checked where they are used). */
export function readTrainOptions(options: unknown): TrainOptions {
  const o = checkObject(options ?? {}, 'Model.train options', OPTION_KEYS) as TrainOptions & Record<string, unknown>;
  if (o.task !== undefined && !TASKS.includes(o.task)) throw unknownName('Model.train options.task', o.task, TASKS);
  if (o.columns !== undefined) checkTypes('Model.train options.columns', o.columns);
  if (o.missing !== undefined) checkName('Model.train options.missing', o.missing, { impute: 0, drop: 0, error: 0 });
  if (o.scaling !== undefined && !SCALING_METHODS.includes(o.scaling)) throw unknownName('Model.train options.scaling', o.scaling, SCALING_METHODS);
  if (o.hidden !== undefined) {
    if (!Array.isArray(o.hidden)) throw typeError('Model.train options.hidden', 'an array of hidden layer sizes, such as [64] (or [] for none)', o.hidden);
    o.hidden.forEach((size, l) => checkInteger(`Model.train options.hidden[${l}]`, size, 1, 2 ** 20));
  }
  if (o.validationSplit !== undefined) checkNumber('Model.train options.validationSplit', o.validationSplit, 0, 0.95);
  if (o.patience !== undefined && o.patience !== null) checkInteger('Model.train options.patience', o.patience, 1, 2 ** 31 - 1);
  if (o.seed !== undefined) checkInteger('Model.train options.seed', o.seed, 0, Number.MAX_SAFE_INTEGER);
  return o;
}

/** A labelled table: its input columns (src/columns.ts), and each row's answer as a class code or values. */
export interface LabelledTable {
  table: Table;
  target: Target;
  /** Classes: each row's class, an index into target.classes (empty for values). */
  labels: Int32Array;
  /** Values: each row's, row-major, target.columns.length wide (null for classes). */
  values: Float64Array | null;
  /** Where a row came from, for messages: 'rows[3]', 'data.csv, line 5'. */
  rowName(row: number): string;
}

/** One set as the network takes it, and the table rows it holds. */
export interface EncodedSet {
  rows: Uint32Array;
  inputs: Encoded;
  targets: Encoded;
}

export interface PreparedTraining {
  preprocessing: Preprocessing;
  training: EncodedSet;
  validation: EncodedSet;
}

export interface SplitSettings {
  validationSplit: number;
  seed: number;
  scaling: ScalingMethod;
  /** The error for a value the training rows' scaling takes past the largest number (default: a RangeError naming it). */
  unscalable?: (row: number, column: string, value: number) => Error;
}

/**
 * Splits the rows (a seeded share of each class held out), fits the inputs and a values target's
 * scaling on the training rows, and encodes both sets.
 */
export function prepareTraining(data: LabelledTable, settings: SplitSettings): PreparedTraining {
  const { table, target } = data;
  const classes = target.kind === 'classes';
  const split = splitRows(table.rows, settings.validationSplit, settings.seed, classes ? data.labels : undefined);
  if (split.training.length === 0) throw rangeError('validationSplit', 'a share that leaves rows to train on', settings.validationSplit);
  const inputs = fitInputs(table, split.training, settings.scaling);
  const width = target.columns.length;
  const targetScaling = classes ? null : fitScaling({ data: pickRows(data.values!, width, split.training), shape: [split.training.length, width] }, settings.scaling);
  const unscalable = settings.unscalable ?? ((row, column, value) => rangeError(`${data.rowName(row)} '${column}'`, "a value the training rows' scaling takes to a finite number", value));
  const encode = (rows: Uint32Array): EncodedSet => ({
    rows,
    inputs: encodeTableRows(data, inputs, rows, unscalable),
    targets: classes ? encodeClasses(Int32Array.from(rows, (r) => data.labels[r]), target.classes.length) : scaledValues(data, targetScaling!, rows, unscalable),
  });
  return { preprocessing: { inputs, target, targetScaling }, training: encode(split.training), validation: encode(split.validation) };
}

/** A table's rows as a network's inputs, by fitted inputs. */
export function encodeTableRows(data: LabelledTable, inputs: Inputs, rows: Uint32Array, unscalable: NonNullable<SplitSettings['unscalable']>): Encoded {
  const encoder = new InputEncoder(inputs);
  const columns = inputs.columns.map((name) => data.table.columns.find((column) => column.name === name)!);
  const encoded = new Float64Array(rows.length * encoder.width);
  rows.forEach((row, i) => {
    const value = (c: number) => tableValue(columns[c], row);
    encoder.encode(value, encoded, i * encoder.width, (c) => `${data.rowName(row)} '${inputs.columns[c]}'`, (c) => unscalable(row, inputs.columns[c], value(c) as number));
  });
  return { data: encoded, shape: [rows.length, encoder.width] };
}

function scaledValues(data: LabelledTable, scaling: Scaling, rows: Uint32Array, unscalable: NonNullable<SplitSettings['unscalable']>): Encoded {
  const width = data.target.columns.length;
  const values = pickRows(data.values!, width, rows);
  for (let i = 0; i < values.length; i++) {
    const c = i % width;
    const value = scaled(values[i], scaling, c);
    if (!Number.isFinite(value)) throw unscalable(rows[Math.floor(i / width)], data.target.columns[c], values[i]);
    values[i] = value;
  }
  return { data: values, shape: [rows.length, width] };
}

function pickRows(values: Float64Array, width: number, rows: Uint32Array): Float64Array {
  const picked = new Float64Array(rows.length * width);
  rows.forEach((row, i) => picked.set(values.subarray(row * width, (row + 1) * width), i * width));
  return picked;
}

/** What to create and how to fit it. */
export interface TrainingPlan {
  network: NetworkOptions & { layers: number[]; activation: ActivationName[]; loss: LossName; init: InitName; seed: number };
  fit: Omit<FitOptions, 'validationData' | 'onProgress' | 'progressEvery' | 'threads'>;
}

/** The plan from the options and the defaults, for a table of `inputWidth` network inputs and this target. */
export function planTraining(options: TrainOptions, inputWidth: number, target: Target, validationRows: number): TrainingPlan {
  const output = outputLayer(target);
  const hidden = [...(options.hidden ?? TRAIN_DEFAULTS.hidden)];
  const hiddenActivation = options.activation ?? TRAIN_DEFAULTS.activation;
  const network: TrainingPlan['network'] = {
    layers: [inputWidth, ...hidden, output.units],
    activation: [...hidden.map(() => hiddenActivation), output.activation],
    loss: options.loss ?? output.loss,
    init: options.init ?? TRAIN_DEFAULTS.init,
    seed: options.seed ?? 1,
  };
  if (options.dropout !== undefined) network.dropout = options.dropout;
  if (options.precision !== undefined) network.precision = options.precision;
  const fit: TrainingPlan['fit'] = {
    optimizer: options.optimizer ?? TRAIN_DEFAULTS.optimizer,
    learningRate: options.learningRate ?? TRAIN_DEFAULTS.learningRate,
    epochs: options.epochs ?? TRAIN_DEFAULTS.epochs,
    batchSize: options.batchSize ?? TRAIN_DEFAULTS.batchSize,
    shuffle: options.shuffle ?? TRAIN_DEFAULTS.shuffle,
    l2: options.l2 ?? TRAIN_DEFAULTS.l2,
  };
  if (options.clipNorm !== undefined) fit.clipNorm = options.clipNorm;
  // patience on the validation loss, where there are validation rows
  const patience = options.patience === null ? undefined : (options.patience ?? (validationRows ? TRAIN_DEFAULTS.patience : undefined));
  if (patience !== undefined) {
    const earlyStop: EarlyStopOptions = { patience };
    if (options.minDelta !== undefined) earlyStop.minDelta = options.minDelta;
    if (options.restoreBest === false) earlyStop.restoreBest = false;
    fit.earlyStop = earlyStop;
  }
  return { network, fit };
}

/** How a Model.train went: its options, rows, the fit's end, and what became of the columns. */
export interface TrainingRecord {
  rows: { training: number; validation: number };
  /** Rows left out: without an answer, or with a missing input ('drop'). */
  dropped: { noAnswer: number; missingInput: number };
  /** Columns left out, and why ('ignored', 'id': nearly every value differs, 'empty'). */
  leftOut: Table['leftOut'];
  /** Missing values filled, by column. */
  filled: Record<string, number>;
  network: TrainingPlan['network'];
  fit: TrainingPlan['fit'];
  epochsRun: number;
  stopReason: FitResult['stopReason'];
  bestEpoch?: number;
}

/** A class that creates networks: neural-wasm's, /js's or /baseline's NeuralNetwork. */
export interface NetworkMaker<N extends NeuralNetwork> {
  create(options: NetworkOptions): Promise<N>;
}

/** Trains a network on a prepared table as planned; resolves to it, the fit's result and the record of it. */
export async function trainPrepared<N extends NeuralNetwork>(
  Network: NetworkMaker<N>, data: LabelledTable, prepared: PreparedTraining, plan: TrainingPlan, options: TrainOptions, dropped: TrainingRecord['dropped'],
  inWorker?: { signal?: AbortSignal },
): Promise<{ network: N; result: FitResult; record: TrainingRecord }> {
  const network = await Network.create(plan.network);
  const { training, validation } = prepared;
  const fit = {
    ...plan.fit,
    validationData: validation.rows.length ? { inputs: validation.inputs, targets: validation.targets } : undefined,
    threads: options.threads,
    onProgress: options.onProgress,
    progressEvery: options.progressEvery,
  };
  let result: FitResult;
  try {
    // fitAsync ends with fit's very weights: the same model, trained off the calling thread
    result = inWorker ? await network.fitAsync(training.inputs, training.targets, { ...fit, signal: inWorker.signal }) : network.fit(training.inputs, training.targets, fit);
  } catch (error) {
    network.dispose();
    throw error;
  }
  const filled: Record<string, number> = {};
  for (const column of data.table.columns) if (column.missing) filled[column.name] = column.missing;
  const record: TrainingRecord = {
    rows: { training: training.rows.length, validation: validation.rows.length },
    dropped,
    leftOut: data.table.leftOut,
    filled,
    network: plan.network,
    fit: plan.fit,
    epochsRun: result.epochs,
    stopReason: result.stopReason,
  };
  if (result.bestEpoch !== undefined) record.bestEpoch = result.bestEpoch;
  return { network, result, record };
}

/** Raw rows and their answers as a labelled table (src/columns.ts's rules), rows without an answer left out. */
export function labelledRows(rows: readonly RawRow[], answers: readonly Answer[], options: TrainOptions): { data: LabelledTable; dropped: TrainingRecord['dropped'] } {
  if (!Array.isArray(rows) || rows.length === 0) throw typeError('Model.train rows', 'a non-empty array of rows', rows);
  if (!Array.isArray(answers)) throw typeError('Model.train answers', 'an array with one answer per row', answers);
  if (answers.length !== rows.length) throw shapeError('Model.train answers', `one answer per row (${rows.length})`, `${answers.length}`);
  const names = columnNames(rows[0], 'Model.train rows[0]');
  const types = options.columns ?? {};
  const dropped = { noAnswer: 0, missingInput: 0 };
  const missing = options.missing ?? 'impute';
  const kept: number[] = [];
  rows.forEach((row, r) => {
    if (isMissingAnswer(answers[r])) return void dropped.noAnswer++;
    if (missing !== 'impute') {
      const values = rowValues(row, names, `Model.train rows[${r}]`);
      const gap = names.findIndex((name, c) => types[name] !== 'ignore' && isMissing(values(c)));
      if (gap >= 0 && missing === 'error') throw typeError(`Model.train rows[${r}] '${names[gap]}'`, "a value (options.missing is 'error')", values(gap));
      if (gap >= 0) return void dropped.missingInput++;
    }
    kept.push(r);
  });
  if (kept.length === 0) throw rangeError('Model.train rows', 'at least one row with an answer and every input', `none of ${rows.length}`);
  const keptRows = kept.map((r) => rows[r]);
  const keptAnswers = kept.map((r) => answers[r]);
  const table = readTable(names, keptRows, options.columns, 'Model.train rows');
  const classes = isClasses(keptAnswers, options.task ?? 'auto');
  const target = classes ? classTarget(keptAnswers, options.target, 'Model.train') : valueTarget(keptAnswers, options.target, 'Model.train');
  const labels = target.kind === 'classes' ? Int32Array.from(keptAnswers, (answer) => classIndex(target, answer as string | number)!) : new Int32Array(0);
  const values = target.kind === 'values' ? readValues(target, keptAnswers, 'Model.train answers').data : null;
  return { data: { table, target, labels, values, rowName: (row) => `Model.train rows[${kept[row]}]` }, dropped };
}

// an answer that is not there: null, undefined, NaN, or text such as '' or 'NA'
function isMissingAnswer(answer: Answer | null | undefined): boolean {
  return answer === null || answer === undefined || ((typeof answer === 'number' || typeof answer === 'string') && isMissing(answer));
}
