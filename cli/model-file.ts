// The CLI's model file: the library's ModelJSON (under `network`, loadable by
// NeuralNetwork.fromJSON as it is) plus what turns CSV rows into network inputs and network outputs
// into answers: the input columns and their scaling, and the target's classes or value scaling.
import type { EarlyStopOptions, ModelJSON, NeuralNetwork } from 'neural-wasm';
import type { FitPlan } from './train-plan';
import type { NetworkClass } from '../shared/backends';
import { type Scaling, SCALING_METHODS } from './normalize';
import { NumberColumns, columnIndex } from './csv';
import { type Target, outputWidth } from './target';
import { readText } from './files';
import { writeFileAtomic } from './atomic-file';
import { DataError } from './errors';

export const MODEL_FILE_FORMAT = 'neural-wasm-cli';
export const MODEL_FILE_VERSION = 1;

/** The fit's options (`epochs`: asked for), then how it went. */
export interface TrainingSummary extends FitPlan {
  /** The data set's name or file name (without its folder). */
  data: string;
  rows: { training: number; validation: number };
  earlyStop?: EarlyStopOptions;
  /** Epochs run: fewer than asked when training stopped early (see stopReason). */
  epochsRun: number;
  stopReason: string;
  /** With patience: the epoch whose weights the model has (unless earlyStop.restoreBest is false). */
  bestEpoch?: number;
}

export interface ModelFile {
  format: typeof MODEL_FILE_FORMAT;
  version: typeof MODEL_FILE_VERSION;
  inputs: { columns: string[]; scaling: Scaling };
  target: Target;
  /** A values target's scaling: outputs are mapped back through it. Null for classes. */
  targetScaling: Scaling | null;
  network: ModelJSON;
  /** Shown, never used: a file read back may hold anything here (see trainedOn). */
  training: TrainingSummary;
}

/** One line per top-level key: readable at a glance, and the weights stay compact. */
export async function writeModelFile(path: string, model: ModelFile): Promise<void> {
  const lines = Object.entries(model).map(([key, value]) => ` ${JSON.stringify(key)}: ${JSON.stringify(value)}`);
  await writeFileAtomic(path, `{\n${lines.join(',\n')}\n}\n`);
}

/** The data set the model was trained on, when the file says so plainly (training metadata is only shown). */
export function trainedOn(model: ModelFile): string | undefined {
  const training: unknown = model.training;
  return isObject(training) && typeof training.data === 'string' && training.data !== '' ? training.data : undefined;
}

/** Reads and checks a model file, and builds its network on the given backend. */
export async function loadModelFile(path: string, Network: NetworkClass): Promise<{ model: ModelFile; net: NeuralNetwork }> {
  const text = readText(path);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new DataError(`${path}: not a neural-wasm model file (not JSON: ${(error as Error).message})`);
  }
  const model = checkModelFile(json, path);
  try {
    return { model, net: await Network.fromJSON(model.network) };
  } catch (error) {
    throw new DataError(`${path}: not a valid model file: ${(error as Error).message}`);
  }
}

function checkModelFile(json: unknown, path: string): ModelFile {
  const fail = (problem: string) => new DataError(`${path}: not a neural-wasm model file (${problem})`);
  if (!isObject(json)) throw fail('expected a JSON object');
  if (json.format === 'neural-wasm') {
    throw fail('this is a bare network from toJSON(); predict and evaluate need the file `neural-wasm train --out` writes, which also names the columns');
  }
  if (json.format !== MODEL_FILE_FORMAT) throw fail(`expected "format": "${MODEL_FILE_FORMAT}"`);
  if (json.version !== MODEL_FILE_VERSION) throw fail(`expected "version": ${MODEL_FILE_VERSION}, got ${JSON.stringify(json.version)}`);
  const { inputs, target, targetScaling, network } = json;
  if (!isObject(inputs) || !isNames(inputs.columns)) throw fail('inputs.columns must be a list of column names');
  checkScaling(inputs.scaling, inputs.columns.length, 'inputs.scaling', fail);
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
    checkScaling(targetScaling, target.columns.length, 'targetScaling', fail);
  } else {
    throw fail(`target.kind must be "classes" or "values"`);
  }
  if (!isObject(network) || !Array.isArray(network.layers)) throw fail('network must be a model from toJSON()');
  const [inputCount, outputCount] = [network.layers[0], network.layers.at(-1)];
  if (inputCount !== inputs.columns.length) throw fail(`the network takes ${inputCount} inputs but ${inputs.columns.length} input columns are named`);
  const width = outputWidth(target as Target);
  if (outputCount !== width) throw fail(`the network has ${outputCount} outputs but its target needs ${width}`);
  return json as unknown as ModelFile;
}

function checkScaling(value: unknown, width: number, what: string, fail: (problem: string) => Error): void {
  const ok =
    isObject(value) &&
    SCALING_METHODS.includes(value.method as Scaling['method']) &&
    [value.offset, value.scale].every((list) => Array.isArray(list) && list.length === width && list.every(Number.isFinite)) &&
    (value.scale as number[]).every((s) => s > 0);
  if (!ok) throw fail(`${what} must give a method and ${width} offsets and positive scales`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNames(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((name) => typeof name === 'string');
}

/** Reads a table's rows as the model's network inputs: its input columns by name, scaled as in training. */
export function modelInputs(source: string, header: readonly string[], model: ModelFile): NumberColumns {
  const { columns, scaling } = model.inputs;
  return new NumberColumns(source, columns, columns.map((name) => columnIndex(header, name, "one of the model's inputs", source)), scaling);
}
