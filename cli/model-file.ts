// The CLI's model file: the library's ModelJSON (under `network`, loadable by
// NeuralNetwork.fromJSON as it is) plus what turns CSV rows into network inputs and network outputs
// into answers: the input columns and their scaling, and the target's classes or value scaling.
import type { ModelJSON, NeuralNetwork } from 'neural-wasm';
import type { NetworkClass } from './backend';
import { type Scaling, SCALING_METHODS, applyScaling } from './normalize';
import { type CsvTable, columnIndex, numericColumns } from './csv';
import { type Target, outputWidth } from './target';
import { readText, writeFileAtomic } from './files';
import { DataError } from './errors';

export const MODEL_FILE_FORMAT = 'neural-wasm-cli';
export const MODEL_FILE_VERSION = 1;

export interface TrainingSummary {
  /** The data set's name or file name (without its folder). */
  data: string;
  rows: { training: number; validation: number };
  optimizer: string;
  learningRate: number;
  /** Epochs asked for, and run (fewer when training stopped early: see stopReason). */
  epochs: number;
  batchSize: number;
  shuffle: boolean;
  l2: number;
  epochsRun: number;
  stopReason: string;
}

export interface ModelFile {
  format: typeof MODEL_FILE_FORMAT;
  version: typeof MODEL_FILE_VERSION;
  inputs: { columns: string[]; scaling: Scaling };
  target: Target;
  /** A values target's scaling: outputs are mapped back through it. Null for classes. */
  targetScaling: Scaling | null;
  network: ModelJSON;
  training: TrainingSummary;
}

/** One line per top-level key: readable at a glance, and the weights stay compact. */
export function writeModelFile(path: string, model: ModelFile): void {
  const lines = Object.entries(model).map(([key, value]) => ` ${JSON.stringify(key)}: ${JSON.stringify(value)}`);
  writeFileAtomic(path, `{\n${lines.join(',\n')}\n}\n`);
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

/** A table's rows as the model's network inputs: its input columns, by name, scaled as in training. */
export function modelInputs(table: CsvTable, model: ModelFile): number[][] {
  const columns = model.inputs.columns.map((name) => columnIndex(table, name, "one of the model's inputs"));
  return applyScaling(numericColumns(table, columns), model.inputs.scaling);
}
