// A network with what turns raw rows into its inputs and its outputs into answers: the input
// columns and their scaling, and the target (class names, or value columns and their scaling). It
// is the model file the CLI writes (`neural-wasm train --out`), loaded with one call, and it
// predicts on raw rows exactly what `neural-wasm predict` prints: the same scaling, the same
// network outputs, the same class rule.
import type { ModelJSON } from './network-json.js';
import type { NeuralNetwork } from './network.js';
import { classIndex, predictedClass } from './classes.js';
import { type Scaling, SCALING_METHODS, unscaled } from './scaling.js';
import {
  type Answer, type Encoded, type Preprocessing, type RawRow, type Target, classProbabilities, encodeAnswers, encodeRows, outputWidth, readValues, rowInputs,
} from './preprocessing.js';
import { rangeError, typeError } from './errors.js';
import { type NetworkMaker, type TrainOptions, labelledRows, planTraining, prepareTraining, readTrainOptions, trainPrepared } from './train.js';
import { TRAIN_DEFAULTS } from './train-defaults.js';
import type { FitOptions } from './fit-options.js';
import type { FitResult } from './fit.js';
import { disposableWithoutSymbol } from './platform.js';
import { type Inputs, type RawValue, encodedWidth, isMissing } from './columns.js';

export const MODEL_FILE_FORMAT = 'neural-wasm-model';
export const MODEL_FILE_VERSION = 1;
// the name model files had before the library read them (same structure): still read
const CLI_FORMAT = 'neural-wasm-cli';

/** The model file: the network's ModelJSON with its preprocessing. */
export interface ModelFile extends Preprocessing {
  format: typeof MODEL_FILE_FORMAT;
  version: typeof MODEL_FILE_VERSION;
  network: ModelJSON;
  /** How it was trained: shown, never used (a file read back may hold anything here). */
  training?: unknown;
}

/**
 * A class target's answer for one row: the class the network picks (a number where the classes
 * were given as numbers), and each class's probability (in target.classes' order).
 */
export interface ClassPrediction<C extends string | number = string | number> {
  class: C;
  probabilities: number[];
}

/** What a model predicts for one row: a class (with probabilities), or values in the target's units. */
export type Prediction = ClassPrediction | Float64Array;

/** Model#evaluate of a class model: accuracy, mean loss, and the confusion matrix (rows: true class, columns: predicted) in `classes`' order. */
export interface ClassEvaluation {
  accuracy: number;
  loss: number;
  confusion: number[][];
  classes: string[];
}

/** Model#evaluate of a values model, in the target's units: over all its columns, and by column. */
export interface ValueEvaluation {
  rmse: number;
  mae: number;
  /** 1 - the squared error over the squared deviation from the answers' mean (1: every value right). */
  r2: number;
  loss: number;
  columns: { column: string; rmse: number; mae: number; r2: number }[];
}

/** A class constructor with fromJSON: any of the library's NeuralNetwork classes. */
export interface NetworkLoader<N extends NeuralNetwork> {
  fromJSON(json: ModelJSON | string): Promise<N>;
}

export class Model<N extends NeuralNetwork = NeuralNetwork, P extends Prediction = Prediction> {
  readonly network: N;
  readonly inputs: ModelFile['inputs'];
  readonly target: Target;
  readonly targetScaling: Scaling | null;
  readonly training: unknown;

  /**
   * Raw rows to a model in one call, by the CLI's rules and defaults (src/train.ts: columns typed,
   * missing values filled, a validation split by class, early stopping): the same rows and options
   * give the model `neural-wasm train` gives, bit for bit. Rows without an answer are left out.
   */
  static train<N extends NeuralNetwork>(Network: NetworkMaker<N>, rows: readonly RawRow[], answers: readonly string[], options?: TrainOptions): Promise<Model<N, ClassPrediction<string>>>;
  static train<N extends NeuralNetwork>(Network: NetworkMaker<N>, rows: readonly RawRow[], answers: readonly number[], options: TrainOptions & { task: 'classification' }): Promise<Model<N, ClassPrediction<number>>>;
  static train<N extends NeuralNetwork>(Network: NetworkMaker<N>, rows: readonly RawRow[], answers: readonly Answer[], options: TrainOptions & { task: 'regression' }): Promise<Model<N, Float64Array>>;
  static train<N extends NeuralNetwork>(Network: NetworkMaker<N>, rows: readonly RawRow[], answers: readonly Answer[], options?: TrainOptions): Promise<Model<N>>;
  static async train<N extends NeuralNetwork>(Network: NetworkMaker<N>, rows: readonly RawRow[], answers: readonly Answer[], options?: TrainOptions): Promise<Model<N>> {
    return Model.#train(Network, rows, answers, options);
  }

  /**
   * Model.train with the fit in a worker (fitAsync: a Web Worker, or a worker_threads worker), so
   * the page or the event loop stays free; the same model. `signal` stops it after the epoch in
   * progress, with the best (or the last) epoch's weights.
   */
  static trainAsync<N extends NeuralNetwork>(Network: NetworkMaker<N>, rows: readonly RawRow[], answers: readonly string[], options?: TrainOptions & { signal?: AbortSignal }): Promise<Model<N, ClassPrediction<string>>>;
  static trainAsync<N extends NeuralNetwork>(Network: NetworkMaker<N>, rows: readonly RawRow[], answers: readonly number[], options: TrainOptions & { task: 'classification'; signal?: AbortSignal }): Promise<Model<N, ClassPrediction<number>>>;
  static trainAsync<N extends NeuralNetwork>(Network: NetworkMaker<N>, rows: readonly RawRow[], answers: readonly Answer[], options: TrainOptions & { task: 'regression'; signal?: AbortSignal }): Promise<Model<N, Float64Array>>;
  static trainAsync<N extends NeuralNetwork>(Network: NetworkMaker<N>, rows: readonly RawRow[], answers: readonly Answer[], options?: TrainOptions & { signal?: AbortSignal }): Promise<Model<N>>;
  static async trainAsync<N extends NeuralNetwork>(Network: NetworkMaker<N>, rows: readonly RawRow[], answers: readonly Answer[], options?: TrainOptions & { signal?: AbortSignal }): Promise<Model<N>> {
    const { signal, ...rest } = (options ?? {}) as TrainOptions & { signal?: AbortSignal };
    // checked before anything is made, as every other option is
    if (signal !== undefined && !(typeof AbortSignal === 'function' && signal instanceof AbortSignal)) throw typeError('Model.trainAsync options.signal', 'an AbortSignal', signal);
    return Model.#train(Network, rows, answers, rest, { signal });
  }

  static async #train<N extends NeuralNetwork>(Network: NetworkMaker<N>, rows: readonly RawRow[], answers: readonly Answer[], options: TrainOptions | undefined, inWorker?: { signal?: AbortSignal }): Promise<Model<N>> {
    const settings = readTrainOptions(options);
    const { data, dropped } = labelledRows(rows, answers, settings);
    const prepared = prepareTraining(data, {
      validationSplit: settings.validationSplit ?? TRAIN_DEFAULTS.validationSplit,
      seed: settings.seed ?? 1,
      scaling: settings.scaling ?? TRAIN_DEFAULTS.scaling,
    });
    const { inputs, target } = prepared.preprocessing;
    const plan = planTraining(settings, encodedWidth(inputs), target, prepared.validation.rows.length);
    const { network, record } = await trainPrepared(Network, data, prepared, plan, settings, dropped, inWorker);
    return new Model(network, { ...prepared.preprocessing, training: record });
  }

  /** The model file's object or JSON text (a CLI model file too), its network made with `Network` (any build). */
  static async fromJSON<N extends NeuralNetwork>(Network: NetworkLoader<N>, json: unknown): Promise<Model<N>> {
    const file = checkModelFile(typeof json === 'string' ? parseJson(json) : json);
    let network: N;
    try {
      network = await Network.fromJSON(file.network);
    } catch (error) {
      throw notAModel(`network: ${(error as Error).message}`);
    }
    return new Model(network, file);
  }

  /** A network and its preprocessing (fitPreprocessing's, or a model file's), checked against each other: the widths, the names. */
  constructor(network: N, description: Preprocessing & { training?: unknown }) {
    const { inputs, target, targetScaling } = checkModelFile({
      format: MODEL_FILE_FORMAT, version: MODEL_FILE_VERSION, ...description, network: { layers: network.layers },
    });
    this.network = network;
    this.inputs = inputs;
    this.target = target;
    this.targetScaling = targetScaling;
    this.training = description.training;
  }

  /**
   * Predicts on raw rows (in the input columns' units, as the CSV file had them): for classes, the
   * class and the probabilities; for values, each target column's value in its own units.
   */
  predict(row: RawRow): P;
  predict(rows: readonly RawRow[]): P[];
  predict(given: RawRow | readonly RawRow[]): P | P[] {
    const many = Array.isArray(given) && given.length > 0 && typeof given[0] === 'object' && given[0] !== null;
    const rows = (many ? given : [given]) as readonly RawRow[];
    const outputs = this.network.predict(rows.map((row, r) => rowInputs(this.inputs, row, many ? `rows[${r}]` : 'row'))) as Float64Array[];
    const answers = outputs.map((output) => this.#answer(output) as P);
    return many ? answers : answers[0];
  }

  /**
   * How well the model does on labelled raw rows: for classes the accuracy, the mean loss and the
   * confusion matrix; for values the RMSE, the mean absolute error and R², in the target's units.
   */
  evaluate(rows: readonly RawRow[], answers: readonly Answer[]): P extends Float64Array ? ValueEvaluation : P extends ClassPrediction ? ClassEvaluation : ClassEvaluation | ValueEvaluation {
    const { inputs, targets } = this.#labelled(rows, answers, 'Model#evaluate');
    const { loss, accuracy } = this.network.evaluate(inputs, targets);
    const outputs = this.network.predict(inputs) as Float64Array[];
    const { target } = this;
    if (target.kind === 'classes') {
      const confusion = target.classes.map(() => new Array<number>(target.classes.length).fill(0));
      outputs.forEach((output, r) => confusion[classIndex(target, answers[r] as string | number)!][predictedClass(output)]++);
      return { accuracy, loss, confusion, classes: [...target.classes] } as never;
    }
    const width = target.columns.length;
    const truth = readValues(target, answers, 'Model#evaluate answers').data;
    const columns = target.columns.map((column, c) => {
      let [squares, absolute, mean, deviation] = [0, 0, 0, 0];
      for (let r = 0; r < outputs.length; r++) mean += truth[r * width + c] / outputs.length;
      outputs.forEach((output, r) => {
        const error = unscaled(output[c], this.targetScaling!, c) - truth[r * width + c];
        squares += error * error;
        absolute += Math.abs(error);
        deviation += (truth[r * width + c] - mean) ** 2;
      });
      const n = outputs.length;
      return { column, rmse: Math.sqrt(squares / n), mae: absolute / n, r2: deviation > 0 ? 1 - squares / deviation : squares === 0 ? 1 : 0 };
    });
    const average = (key: 'rmse' | 'mae' | 'r2') => columns.reduce((sum, column) => sum + column[key], 0) / columns.length;
    return { rmse: average('rmse'), mae: average('mae'), r2: average('r2'), loss, columns } as never;
  }

  /**
   * Goes on training the network on more labelled raw rows, through the preprocessing it has (fitted
   * on the first training rows, kept as it is): `options` are fit's. Rows without an answer are left out.
   */
  fit(rows: readonly RawRow[], answers: readonly Answer[], options: FitOptions = {}): FitResult {
    const { inputs, targets } = this.#labelled(rows, answers, 'Model#fit');
    return this.network.fit(inputs, targets, options);
  }

  // rows and answers as the network takes them; rows without an answer left out
  #labelled(rows: readonly RawRow[], answers: readonly Answer[], call: string): { inputs: Encoded; targets: Encoded } {
    if (!Array.isArray(rows)) throw typeError(`${call} rows`, 'an array of rows', rows);
    if (!Array.isArray(answers) || answers.length !== rows.length) throw typeError(`${call} answers`, `an array with one answer per row (${rows.length})`, answers);
    const kept = rows.flatMap((_, r) => (isMissing(answers[r] as RawValue) ? [] : [r]));
    if (kept.length === 0) throw rangeError(`${call} answers`, 'at least one answer', `none of ${answers.length}`);
    const preprocessing = { inputs: this.inputs, target: this.target, targetScaling: this.targetScaling };
    return {
      inputs: encodeRows(preprocessing, kept.map((r) => rows[r])),
      targets: encodeAnswers(preprocessing, kept.map((r) => answers[r])),
    };
  }

  /** Disposes of the network: its core memory is freed, and any later call throws. */
  dispose(): void {
    this.network.dispose();
  }

  /** dispose(), for `using model = await Model.fromJSON(...)`: freed at the end of the block. */
  [Symbol.dispose](): void {
    this.dispose();
  }

  /** The model file: what fromJSON reads and the CLI's predict and evaluate take. */
  toJSON(): ModelFile {
    const file: ModelFile = {
      format: MODEL_FILE_FORMAT,
      version: MODEL_FILE_VERSION,
      inputs: this.inputs,
      target: this.target,
      targetScaling: this.targetScaling,
      network: this.network.toJSON(),
    };
    if (this.training !== undefined) file.training = this.training;
    return file;
  }

  #answer(output: Float64Array): ClassPrediction | Float64Array {
    const { target, targetScaling } = this;
    if (target.kind === 'classes') {
      const name = target.classes[predictedClass(output)];
      return { class: target.numbers ? Number(name) : name, probabilities: classProbabilities(output) };
    }
    return output.map((y, c) => {
      const value = unscaled(y, targetScaling!, c);
      // as the CLI's predict: a row far outside the training rows can give a value past the largest double
      if (!Number.isFinite(value)) throw rangeError(`the predicted '${target.columns[c]}'`, 'a finite number (the row is too far outside the range of the training rows)', value);
      return value;
    });
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw notAModel(`not JSON: ${(error as Error).message}`);
  }
}

function notAModel(problem: string): TypeError {
  return new TypeError(`not a neural-wasm model file (${problem})`);
}

/**
 * Checks a model file's object (this format, or the CLI's earlier name for it): every part there
 * and of the right form, names unique, the widths of the columns, the target and the network in
 * agreement. Throws a TypeError `not a neural-wasm model file (...)` naming the first problem.
 */
export function checkModelFile(json: unknown): ModelFile {
  const fail = notAModel;
  if (!isObject(json)) throw fail('expected a JSON object');
  if (json.format === 'neural-wasm') {
    throw fail('this is a bare network from toJSON(); a model file also names the columns (neural-wasm train --out writes one)');
  }
  if (json.format !== MODEL_FILE_FORMAT && json.format !== CLI_FORMAT) throw fail(`expected "format": "${MODEL_FILE_FORMAT}"`);
  if (json.version !== MODEL_FILE_VERSION) throw fail(`expected "version": ${MODEL_FILE_VERSION}, got ${JSON.stringify(json.version)}`);
  const { inputs, target, targetScaling, network } = json;
  if (!isObject(inputs) || !isNames(inputs.columns)) throw fail('inputs.columns must be a list of column names');
  checkScaling(inputs.scaling, inputs.columns.length, 'inputs.scaling');
  checkColumnTypes(inputs as { columns: string[] } & Record<string, unknown>);
  if (!isObject(target) || !isNames(target.columns) || target.columns.length === 0) throw fail('target.columns must be a list of column names');
  // a name twice would read one column for two inputs, or make two classes one
  for (const [list, what] of [[inputs.columns, 'inputs.columns'], [target.columns, 'target.columns'], [target.classes, 'target.classes']] as const) {
    const twice = isNames(list) ? list.find((name, i) => list.indexOf(name) !== i) : undefined;
    if (twice !== undefined) throw fail(`${what} names ${JSON.stringify(twice)} twice`);
  }
  const both = inputs.columns.find((name) => (target.columns as string[]).includes(name));
  if (both !== undefined) throw fail(`column ${JSON.stringify(both)} is both an input and the target`);
  if (target.kind === 'classes') {
    if (!isNames(target.classes) || target.classes.length < 2) throw fail('target.classes must be a list of at least 2 class names');
    if (targetScaling !== null) throw fail('targetScaling must be null for classes');
  } else if (target.kind === 'values') {
    checkScaling(targetScaling, target.columns.length, 'targetScaling');
  } else {
    throw fail(`target.kind must be "classes" or "values"`);
  }
  if (!isObject(network) || !Array.isArray(network.layers)) throw fail('network must be a model from toJSON()');
  const [inputCount, outputCount] = [network.layers[0], network.layers.at(-1)];
  const inputWidth = encodedWidth(inputs as unknown as Inputs);
  if (inputCount !== inputWidth) {
    const named = inputWidth === inputs.columns.length ? `${inputs.columns.length} input columns are named` : `its input columns make ${inputWidth} inputs`;
    throw fail(`the network takes ${inputCount} inputs but ${named}`);
  }
  const width = outputWidth(target as Target);
  if (outputCount !== width) throw fail(`the network has ${outputCount} outputs but its target needs ${width}`);
  return json as unknown as ModelFile;
}

// types, levels and fill: absent in a file made before column types (every column numeric, a
// missing value refused); else one of each per column, a categorical column's fill one of its levels
function checkColumnTypes(inputs: { columns: string[] } & Record<string, unknown>): void {
  const { columns, types, levels, fill } = inputs;
  if (types === undefined && levels === undefined && fill === undefined) return;
  const width = columns.length;
  if (!Array.isArray(types) || types.length !== width || !types.every((type) => type === 'numeric' || type === 'categorical')) {
    throw notAModel(`inputs.types must give 'numeric' or 'categorical' for each of the ${width} columns`);
  }
  if (!Array.isArray(levels) || levels.length !== width) throw notAModel(`inputs.levels must give a list of levels (or null) for each of the ${width} columns`);
  if (!Array.isArray(fill) || fill.length !== width) throw notAModel(`inputs.fill must give the value of a missing cell for each of the ${width} columns`);
  types.forEach((type, c) => {
    const what = `column ${JSON.stringify(columns[c])}`;
    if (type === 'numeric') {
      if (levels[c] !== null) throw notAModel(`inputs.levels of numeric ${what} must be null`);
      if (typeof fill[c] !== 'number' || !Number.isFinite(fill[c])) throw notAModel(`inputs.fill of numeric ${what} must be a finite number`);
      return;
    }
    const own = levels[c];
    if (!isNames(own) || own.length === 0) throw notAModel(`inputs.levels of categorical ${what} must be a non-empty list of levels`);
    const twice = own.find((level, i) => own.indexOf(level) !== i);
    if (twice !== undefined) throw notAModel(`inputs.levels of ${what} names ${JSON.stringify(twice)} twice`);
    if (!own.includes(fill[c] as string)) throw notAModel(`inputs.fill of categorical ${what} must be one of its levels`);
  });
}

function checkScaling(value: unknown, width: number, what: string): void {
  const ok =
    isObject(value) &&
    SCALING_METHODS.includes(value.method as Scaling['method']) &&
    [value.offset, value.scale].every((list) => Array.isArray(list) && list.length === width && list.every(Number.isFinite)) &&
    (value.scale as number[]).every((s) => s > 0);
  if (!ok) throw notAModel(`${what} must give a method and ${width} offsets and positive scales`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNames(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((name) => typeof name === 'string');
}

disposableWithoutSymbol(Model.prototype);
