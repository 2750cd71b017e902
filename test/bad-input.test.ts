// Bad input, on both builds: every rejected call throws a named error (InputShapeError for a count,
// width or length that does not fit the network, else TypeError / RangeError / SyntaxError) whose
// message names the option or value at fault, what was expected and what came (each case lists
// those parts, not the words in between: test/errors.ts), and it throws before any state changes: the
// weights and the whole toJSON() (generator state included) are bit-identical afterwards, and the
// network still trains and predicts.
import { beforeAll, describe, expect, it } from 'vitest';
import { InputShapeError, type ModelJSON, type NetworkOptions, type Rows, type Targets } from 'neural-wasm';
import { builds, weightBytes, XOR_INPUTS, XOR_TARGETS, type Network } from './builds';
import { expectNamedError, expectRejects, type ErrorClass, type Part } from './errors';

type Net = Awaited<ReturnType<Network['create']>>;

/** A rejected call on a trained network. */
interface Case {
  name: string;
  call: (net: Net) => unknown;
  error: ErrorClass;
  /** What the message must name: the option or value at fault, the expectation, what came. */
  parts: Part[];
  /** The network the call is made on; default: 2-3-1 sigmoid MSE on XOR. */
  setup?: Setup;
}

/** A rejected create() or fromJSON(): no network, only the error. */
interface LoadCase {
  name: string;
  call: (N: Network, model: ModelJSON) => Promise<unknown>;
  error: ErrorClass;
  parts: Part[];
}

interface Setup {
  options: NetworkOptions;
  inputs: Rows;
  targets: Targets;
}

const ACTIVATIONS = ["'sigmoid'", "'tanh'", "'relu'", "'leakyRelu'", "'linear'", "'softmax'"];

// Values a typed caller could not pass: the checks exist for untyped (JS) callers.
const bad = (value: unknown): any => value;

const XOR: Setup = { options: { layers: [2, 3, 1], seed: 7 }, inputs: XOR_INPUTS, targets: XOR_TARGETS };
const BINARY_CE: Setup = { ...XOR, options: { layers: [2, 3, 1], loss: 'binaryCrossEntropy', seed: 7 } };
const SOFTMAX_CE: Setup = {
  options: { layers: [2, 3, 2], activation: ['sigmoid', 'softmax'], loss: 'crossEntropy', seed: 7 },
  inputs: XOR_INPUTS,
  targets: XOR_TARGETS.map((t) => [1 - t, t]),
};
const MNIST_SHAPED: Setup = {
  options: { layers: [784, 10], seed: 7 },
  inputs: [new Array(784).fill(0.5)],
  targets: [[1, 0, 0, 0, 0, 0, 0, 0, 0, 0]],
};

// A data set of 784-wide rows just over the core's largest array (MAX_ARRAY_VALUES = 2^27 - 8
// values): about 512 MiB of Float32Array, allocated inside the call so that nothing keeps it
// afterwards. Its pages are never touched (calloc'd), except the first, which holds a NaN: a
// library that read values before checking the size would report that NaN instead of memory.
const BIG_ROWS = Math.floor(2 ** 27 / 784) + 2; // 171198 rows, 134,219,232 values
function bigInputs(): Rows {
  const data = new Float32Array(BIG_ROWS * 784);
  data[0] = NaN;
  return { data, shape: [BIG_ROWS, 784] };
}
const bigTargets = (): Targets => ({ data: new Float32Array(BIG_ROWS * 10), shape: [BIG_ROWS, 10] });
const BIG_PARTS: Part[] = ['data set', '171198 rows', '134,219,232 values', 'memory', '134,217,720'];

// The same XOR set with one row or value replaced.
const rowsWith = (row: number, value: unknown): any[] => XOR_INPUTS.map((r, i) => (i === row ? value : r));
const inputWith = (row: number, column: number, value: unknown): any[] =>
  XOR_INPUTS.map((r, i) => (i === row ? r.map((v, j) => (j === column ? value : v)) : r));
const targetWith = (row: number, value: unknown): any[] => XOR_TARGETS.map((t, i) => (i === row ? value : t));

/** The same list with each name prefixed by the method it calls. */
function named<T extends { name: string }>(prefix: string, list: T[]): T[] {
  return list.map((c) => ({ ...c, name: `${prefix}: ${c.name}` }));
}

/** fit and evaluate read data the same way: each case runs on both. */
function dataCases(method: 'fit' | 'evaluate'): Case[] {
  const run = (inputs: unknown, targets: unknown) => (net: Net) => net[method](bad(inputs), bad(targets));
  const cases: Case[] = [
    // widths and row counts
    { name: 'an input row one value too wide', call: run(rowsWith(2, [0, 1, 1]), XOR_TARGETS), error: InputShapeError, parts: ['inputs[2]', '2 values', '3 values'] },
    { name: 'ragged input rows', call: run(rowsWith(1, [0]), XOR_TARGETS), error: InputShapeError, parts: ['inputs[1]', '2 values', /\b1 values?\b/] },
    { name: 'every input row 3 wide for a 2-input network', call: run(XOR_INPUTS.map((r) => [...r, 0]), XOR_TARGETS), error: InputShapeError, parts: ['inputs[0]', '2 values', '3 values'] },
    { name: 'target rows 2 wide for a 1-output network', call: run(XOR_INPUTS, XOR_TARGETS.map((t) => [t, 1 - t])), error: InputShapeError, parts: ['targets[0]', /\b1 values?\b/, '2 values'] },
    { name: 'ragged target rows', call: run(XOR_INPUTS, [[0], [0], [1, 0], [1]]), error: InputShapeError, parts: ['targets[2]', /\b1 values?\b/, '2 values'] },
    { name: '4 input rows, 3 targets', call: run(XOR_INPUTS, [0, 0, 1]), error: InputShapeError, parts: ['targets', 'one row per input row', '4', '3'] },
    { name: '4 input rows, 5 targets', call: run(XOR_INPUTS, [0, 0, 1, 1, 0]), error: InputShapeError, parts: ['targets', 'one row per input row', '4', '5'] },
    { name: 'empty inputs []', call: run([], []), error: InputShapeError, parts: ['inputs', 'at least one row', 'empty array'] },
    { name: 'empty targets []', call: run(XOR_INPUTS, []), error: InputShapeError, parts: ['targets', 'at least one row', 'empty array'] },
    { name: 'an empty matrix (shape [0, 2])', call: run({ data: new Float64Array(0), shape: [0, 2] }, { data: new Float64Array(0), shape: [0, 1] }), error: InputShapeError, parts: ['inputs', 'at least one row', '0 rows'] },
    // non-finite values
    { name: 'NaN in the inputs', call: run(inputWith(1, 1, NaN), XOR_TARGETS), error: RangeError, parts: ['inputs[1][1]', 'finite number', 'NaN'] },
    { name: 'Infinity in the inputs', call: run(inputWith(3, 0, Infinity), XOR_TARGETS), error: RangeError, parts: ['inputs[3][0]', 'finite number', 'Infinity'] },
    { name: '-Infinity in the inputs', call: run(inputWith(0, 1, -Infinity), XOR_TARGETS), error: RangeError, parts: ['inputs[0][1]', 'finite number', '-Infinity'] },
    { name: 'NaN in the targets (flat)', call: run(XOR_INPUTS, targetWith(2, NaN)), error: RangeError, parts: ['targets[2]', 'finite number', 'NaN'] },
    { name: 'Infinity in the targets (rows)', call: run(XOR_INPUTS, [[0], [Infinity], [1], [1]]), error: RangeError, parts: ['targets[1][0]', 'finite number', 'Infinity'] },
    { name: '-Infinity in the targets (matrix)', call: run(XOR_INPUTS, { data: Float32Array.of(0, 0, -Infinity, 1), shape: [4, 1] }), error: RangeError, parts: ['targets[2][0]', 'finite number', '-Infinity'] },
    { name: 'NaN in a Float64Array input row', call: run(rowsWith(2, Float64Array.of(0, NaN)), XOR_TARGETS), error: RangeError, parts: ['inputs[2][1]', 'finite number', 'NaN'] },
    // non-numbers
    { name: 'a string value', call: run(inputWith(0, 1, '1'), XOR_TARGETS), error: TypeError, parts: ['inputs[0][1]', 'number', 'string', '"1"'] },
    { name: 'a null value', call: run(inputWith(1, 0, null), XOR_TARGETS), error: TypeError, parts: ['inputs[1][0]', 'number', 'null'] },
    { name: 'an undefined value', call: run(inputWith(2, 1, undefined), XOR_TARGETS), error: TypeError, parts: ['inputs[2][1]', 'number', 'undefined'] },
    { name: 'an object as a value', call: run(inputWith(3, 0, { value: 1 }), XOR_TARGETS), error: TypeError, parts: ['inputs[3][0]', 'number', 'object'] },
    { name: 'a string target', call: run(XOR_INPUTS, targetWith(3, '1')), error: TypeError, parts: ['targets[3]', 'number', 'string', '"1"'] },
    { name: 'a row that is not an array', call: run(rowsWith(1, 'a row'), XOR_TARGETS), error: TypeError, parts: ['inputs[1]', 'row of 2 numbers', 'string', '"a row"'] },
    { name: 'a flat list of numbers as inputs of a 2-input network', call: run([1, 1, 0, 0, 0, 1, 1, 0], XOR_TARGETS), error: TypeError, parts: ['inputs[0]', 'row of 2 numbers', '1'] },
    { name: 'a string as inputs', call: run('1,1;0,0', XOR_TARGETS), error: TypeError, parts: ['inputs', 'array of rows', '{ data, shape }', 'string', '"1,1;0,0"'] },
    { name: 'a number as inputs', call: run(42, XOR_TARGETS), error: TypeError, parts: ['inputs', 'array of rows', '42'] },
    { name: 'null as inputs', call: run(null, XOR_TARGETS), error: TypeError, parts: ['inputs', 'array of rows', 'null'] },
    { name: 'no targets', call: run(XOR_INPUTS, undefined), error: TypeError, parts: ['targets', 'array of rows', 'undefined'] },
    // matrices
    { name: 'a matrix with 7 values for shape [4, 2]', call: run({ data: new Float64Array(7), shape: [4, 2] }, XOR_TARGETS), error: InputShapeError, parts: ['inputs.data', '4 x 2 = 8 values', '7'] },
    { name: 'a matrix with 9 values for shape [4, 2]', call: run({ data: new Float32Array(9), shape: [4, 2] }, XOR_TARGETS), error: InputShapeError, parts: ['inputs.data', '4 x 2 = 8 values', '9'] },
    { name: 'a matrix 3 wide for a 2-input network', call: run({ data: new Float64Array(12), shape: [4, 3] }, XOR_TARGETS), error: InputShapeError, parts: ['inputs.shape[1]', '2', "network's width", '3'] },
    { name: 'a target matrix 2 wide for a 1-output network', call: run(XOR_INPUTS, { data: new Float64Array(8), shape: [4, 2] }), error: InputShapeError, parts: ['targets.shape[1]', '1', '2'] },
    { name: 'a matrix whose data is a string', call: run({ data: 'abcdefgh', shape: [4, 2] }, XOR_TARGETS), error: TypeError, parts: ['inputs.data', 'Float64Array', 'Float32Array', 'array of numbers', 'string', '"abcdefgh"'] },
    { name: 'a matrix whose shape has one entry', call: run({ data: new Float64Array(8), shape: [8] }, XOR_TARGETS), error: TypeError, parts: ['inputs.shape', '[rows, columns]', 'array of 1'] },
    // same rule as layers: a number that is not a non-negative integer is a RangeError naming it
    { name: 'a matrix whose shape is [4, 2.5]', call: run({ data: new Float64Array(10), shape: [4, 2.5] }, XOR_TARGETS), error: RangeError, parts: ['inputs.shape[1]', 'integer', '2.5'] },
    // targets of a cross-entropy loss are probabilities
    { name: "a target of 1.5 for 'binaryCrossEntropy'", setup: BINARY_CE, call: run(XOR_INPUTS, targetWith(3, 1.5)), error: RangeError, parts: ['targets[3]', '[0, 1]', 'probabilities', "'binaryCrossEntropy'", '1.5'] },
    { name: "a target of -0.5 for 'binaryCrossEntropy'", setup: BINARY_CE, call: run(XOR_INPUTS, targetWith(0, -0.5)), error: RangeError, parts: ['targets[0]', '[0, 1]', "'binaryCrossEntropy'", '-0.5'] },
    { name: "a target of 2 for 'crossEntropy'", setup: SOFTMAX_CE, call: run(XOR_INPUTS, [[1, 0], [1, 0], [0, 1], [0, 2]]), error: RangeError, parts: ['targets[3][1]', '[0, 1]', "'crossEntropy'", '2'] },
    { name: "a target of -1 for 'crossEntropy' (matrix)", setup: SOFTMAX_CE, call: run(XOR_INPUTS, { data: Float64Array.of(1, 0, -1, 2, 0, 1, 0, 1), shape: [4, 2] }), error: RangeError, parts: ['targets[1][0]', '[0, 1]', "'crossEntropy'", '-1'] },
    // too large for the core: rejected from the shape alone, before any value is read
    { name: 'a data set larger than the core can hold', setup: MNIST_SHAPED, call: (net) => net[method](bigInputs(), bigTargets()), error: RangeError, parts: BIG_PARTS },
  ];
  return named(method, cases);
}

const predictCases: Case[] = named<Case>('predict', [
  { name: 'one sample of 3 values', call: (net) => net.predict([1, 0, 1]), error: InputShapeError, parts: ['input', 'one sample', '2 values', 'input width', '3 values'] },
  { name: 'one sample of 1 value', call: (net) => net.predict([1]), error: InputShapeError, parts: ['input', 'one sample', '2 values', 'input width', /\b1 values?\b/] },
  { name: 'one Float64Array sample of 3 values', call: (net) => net.predict(new Float64Array(3)), error: InputShapeError, parts: ['input', 'one sample', '2 values', 'input width', '3 values'] },
  { name: 'an empty array', call: (net) => net.predict([]), error: InputShapeError, parts: ['predict', 'sample of 2 values', 'list of samples', 'empty array'] },
  { name: 'an empty Float64Array', call: (net) => net.predict(new Float64Array(0)), error: InputShapeError, parts: ['input', 'one sample', '2 values', 'input width', '0 values'] },
  { name: 'an empty matrix', call: (net) => net.predict({ data: new Float64Array(0), shape: [0, 2] }), error: InputShapeError, parts: ['inputs', 'at least one row', '0 rows'] },
  { name: 'ragged samples', call: (net) => net.predict([[1, 1], [0]]), error: InputShapeError, parts: ['inputs[1]', '2 values', /\b1 values?\b/] },
  { name: 'a matrix with 3 values for shape [2, 2]', call: (net) => net.predict({ data: new Float64Array(3), shape: [2, 2] }), error: InputShapeError, parts: ['inputs.data', '2 x 2 = 4 values', '3'] },
  { name: 'Infinity in a list of samples', call: (net) => net.predict([[0, 0], [1, Infinity]]), error: RangeError, parts: ['inputs[1][1]', 'finite number', 'Infinity'] },
  // one sample is one row: its values are input[i], not input[0][i]
  { name: 'NaN in one sample', call: (net) => net.predict([1, NaN]), error: RangeError, parts: ['input[1]', 'finite number', 'NaN'] },
  { name: 'a string in one sample', call: (net) => net.predict(bad(['1', 0])), error: TypeError, parts: ['input[0]', 'number', 'string', '"1"'] },
  { name: 'null', call: (net) => net.predict(bad(null)), error: TypeError, parts: ['inputs', 'array of rows', 'null'] },
  { name: 'a string', call: (net) => net.predict(bad('0,1')), error: TypeError, parts: ['inputs', 'array of rows', 'string', '"0,1"'] },
  { name: 'a data set larger than the core can hold', setup: MNIST_SHAPED, call: (net) => net.predict(bigInputs()), error: RangeError, parts: BIG_PARTS },
]);

const fitOptionCases: Case[] = (
  [
    ['an unknown option (learningrate)', { learningrate: 0.1 }, TypeError, ['unknown', 'fit', 'option', "'learningrate'", 'learningRate', 'epochs']],
    ['an unknown option (epoch)', { epoch: 3 }, TypeError, ['unknown', 'fit', 'option', "'epoch'", 'learningRate', 'epochs']],
    ['options that are not an object', 'fast', TypeError, ['options', 'object', 'string', '"fast"']],
    ['learningRate 0', { learningRate: 0 }, RangeError, ['learningRate', 'finite number', '(0,', '0']],
    ['learningRate -0.1', { learningRate: -0.1 }, RangeError, ['learningRate', 'finite number', '(0,', '-0.1']],
    ['learningRate NaN', { learningRate: NaN }, RangeError, ['learningRate', 'finite number', 'NaN']],
    ['learningRate Infinity', { learningRate: Infinity }, RangeError, ['learningRate', 'finite number', 'Infinity']],
    ['learningRate as a string', { learningRate: '0.1' }, TypeError, ['learningRate', 'number', 'string', '"0.1"']],
    ['epochs 0', { epochs: 0 }, RangeError, ['epochs', 'integer', '1 to 2147483647', '0']],
    ['epochs 1.5', { epochs: 1.5 }, RangeError, ['epochs', 'integer', '1 to 2147483647', '1.5']],
    ['epochs -1', { epochs: -1 }, RangeError, ['epochs', 'integer', '1 to 2147483647', '-1']],
    ['epochs as a string', { epochs: '5' }, TypeError, ['epochs', 'integer', 'string', '"5"']],
    ['batchSize 0', { batchSize: 0 }, RangeError, ['batchSize', 'integer', /\b1 to \d+/, '0']],
    ['batchSize 2.5', { batchSize: 2.5 }, RangeError, ['batchSize', 'integer', /\b1 to \d+/, '2.5']],
    ["shuffle 'yes'", { shuffle: 'yes' }, TypeError, ['shuffle', 'true', 'false', 'string', '"yes"']],
    ["optimizer 'rmsprop'", { optimizer: 'rmsprop' }, RangeError, ['optimizer', "'sgd'", "'momentum'", "'adam'", 'string', '"rmsprop"']],
    ["optimizer { name: 'rmsprop' }", { optimizer: { name: 'rmsprop' } }, RangeError, ['optimizer.name', "'sgd'", "'momentum'", "'adam'", 'string', '"rmsprop"']],
    ['optimizer without a name', { optimizer: { momentum: 0.9 } }, RangeError, ['optimizer.name', "'sgd'", "'momentum'", "'adam'", 'undefined']],
    ["an unknown key of the 'adam' optimizer", { optimizer: { name: 'adam', beta3: 0.9 } }, TypeError, ['unknown', "'adam'", 'optimizer', 'option', "'beta3'", 'name', 'beta1', 'beta2', 'epsilon']],
    ["momentum given to the 'sgd' optimizer", { optimizer: { name: 'sgd', momentum: 0.9 } }, TypeError, ['unknown', "'sgd'", 'optimizer', 'option', "'momentum'", /\bname$/]],
    ['momentum 1.5', { optimizer: { name: 'momentum', momentum: 1.5 } }, RangeError, ['optimizer.momentum', 'finite number', '[0, 1]', '1.5']],
    ['adam epsilon 0', { optimizer: { name: 'adam', epsilon: 0 } }, RangeError, ['optimizer.epsilon', 'finite number', '(0, 1]', '0']],
    ['adam beta1 1', { optimizer: { name: 'adam', beta1: 1 } }, RangeError, ['beta1', 'beta2', 'below 1', '1']],
    ['an unknown earlyStop key', { earlyStop: { acc: 0.9 } }, TypeError, ['unknown', 'earlyStop', 'option', "'acc'", 'loss', 'accuracy']],
    ['earlyStop accuracy 2', { earlyStop: { accuracy: 2 } }, RangeError, ['earlyStop.accuracy', 'finite number', '[0, 1]', '2']],
    ['earlyStop loss -1', { earlyStop: { loss: -1 } }, RangeError, ['earlyStop.loss', 'finite number', '[0,', '-1']],
    ['earlyStop null', { earlyStop: null }, TypeError, ['earlyStop', 'object', 'null']],
    ['onProgress that is not a function', { onProgress: 'log' }, TypeError, ['onProgress', 'function', 'string', '"log"']],
    ['l2 negative', { l2: -0.01 }, RangeError, ['l2', 'finite number', '[0,', '-0.01']],
    ['l2 NaN', { l2: NaN }, RangeError, ['l2', 'finite number', '[0,', 'NaN']],
    ['progressEvery 0', { progressEvery: 0 }, RangeError, ['progressEvery', 'integer', /\b1 to \d+/, '0']],
  ] as [string, unknown, ErrorClass, Part[]][]
).map(([name, options, error, parts]) => ({
  name: `fit options: ${name}`,
  call: (net: Net) => net.fit(XOR_INPUTS, XOR_TARGETS, bad(options)),
  error,
  parts,
}));

// setWeights: each case edits a copy of the network's own weights (layers [2, 3, 1])
type WeightsEdit = { weights: any[]; biases: any[] };
const withWeights = (edit: (w: WeightsEdit) => void) => (net: Net) => {
  const w = net.getWeights() as WeightsEdit;
  edit(w);
  return net.setWeights(w);
};
const rowsOf = (flat: Float64Array, width: number): number[][] =>
  Array.from({ length: flat.length / width }, (_, r) => Array.from(flat.subarray(r * width, (r + 1) * width)));

const setWeightsCases: Case[] = named<Case>('setWeights', [
  { name: 'a number', call: (net) => net.setWeights(bad(5)), error: TypeError, parts: ['setWeights', 'object', '{ weights, biases }', '5'] },
  { name: 'null', call: (net) => net.setWeights(bad(null)), error: TypeError, parts: ['setWeights', 'object', '{ weights, biases }', 'null'] },
  { name: 'no weights', call: (net) => net.setWeights(bad({ biases: net.getWeights().biases })), error: TypeError, parts: ['setWeights.weights', 'one entry per weight layer', '2', 'undefined'] },
  // a count that does not fit the network is a shape error, as a row of the wrong width is
  { name: 'weights for 1 layer of 2', call: withWeights((w) => w.weights.pop()), error: InputShapeError, parts: ['setWeights.weights', 'one entry per weight layer', '2', '1'] },
  { name: 'biases for 3 layers of 2', call: withWeights((w) => w.biases.push(new Float64Array(1))), error: InputShapeError, parts: ['setWeights.biases', 'one entry per weight layer', '2', '3'] },
  { name: 'a flat layer of 5 weights instead of 2 x 3', call: withWeights((w) => (w.weights[0] = w.weights[0].subarray(0, 5))), error: InputShapeError, parts: ['setWeights.weights[0]', '2 x 3 = 6 weights', '2 rows of 3', '5 values'] },
  { name: 'a flat layer of 7 weights instead of 2 x 3', call: withWeights((w) => (w.weights[0] = [...w.weights[0], 0.5])), error: InputShapeError, parts: ['setWeights.weights[0]', '2 x 3 = 6 weights', '2 rows of 3', '7 values'] },
  { name: 'nested weights with 3 rows instead of 2', call: withWeights((w) => (w.weights[0] = [...rowsOf(w.weights[0], 3), [0, 0, 0]])), error: InputShapeError, parts: ['setWeights.weights[0]', '2 rows of 3', '3 rows'] },
  { name: 'nested weights with a row of 2 instead of 3', call: withWeights((w) => (w.weights[0] = [[0.1, 0.2, 0.3], [0.4, 0.5]])), error: InputShapeError, parts: ['setWeights.weights[0][1]', '3 values', '2 values'] },
  { name: 'a NaN weight (flat)', call: withWeights((w) => (w.weights[0][4] = NaN)), error: RangeError, parts: ['setWeights.weights[0][4]', 'finite number', 'NaN'] },
  { name: 'an Infinity weight (nested)', call: withWeights((w) => (w.weights[1] = [[0.1], [Infinity], [0.3]])), error: RangeError, parts: ['setWeights.weights[1][1][0]', 'finite number', 'Infinity'] },
  { name: 'a string weight', call: withWeights((w) => (w.weights[1] = [[0.1], [0.2], ['0.3']])), error: TypeError, parts: ['setWeights.weights[1][2][0]', 'number', 'string', '"0.3"'] },
  { name: 'a layer of weights that is an object', call: withWeights((w) => (w.weights[0] = { 0: 1 })), error: TypeError, parts: ['setWeights.weights[0]', '2 x 3 = 6 weights', '2 rows of 3', 'object'] },
  { name: 'biases of 2 for a layer of 3', call: withWeights((w) => (w.biases[0] = [0, 0])), error: InputShapeError, parts: ['setWeights.biases[0]', '3 biases', '2 values'] },
  { name: 'biases of 4 for a layer of 3', call: withWeights((w) => (w.biases[0] = new Float64Array(4))), error: InputShapeError, parts: ['setWeights.biases[0]', '3 biases', '4 values'] },
  { name: 'a layer of biases that is a string', call: withWeights((w) => (w.biases[0] = 'zero')), error: TypeError, parts: ['setWeights.biases[0]', '3 biases', 'string', '"zero"'] },
  // a bias is biases[layer][unit]: no third index
  { name: 'an Infinity bias', call: withWeights((w) => (w.biases[1][0] = -Infinity)), error: RangeError, parts: ['setWeights.biases[1][0]', 'finite number', '-Infinity'] },
  { name: 'a NaN bias', call: withWeights((w) => (w.biases[0][2] = NaN)), error: RangeError, parts: ['setWeights.biases[0][2]', 'finite number', 'NaN'] },
  { name: 'an unknown key', call: (net) => net.setWeights(bad({ ...net.getWeights(), scale: 2 })), error: TypeError, parts: ['unknown', 'setWeights', "'scale'", 'weights', 'biases'] },
]);

const cases: Case[] = [...dataCases('fit'), ...dataCases('evaluate'), ...predictCases, ...fitOptionCases, ...setWeightsCases];

const createCases: LoadCase[] = (
  [
    ['no options', undefined, TypeError, ['options', 'object', 'undefined']],
    ['options that are an array', [2, 3, 1], TypeError, ['options', 'object', 'array of 3']],
    ['no layers', {}, TypeError, ['options.layers', 'layer sizes', 'undefined']],
    ['layers as a string', { layers: '2,3,1' }, TypeError, ['options.layers', 'layer sizes', 'string', '"2,3,1"']],
    ['layers [2] (too few)', { layers: [2] }, RangeError, ['options.layers', 'at least 2 sizes', 'array of 1']],
    ['layers []', { layers: [] }, RangeError, ['options.layers', 'at least 2 sizes', 'array of 0']],
    ['layers [2, 0, 1]', { layers: [2, 0, 1] }, RangeError, ['options.layers[1]', 'integer', '1 to 1048576', '0']],
    ['layers [2, -3, 1]', { layers: [2, -3, 1] }, RangeError, ['options.layers[1]', 'integer', '1 to 1048576', '-3']],
    ['layers [2, 1.5, 1]', { layers: [2, 1.5, 1] }, RangeError, ['options.layers[1]', 'integer', '1 to 1048576', '1.5']],
    ['layers [2, NaN, 1]', { layers: [2, NaN, 1] }, RangeError, ['options.layers[1]', 'integer', '1 to 1048576', 'NaN']],
    ["layers [2, '3', 1]", { layers: [2, '3', 1] }, TypeError, ['options.layers[1]', 'integer', 'string', '"3"']],
    ['a layer of 2^21 units', { layers: [2, 2 ** 21, 1] }, RangeError, ['options.layers[1]', 'integer', '1 to 1048576', '2097152']],
    ['an unknown option (activations)', { layers: [2, 3, 1], activations: 'relu' }, TypeError, ['unknown', 'create', 'option', "'activations'", 'layers', 'activation', 'loss', 'init', 'seed']],
    ["activation 'gelu'", { layers: [2, 3, 1], activation: 'gelu' }, RangeError, ['options.activation', ...ACTIVATIONS, 'string', '"gelu"']],
    ["activation ['relu', 'Sigmoid']", { layers: [2, 3, 1], activation: ['relu', 'Sigmoid'] }, RangeError, ['options.activation[1]', ...ACTIVATIONS, 'string', '"Sigmoid"']],
    ['activation as a number', { layers: [2, 3, 1], activation: 1 }, RangeError, ['options.activation', ...ACTIVATIONS, '1']],
    ['1 activation for 2 layers', { layers: [2, 3, 1], activation: ['relu'] }, RangeError, ['options.activation', 'one name per non-input layer', '2', 'array of 1']],
    ['3 activations for 2 layers', { layers: [2, 3, 1], activation: ['relu', 'relu', 'sigmoid'] }, RangeError, ['options.activation', 'one name per non-input layer', '2', 'array of 3']],
    ["loss 'hinge'", { layers: [2, 3, 1], loss: 'hinge' }, RangeError, ['options.loss', "'mse'", "'binaryCrossEntropy'", "'crossEntropy'", 'string', '"hinge"']],
    ["init 'glorot'", { layers: [2, 3, 1], init: 'glorot' }, RangeError, ['options.init', "'uniform'", "'xavier'", "'he'", 'string', '"glorot"']],
    ['softmax in the hidden layer', { layers: [2, 3, 2], activation: ['softmax', 'softmax'] }, RangeError, ['options.activation[0]', 'hidden-layer activation', "'softmax'", 'output layer', 'string', '"softmax"']],
    ["activation 'softmax' for every layer", { layers: [2, 3, 2], activation: 'softmax' }, RangeError, ['options.activation[0]', 'hidden-layer activation', 'string', '"softmax"']],
    // what came is the output size (1), not the number of layers
    ['a softmax output of 1 unit', { layers: [2, 3, 1], activation: ['sigmoid', 'softmax'] }, RangeError, ['options.layers[2]', 'at least 2', "'softmax' output layer", '1']],
    ['seed -1', { layers: [2, 3, 1], seed: -1 }, RangeError, ['options.seed', 'integer', '0 to 9007199254740991', '-1']],
    ['seed 1.5', { layers: [2, 3, 1], seed: 1.5 }, RangeError, ['options.seed', 'integer', '0 to 9007199254740991', '1.5']],
    ['seed 2^53', { layers: [2, 3, 1], seed: 2 ** 53 }, RangeError, ['options.seed', 'integer', '0 to 9007199254740991', '9007199254740992']],
    ["seed '7'", { layers: [2, 3, 1], seed: '7' }, TypeError, ['options.seed', 'integer', 'string', '"7"']],
    ['layers [100000, 100000, 10]', { layers: [100000, 100000, 10] }, RangeError, ['layers [100000, 100000, 10]', '10,001,100,010 values', 'memory', '16,777,216']],
  ] as [string, unknown, ErrorClass, Part[]][]
).map(([name, options, error, parts]) => ({
  name: `create: ${name}`,
  call: (N: Network) => N.create(bad(options)),
  error,
  parts,
}));

/** A deep copy of the model with one edit. */
const edited = (model: ModelJSON, edit: (m: any) => void): ModelJSON => {
  const copy = structuredClone(model);
  edit(copy);
  return copy;
};
const load = (edit: (m: any) => void) => (N: Network, model: ModelJSON) => N.fromJSON(edited(model, edit));
const loadText = (text: (model: ModelJSON) => string) => (N: Network, model: ModelJSON) => N.fromJSON(text(model));

const fromJSONCases: LoadCase[] = named<LoadCase>('fromJSON', [
  { name: 'JSON text cut short', call: loadText((m) => JSON.stringify(m).slice(0, 40)), error: SyntaxError, parts: ['model', 'JSON', 'parse'] },
  { name: 'text that is not JSON', call: loadText(() => 'neural-wasm model v1'), error: SyntaxError, parts: ['model', 'JSON', 'parse'] },
  { name: 'a number', call: (N) => N.fromJSON(bad(42)), error: TypeError, parts: ['model', 'object', 'toJSON()', 'JSON text', '42'] },
  { name: 'null', call: (N) => N.fromJSON(bad(null)), error: TypeError, parts: ['model', 'object', 'toJSON()', 'null'] },
  { name: 'JSON text of an array', call: loadText(() => '[1, 2]'), error: TypeError, parts: ['model', 'object', 'toJSON()', 'array of 2'] },
  { name: 'JSON text of null', call: loadText(() => 'null'), error: TypeError, parts: ['model', 'object', 'toJSON()', 'null'] },
  { name: "another format ('tfjs')", call: load((m) => (m.format = 'tfjs')), error: TypeError, parts: ['model.format', "'neural-wasm'", 'string', '"tfjs"'] },
  { name: 'no format', call: load((m) => delete m.format), error: TypeError, parts: ['model.format', "'neural-wasm'", 'undefined'] },
  { name: 'version 2', call: load((m) => (m.version = 2)), error: RangeError, parts: ['model.version', '1', "library's model version", '2'] },
  { name: 'version 2 as JSON text', call: loadText((m) => JSON.stringify({ ...m, version: 2 })), error: RangeError, parts: ['model.version', '1', '2'] },
  { name: 'an unknown key', call: load((m) => (m.comment = 'hi')), error: TypeError, parts: ['unknown', 'model', 'key', "'comment'", 'format', 'version', 'layers'] },
  { name: 'no seed', call: load((m) => delete m.seed), error: TypeError, parts: ['model.seed', 'present', 'toJSON()', 'undefined'] },
  { name: 'layers [2]', call: load((m) => (m.layers = [2])), error: RangeError, parts: ['model.layers', 'at least 2 sizes', 'array of 1'] },
  { name: 'a softmax hidden layer', call: load((m) => (m.activation = ['softmax', 'sigmoid'])), error: RangeError, parts: ['model.activation[0]', 'hidden-layer activation', 'string', '"softmax"'] },
  { name: "loss 'hinge'", call: load((m) => (m.loss = 'hinge')), error: RangeError, parts: ['model.loss', "'mse'", "'binaryCrossEntropy'", "'crossEntropy'", 'string', '"hinge"'] },
  { name: 'no weights', call: load((m) => delete m.weights), error: TypeError, parts: ['model.weights', 'present', 'toJSON()', 'undefined'] },
  { name: 'no biases', call: load((m) => delete m.biases), error: TypeError, parts: ['model.biases', 'present', 'toJSON()', 'undefined'] },
  { name: 'weights rows of 2 for a layer of 3', call: load((m) => m.weights[0].forEach((row: number[]) => row.pop())), error: InputShapeError, parts: ['model.weights[0][0]', '3 values', '2 values'] },
  { name: 'weights of [2, 3, 1] declared as layers [2, 4, 1]', call: load((m) => (m.layers = [2, 4, 1])), error: InputShapeError, parts: ['model.weights[0][0]', '4 values', '3 values'] },
  // a count that does not fit the declared layers is a shape error, as a row of the wrong width is
  { name: 'weights with 3 rows for a layer of 2 inputs', call: load((m) => m.weights[0].push([0, 0, 0])), error: InputShapeError, parts: ['model.weights[0]', '2 rows of 3', '3 rows'] },
  { name: 'weights for 1 layer of 2', call: load((m) => m.weights.pop()), error: InputShapeError, parts: ['model.weights', 'one entry per weight layer', '2', '1'] },
  { name: 'biases of 2 for a layer of 3', call: load((m) => m.biases[0].pop()), error: InputShapeError, parts: ['model.biases[0]', '3 biases', '2 values'] },
  { name: 'a NaN weight', call: load((m) => (m.weights[1][2][0] = NaN)), error: RangeError, parts: ['model.weights[1][2][0]', 'finite number', 'NaN'] },
  { name: 'an Infinity weight', call: load((m) => (m.weights[0][1][2] = Infinity)), error: RangeError, parts: ['model.weights[0][1][2]', 'finite number', 'Infinity'] },
  { name: 'a -Infinity bias', call: load((m) => (m.biases[0][1] = -Infinity)), error: RangeError, parts: ['model.biases[0][1]', 'finite number', '-Infinity'] },
  { name: 'a null weight (JSON text of NaN)', call: loadText((m) => JSON.stringify(edited(m, (e) => (e.weights[0][0][0] = NaN)))), error: TypeError, parts: ['model.weights[0][0][0]', 'number', 'null'] },
  { name: 'a string weight', call: load((m) => (m.weights[0][0][1] = '0.5')), error: TypeError, parts: ['model.weights[0][0][1]', 'number', 'string', '"0.5"'] },
  { name: 'rngState of 3 words', call: load((m) => m.rngState.pop()), error: TypeError, parts: ['model.rngState', 'four', '32-bit unsigned integers', 'array of 3'] },
  { name: 'no activation (no silent default: a relu model must not load as sigmoid)', call: load((m) => delete m.activation), error: TypeError, parts: ['model.activation', 'present', 'toJSON()', 'undefined'] },
  { name: 'rngState missing', call: load((m) => delete m.rngState), error: TypeError, parts: ['model.rngState', 'present', 'toJSON()', 'undefined'] },
  { name: 'rngState all zero', call: load((m) => (m.rngState = [0, 0, 0, 0])), error: RangeError, parts: ['model.rngState', 'not all zero', 'array of 4'] },
  // same rule as layers: a number out of range is a RangeError naming the word and its value
  { name: 'an rngState word of 2^32', call: load((m) => (m.rngState[3] = 2 ** 32)), error: RangeError, parts: ['model.rngState[3]', '4294967296'] },
  {
    name: 'layers [1e6, 1e6, 1] declared with tiny weights',
    call: load((m) => (m.layers = [1e6, 1e6, 1])),
    error: RangeError,
    parts: ['layers [1000000, 1000000, 1]', '1,000,002,000,001 values', 'memory'],
  },
]);

async function trained(NeuralNetwork: Network, setup: Setup): Promise<Net> {
  const net = await NeuralNetwork.create(setup.options);
  net.fit(setup.inputs, setup.targets, { epochs: 5, shuffle: true }); // shuffle moves the generator
  return net;
}

describe.each(builds)('%s build: bad input', (_, NeuralNetwork) => {
  it('exports the same InputShapeError from both entry points', async () => {
    const js = await import('neural-wasm/js');
    expect(js.InputShapeError).toBe(InputShapeError);
    expect(new InputShapeError('x').name).toBe('InputShapeError');
  });

  it.each(cases)('$name', async (c) => {
    const setup = c.setup ?? XOR;
    const net = await trained(NeuralNetwork, setup);
    const bytes = weightBytes(net);
    const json = JSON.stringify(net.toJSON());

    let error: unknown;
    try {
      c.call(net);
    } catch (thrown) {
      error = thrown;
    }

    expectNamedError(error, c.error, c.parts);
    // nothing changed: weights bit for bit, and the whole model with the generator's state
    expect(weightBytes(net)).toEqual(bytes);
    expect(JSON.stringify(net.toJSON())).toBe(json);
    // and the network still works
    expect(net.fit(setup.inputs, setup.targets, { epochs: 1 }).epochs).toBe(1);
    const outputs = net.predict(setup.inputs);
    expect(outputs.flatMap((row) => [...row]).every(Number.isFinite)).toBe(true);
    net.dispose();
  });

  describe('create and fromJSON', () => {
    let model: ModelJSON;
    beforeAll(async () => {
      const net = await trained(NeuralNetwork, XOR);
      model = net.toJSON();
      net.dispose();
    });

    it('accept the unedited options and model (control for the cases below)', async () => {
      const created = await NeuralNetwork.create(XOR.options);
      const fromObject = await NeuralNetwork.fromJSON(edited(model, () => {}));
      const fromText = await NeuralNetwork.fromJSON(JSON.stringify(model));
      expect(created.layers).toEqual([2, 3, 1]);
      expect(JSON.stringify(fromObject.toJSON())).toBe(JSON.stringify(model));
      expect(JSON.stringify(fromText.toJSON())).toBe(JSON.stringify(model));
      for (const net of [created, fromObject, fromText]) net.dispose();
    });

    it.each([...createCases, ...fromJSONCases])('$name', async (c) => {
      await expectRejects(c.call(NeuralNetwork, model), c.error, c.parts);
    });
  });

  describe('dispose', () => {
    const calls: [string, (net: Net, weights: ReturnType<Net['getWeights']>) => unknown][] = [
      ['fit', (net) => net.fit(XOR_INPUTS, XOR_TARGETS)],
      ['predict', (net) => net.predict([0, 1])],
      ['predict (bad input too)', (net) => net.predict([0, 1, 2])],
      ['evaluate', (net) => net.evaluate(XOR_INPUTS, XOR_TARGETS)],
      ['getWeights', (net) => net.getWeights()],
      ['setWeights', (net, weights) => net.setWeights(weights)],
      ['toJSON', (net) => net.toJSON()],
    ];

    it.each(calls)('%s after dispose() throws an Error saying so', async (_, call) => {
      const net = await trained(NeuralNetwork, XOR);
      const weights = net.getWeights();
      net.dispose();
      let error: unknown;
      try {
        call(net, weights);
      } catch (thrown) {
        error = thrown;
      }
      expectNamedError(error, Error, ['disposed']);
    });

    it('dispose() twice is harmless, even after another network has taken the freed memory', async () => {
      const first = await trained(NeuralNetwork, XOR);
      first.dispose();
      const second = await trained(NeuralNetwork, XOR);
      const bytes = weightBytes(second);
      expect(() => first.dispose()).not.toThrow();
      expect(weightBytes(second)).toEqual(bytes);
      expect(second.fit(XOR_INPUTS, XOR_TARGETS, { epochs: 1 }).epochs).toBe(1);
      expect(second.predict([0, 1])).toHaveLength(1);
      second.dispose();
      expect(() => second.dispose()).not.toThrow();
    });
  });
});
