// A network's JSON (toJSON, fromJSON; the type ModelJSON): a plain object with a version, the
// create options and the weights; src/model-file.ts's model file holds one. Weights are
// JSON numbers, which JS writes in the shortest form that reads back to the same double, so they
// round-trip bit-exactly through JSON text (-0 is stored as 0; the core never holds -0, see
// network.ts). `weights[l]` is [layers[l]][layers[l+1]] as nested rows, as the tutorial's arrays.
import type { ActivationName, LossName, InitName } from './names.js';
import { checkNetworkConfig, type NetworkConfig, type Precision } from './network-options.js';
import { readTable, readFlat, isArrayOfRows, plural } from './data.js';
import { typeError, rangeError, shapeError, unknownKey } from './errors.js';
import { paramLayout } from './layout.js';
import { newRealArray, type RealArray } from './core.js';

export const MODEL_FORMAT = 'neural-wasm';
export const MODEL_VERSION = 1;

export interface ModelJSON {
  format: typeof MODEL_FORMAT;
  version: typeof MODEL_VERSION;
  layers: number[];
  activation: ActivationName[];
  loss: LossName;
  init: InitName;
  seed: number;
  /** The generator's state, so shuffling continues where it left off. */
  rngState: [number, number, number, number];
  weights: number[][][];
  biases: number[][];
  /** The hidden layers' dropout rates: only in the files of networks that drop out. */
  dropout?: number[];
  /** 'f32' for a network created with precision 'f32' (its weights are float32 values); absent for 'f64'. */
  precision?: Precision;
}

export interface LoadedModel {
  config: NetworkConfig;
  params: RealArray;
  rngState: [number, number, number, number];
}

const MODEL_KEYS = ['format', 'version', 'layers', 'activation', 'loss', 'init', 'seed', 'rngState', 'weights', 'biases'];
// keys a file may leave out: a network without dropout writes none, an f64 one no precision, as
// files did before them
const OPTIONAL_KEYS = ['dropout', 'precision'];

export function toModelJSON(config: NetworkConfig, params: RealArray, rngState: ModelJSON['rngState']): ModelJSON {
  const weights: number[][][] = [];
  const biases: number[][] = [];
  for (const { w, b, inSize, outSize } of paramLayout(config.layers)) {
    const rows: number[][] = [];
    for (let i = 0; i < inSize; i++) rows.push(Array.from(params.subarray(w + i * outSize, w + (i + 1) * outSize)));
    weights.push(rows);
    biases.push(Array.from(params.subarray(b, b + outSize)));
  }
  const model: ModelJSON = {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    layers: [...config.layers],
    activation: [...config.activation],
    loss: config.loss,
    init: config.init,
    seed: config.seed,
    rngState: [...rngState],
    weights,
    biases,
  };
  if (config.dropout.some((rate) => rate > 0)) model.dropout = [...config.dropout];
  if (config.precision !== 'f64') model.precision = config.precision;
  return model;
}

/** Checks a model object (or its JSON text) completely before anything is built from it. */
export function parseModelJSON(json: unknown): LoadedModel {
  let model = json;
  if (typeof json === 'string') {
    try {
      model = JSON.parse(json);
    } catch (error) {
      throw new SyntaxError(`model JSON text does not parse: ${(error as Error).message}`);
    }
  }
  if (typeof model !== 'object' || model === null || Array.isArray(model)) {
    throw typeError('a model', `an object from toJSON() (or its JSON text)`, model);
  }
  const m = model as Record<string, unknown>;
  if (m.format === 'neural-wasm-model' || m.format === 'neural-wasm-cli') {
    // a model file: the network with its preprocessing, which this call would drop
    throw typeError('model.format', `'${MODEL_FORMAT}' (this is a model file, with its scaling and classes: load it with Model.fromJSON of neural-wasm/model)`, m.format);
  }
  if (m.format !== MODEL_FORMAT) throw typeError('model.format', `'${MODEL_FORMAT}'`, m.format);
  if (m.version !== MODEL_VERSION) throw rangeError('model.version', `${MODEL_VERSION} (this library's model version)`, m.version);
  for (const key of Object.keys(m)) {
    if (!MODEL_KEYS.includes(key) && !OPTIONAL_KEYS.includes(key)) throw unknownKey('model', key, [...MODEL_KEYS, ...OPTIONAL_KEYS]);
  }
  // a model file states everything: no defaults, so a relu model cannot load as a sigmoid one
  for (const key of MODEL_KEYS) {
    if (m[key] === undefined) throw typeError(`model.${key}`, 'present (see toJSON())', undefined);
  }
  const config = checkNetworkConfig(m, 'model');
  const rngState = m.rngState;
  if (!Array.isArray(rngState) || rngState.length !== 4) throw typeError('model.rngState', 'an array of four 32-bit unsigned integers', rngState);
  rngState.forEach((word, i) => {
    if (typeof word !== 'number') throw typeError(`model.rngState[${i}]`, 'an integer', word);
    if (!Number.isInteger(word) || word < 0 || word >= 2 ** 32) throw rangeError(`model.rngState[${i}]`, 'an integer from 0 to 4294967295', word);
  });
  if (rngState.every((s) => s === 0)) throw rangeError('model.rngState', 'not all zero', rngState);
  const params = readParams(m.weights, m.biases, config.layers, 'model', config.precision);
  return { config, params, rngState: rngState as LoadedModel['rngState'] };
}

/**
 * Reads per-layer weights (each flat [in*out] row-major, or rows [in][out]) and biases into one
 * parameter array in the core's layout, checking every shape before it allocates and every value
 * as it copies; used by fromJSON and setWeights.
 */
export function readParams(weights: unknown, biases: unknown, layers: readonly number[], where: string, precision: Precision): RealArray {
  const layout = paramLayout(layers);
  for (const [name, value] of [['weights', weights], ['biases', biases]] as const) {
    if (!Array.isArray(value)) throw typeError(`${where}.${name}`, `an array with one entry per weight layer (${layout.length})`, value);
    if (value.length !== layout.length) {
      throw shapeError(`${where}.${name}`, `one entry per weight layer (${layout.length})`, plural(value.length, 'entry').replace('entrys', 'entries'));
    }
  }
  const tables = layout.map(({ inSize, outSize }, l) => {
    const given = (weights as unknown[])[l];
    const what = `${where}.weights[${l}]`;
    let weightTable;
    if (isArrayOfRows(given)) {
      weightTable = readTable(given, outSize, what);
      if (weightTable.rows !== inSize) {
        throw shapeError(what, `${plural(inSize, 'row')} of ${outSize} (layers[${l}] x layers[${l + 1}])`, plural(weightTable.rows, 'row'));
      }
    } else {
      const count = inSize * outSize;
      weightTable = readFlat(given, count, what, () => `${inSize} x ${outSize} = ${plural(count, 'weight')} (flat, row-major) or ${plural(inSize, 'row')} of ${outSize}`);
    }
    const biasTable = readFlat((biases as unknown[])[l], outSize, `${where}.biases[${l}]`, () => `${plural(outSize, 'bias')} (layers[${l + 1}])`.replace('biass', 'biases'));
    return [weightTable, biasTable];
  });
  // (written as the core's reals, so a value beyond float32's range is refused for an f32 network)
  const params = newRealArray(precision, layout.at(-1)!.end);
  layout.forEach(({ w, b, end }, l) => {
    tables[l][0].write(params.subarray(w, b));
    tables[l][1].write(params.subarray(b, end));
  });
  // the core never holds -0, so every weight round-trips through JSON text bit for bit
  for (let i = 0; i < params.length; i++) params[i] += 0;
  return params;
}
