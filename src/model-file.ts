// A network with what turns raw rows into its inputs and its outputs into answers: the input
// columns and their scaling, and the target (class names, or value columns and their scaling). It
// is the model file the CLI writes (`neural-wasm train --out`), loaded with one call, and it
// predicts on raw rows exactly what `neural-wasm predict` prints: the same scaling, the same
// network outputs, the same class rule.
import type { ModelJSON } from './network-json.js';
import type { NeuralNetwork } from './network.js';
import { predictedClass } from './classes.js';
import { type Scaling, SCALING_METHODS, unscaled } from './scaling.js';
import { type Preprocessing, type RawRow, type Target, classProbabilities, outputWidth, rowInputs } from './preprocessing.js';
import { rangeError } from './errors.js';
import { disposableWithoutSymbol } from './platform.js';
import { encodedWidth, type Inputs } from './columns.js';

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

/** A class target's answer for one row: the class the network picks, and each class's probability (in target.classes' order). */
export interface ClassPrediction {
  class: string;
  probabilities: number[];
}

/** A class constructor with fromJSON: any of the library's NeuralNetwork classes. */
export interface NetworkLoader<N extends NeuralNetwork> {
  fromJSON(json: ModelJSON | string): Promise<N>;
}

export class Model<N extends NeuralNetwork = NeuralNetwork> {
  readonly network: N;
  readonly inputs: ModelFile['inputs'];
  readonly target: Target;
  readonly targetScaling: Scaling | null;
  readonly training: unknown;

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
  predict(row: RawRow): ClassPrediction | Float64Array;
  predict(rows: readonly RawRow[]): (ClassPrediction | Float64Array)[];
  predict(given: RawRow | readonly RawRow[]): ClassPrediction | Float64Array | (ClassPrediction | Float64Array)[] {
    const many = Array.isArray(given) && given.length > 0 && typeof given[0] === 'object' && given[0] !== null;
    const rows = (many ? given : [given]) as readonly RawRow[];
    const outputs = this.network.predict(rows.map((row, r) => rowInputs(this.inputs, row, many ? `rows[${r}]` : 'row'))) as Float64Array[];
    const answers = outputs.map((output) => this.#answer(output));
    return many ? answers : answers[0];
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
    if (target.kind === 'classes') return { class: target.classes[predictedClass(output)], probabilities: classProbabilities(output) };
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
