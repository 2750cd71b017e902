// A network as a standalone ES module: its weights inline and a plain-JS predict(row), no imports,
// for any page, worker or server. The module computes what the 'js' core computes, the same
// operations in the same order (assembly/kernels.ts's denseForward: each output's sum starts from
// its bias and adds x[i] * W[i][j] for i in order, in a variable up to 16 outputs, in the stored
// outputs beyond; assembly/activations.ts: the same sigmoid, tanh, relu and softmax), and stores
// what the core stores in an array of the network's precision: a Float32Array rounds to float32
// where the f32 core does, and between stores both compute in doubles, as the 'js' core does. So
// it gives the 'js' core's predictions to the last bit, at either precision. (The WASM cores' exp
// and tanh may differ from the engine's in the last bit; the WASM f32 cores compute in float32.)
import type { NeuralNetwork } from './network.js';
import type { Model } from './model-file.js';
import { typeError } from './errors.js';
import { F32_MAX } from './data.js';
import type { Precision } from './network-options.js';

export interface StandaloneOptions {
  /**
   * How the weights are written: `'base64'` (default: their bytes, about 11 characters a weight,
   * 5.3 at precision 'f32') or `'decimal'` (the shortest text that reads back as the same double,
   * or float32 at 'f32': readable, about twice the size for trained weights).
   */
  encoding?: 'base64' | 'decimal';
}

const ENCODINGS = ['base64', 'decimal'] as const;

/**
 * The source text of an ES module exporting `predict(row)`, `inputSize`, `outputSize`, `precision`
 * and `layers`.
 * From a Model (neural-wasm/model) its preprocessing comes along: `predict` then takes raw rows (in
 * order, or by column name) and answers as Model#predict does, bit for bit on the 'js' core.
 */
export function toStandalone(source: NeuralNetwork | Model, options: StandaloneOptions = {}): string {
  const model = 'inputs' in source && 'network' in source ? source : undefined;
  const net = model ? model.network : (source as NeuralNetwork);
  const encoding = options.encoding ?? 'base64';
  if (!ENCODINGS.includes(encoding)) throw typeError('toStandalone encoding', "'base64' or 'decimal'", encoding);
  const { weights, biases } = net.getWeights();
  const { precision } = net;
  const write = (values: Float64Array) => (encoding === 'base64' ? `reals(${JSON.stringify(base64(values, precision))})` : decimal(values, precision));
  const layers = net.activation.map(
    (activation, l) => `  [${net.layers[l]}, ${net.layers[l + 1]}, ${JSON.stringify(activation)}, ${write(weights[l])}, ${write(biases[l])}],`,
  );
  const shape = `${net.layers.join('-')} (${net.activation.join(', ')}; precision ${precision})`;
  const what = model ? `model (${model.inputs.columns.length} columns in, ${model.target.kind} out; network ${shape})` : `network ${shape}`;
  const same = model ? 'Model#predict' : 'NeuralNetwork#predict';
  return `// A neural-wasm ${what} as a standalone ES module: no imports.
// predict(row) returns what ${same} returns, to the last bit on the 'js' core.
${REALS[precision]}${encoding === 'base64' ? DECODE : ''}
/** [inputs, outputs, activation, weights (row-major [inputs][outputs]), biases] of each layer. */
export const layers = [
${layers.join('\n')}
];
export const inputSize = ${net.inputSize};
export const outputSize = ${net.outputSize};
export const precision = '${precision}';
${NETWORK}${model ? preprocessing(model) : PREDICT}`;
}

// the model's columns, scalings and target as constants, and a predict that goes through them
function preprocessing(model: Model): string {
  const numbers = (values: readonly number[]) => `[${values.map((x) => (Object.is(x, -0) ? '-0' : String(x))).join(', ')}]`;
  const scalingText = (s: Model['targetScaling']) => (s ? `{ method: ${JSON.stringify(s.method)}, offset: ${numbers(s.offset)}, scale: ${numbers(s.scale)} }` : 'null');
  const { types, levels, fill } = model.inputs;
  return `
/** The raw row's columns, in order, and how each is scaled: (x - offset) / scale. */
export const columns = ${scriptSafe(model.inputs.columns)};
const scaling = ${scalingText(model.inputs.scaling)};
/** Each column's type ('numeric' or 'categorical', one input per level), and what a missing value becomes (null: refused). */
export const types = ${scriptSafe(types ?? model.inputs.columns.map(() => 'numeric'))};
export const levels = ${scriptSafe(levels ?? model.inputs.columns.map(() => null))};
const fill = ${fill ? `[${fill.map((value) => (typeof value === 'number' ? (Object.is(value, -0) ? '-0' : String(value)) : scriptSafe(value))).join(', ')}]` : 'null'};
/** What the network predicts: classes by name, or value columns (mapped back: y * scale + offset). */
export const target = ${scriptSafe(model.target)};
const targetScaling = ${scalingText(model.targetScaling)};
${MODEL_PREDICT}`;
}

// JSON of names from a user's data, as JavaScript that stays inert inlined in an HTML page too: a
// column called `</script>` cannot end the script element (< written as \u003c)
function scriptSafe(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

// base64 of the values' bytes at the network's precision (its weights are float32 values at 'f32',
// so nothing is lost), little-endian (the order DECODE reads them in on any machine)
function base64(values: Float64Array, precision: Precision): string {
  const width = precision === 'f32' ? 4 : 8;
  const bytes = new Uint8Array(values.length * width);
  const view = new DataView(bytes.buffer);
  values.forEach((value, i) => (width === 4 ? view.setFloat32(i * 4, value, true) : view.setFloat64(i * 8, value, true)));
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

// each value's shortest text: String(x) for a double; for a float32, the fewest significant digits
// (9 always do) that read back as it once rounded to float32; -0 needs saying
function decimal(values: Float64Array, precision: Precision): string {
  const text = (x: number) => {
    if (Object.is(x, -0)) return '-0';
    if (precision === 'f64') return String(x);
    let digits = 1;
    while (digits < 9 && Math.fround(Number(x.toPrecision(digits))) !== x) digits++;
    return String(Number(x.toPrecision(digits)));
  };
  return `new Real([${Array.from(values, text).join(', ')}])`;
}

// the array each precision stores its values in, and the largest magnitude it holds
const REALS: Record<Precision, string> = {
  f64: `
// precision 'f64': every value a double
const Real = Float64Array;
const LARGEST = Number.MAX_VALUE;
`,
  f32: `
// precision 'f32': the weights and each layer's values are float32s (a Float32Array rounds what it
// stores), computed between stores in doubles as the 'js' core does; past float32's range a value
// would be Infinity, so an input beyond it is refused, as the library refuses it
const Real = Float32Array;
const LARGEST = ${F32_MAX};
`,
};

const DECODE = `
function reals(text) {
  const bytes = atob(text);
  const view = new DataView(new ArrayBuffer(bytes.length));
  for (let i = 0; i < bytes.length; i++) view.setUint8(i, bytes.charCodeAt(i));
  const width = Real.BYTES_PER_ELEMENT;
  const values = new Real(bytes.length / width);
  for (let i = 0; i < values.length; i++) values[i] = width === 8 ? view.getFloat64(i * 8, true) : view.getFloat32(i * 4, true);
  return values;
}
`;

const NETWORK = `
function sigmoid(z) {
  const e = Math.exp(-Math.abs(z));
  return (z >= 0 ? 1 : e) / (1 + e);
}

function activateOne(kind, z) {
  if (kind === 'sigmoid') return sigmoid(z);
  if (kind === 'tanh') return Math.tanh(z);
  if (kind === 'relu') return z > 0 ? z : 0;
  if (kind === 'leakyRelu') return z > 0 ? z : 0.01 * z;
  return z; // linear
}

// e^(z - max) / sum: each e stored, and the sum taken of the e's as computed
function softmax(values) {
  let max = values[0];
  for (let i = 1; i < values.length; i++) max = Math.max(max, values[i]);
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const e = Math.exp(values[i] - max);
    values[i] = e;
    sum += e;
  }
  const inv = 1 / sum;
  for (let i = 0; i < values.length; i++) values[i] = values[i] * inv;
}

// one layer as the core computes it: up to 16 outputs, each sum in a variable, activated as it is
// stored; wider, each sum added up in the stored outputs, then activated
function layer(x, n, m, kind, w, b) {
  const y = new Real(m);
  if (m <= 16) {
    for (let j = 0; j < m; j++) {
      let sum = b[j];
      for (let i = 0; i < n; i++) sum += x[i] * w[i * m + j];
      y[j] = kind === 'softmax' ? sum : activateOne(kind, sum);
    }
  } else {
    for (let j = 0; j < m; j++) y[j] = b[j];
    for (let i = 0; i < n; i++) {
      const xi = x[i];
      for (let j = 0; j < m; j++) y[j] = y[j] + xi * w[i * m + j];
    }
    if (kind !== 'softmax') for (let j = 0; j < m; j++) y[j] = activateOne(kind, y[j]);
  }
  if (kind === 'softmax') softmax(y);
  return y;
}

// the outputs as doubles, as predict gives them (float32 values at precision 'f32')
function network(x) {
  for (const [n, m, kind, w, b] of layers) x = layer(x, n, m, kind, w, b);
  return new Float64Array(x);
}
`;

const PREDICT = `
/** The network's outputs (a Float64Array of outputSize) for one row of inputSize finite numbers. */
export function predict(row) {
  const length = row == null ? undefined : row.length;
  if (length !== inputSize) throw new TypeError(\`predict: expected a row of \${inputSize} numbers, got \${length === undefined ? String(row) : length + ' values'}\`);
  const x = new Real(inputSize);
  for (let i = 0; i < inputSize; i++) {
    const value = row[i];
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new TypeError(\`predict: row[\${i}] must be a finite number, got \${String(value)}\`);
    if (Math.abs(value) > LARGEST) throw new RangeError(\`predict: row[\${i}] must be within ±\${LARGEST} (the network's precision is '\${precision}'), got \${value}\`);
    x[i] = value;
  }
  return network(x);
}
`;

// neural-wasm/model's values, levels and missing cells, scaled, unscaled, class rule and answers
// (src/columns.ts, src/scaling.ts, src/model-file.ts)
const MODEL_PREDICT = `
const MISSING = new Set(['', 'na', 'n/a', 'nan', 'null', '?']);
const DECIMAL = /^[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?$/;

function isMissing(value) {
  if (value === null || value === undefined) return true;
  if (typeof value === 'number') return Number.isNaN(value);
  return typeof value === 'string' && MISSING.has(value.trim().toLowerCase());
}

function numberOf(value) {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || !DECIMAL.test(value.trim())) return undefined;
  const number = Number(value.trim());
  return Number.isFinite(number) ? number : undefined;
}

function levelOf(value) {
  const number = numberOf(value);
  if (number !== undefined) return String(number);
  return typeof value === 'string' ? value.trim() : String(value);
}

const levelIndex = levels.map((list) => (list ? new Map(list.map((level, i) => [level, i])) : null));
const width = levels.reduce((sum, list) => sum + (list ? list.length : 1), 0);

function scaled(x, c) {
  if (scaling.method === 'none') return x;
  const value = (x - scaling.offset[c]) / scaling.scale[c];
  return Number.isFinite(value) ? value : x / scaling.scale[c] - scaling.offset[c] / scaling.scale[c];
}

function unscaled(y, c) {
  if (targetScaling.method === 'none') return y;
  const value = y * targetScaling.scale[c] + targetScaling.offset[c];
  return Number.isFinite(value) ? value : (y + targetScaling.offset[c] / targetScaling.scale[c]) * targetScaling.scale[c];
}

/**
 * A raw row (the columns' values in order, or an object of them by name): for classes
 * { class, probabilities } (in target.classes' order), for values a Float64Array in the target's units.
 */
export function predict(row) {
  if (typeof row !== 'object' || row === null) throw new TypeError(\`predict: expected a row of \${columns.length} numbers, or an object of them by column name, got \${String(row)}\`);
  // in order: an array or a typed array; any other object by column name, its own properties only
  const byName = !Array.isArray(row) && !(ArrayBuffer.isView(row) && !(row instanceof DataView));
  if (!byName && row.length !== columns.length) throw new TypeError(\`predict: expected \${columns.length} values (\${columns.join(', ')}), got \${row.length}\`);
  const x = new Real(width);
  let i = 0;
  for (let c = 0; c < columns.length; c++) {
    let value = !byName ? row[c] : Object.hasOwn(row, columns[c]) ? row[columns[c]] : undefined;
    if (isMissing(value)) {
      if (fill === null) throw new TypeError(\`predict: '\${columns[c]}' must be a finite number, got \${String(value)}\`);
      value = fill[c];
    }
    const index = levelIndex[c];
    if (index) {
      // one input per level: 1 for the row's, all 0 for a level never seen in training
      const level = index.get(levelOf(value));
      if (level !== undefined) x[i + level] = 1;
      i += index.size;
      continue;
    }
    const number = numberOf(value);
    if (number === undefined) throw new TypeError(\`predict: '\${columns[c]}' must be a finite number, got \${String(value)}\`);
    const input = scaled(number, c);
    if (!Number.isFinite(input)) throw new RangeError(\`predict: '\${columns[c]}' is too far outside the range of the training rows to be scaled, got \${value}\`);
    if (Math.abs(input) > LARGEST) throw new RangeError(\`predict: '\${columns[c]}' scaled is \${input}, beyond ±\${LARGEST} (the network's precision is '\${precision}'), got \${value}\`);
    x[i++] = input;
  }
  const output = network(x);
  if (target.kind === 'classes') {
    let best = 0;
    if (output.length === 1) best = output[0] >= 0.5 ? 1 : 0;
    else for (let c = 1; c < output.length; c++) if (output[c] > output[best]) best = c;
    const name = target.classes[best];
    return { class: target.numbers ? Number(name) : name, probabilities: output.length === 1 ? [1 - output[0], output[0]] : Array.from(output) };
  }
  return output.map((y, c) => {
    const value = unscaled(y, c);
    if (!Number.isFinite(value)) throw new RangeError(\`predict: the predicted '\${target.columns[c]}' is not a finite number (the row is too far outside the range of the training rows)\`);
    return value;
  });
}
`;
