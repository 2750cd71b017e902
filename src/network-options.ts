// create's options (and a model file's network, which holds the same): their types, defaults and
// checks, into the NetworkConfig a network is made from. Pure: a rejected option never reaches a core.
import { ACTIVATIONS, LOSSES, INITS, type ActivationName, type LossName, type InitName } from './names.js';
import { checkObject, copyArray, checkName, checkNumber, checkInteger } from './checks.js';
import { rangeError, typeError, tooLarge } from './errors.js';

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


const NETWORK_KEYS = ['layers', 'activation', 'loss', 'init', 'seed', 'dropout', 'precision'] as const;

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
