// A network as a standalone ES module: its weights inline and a plain-JS predict(row), no imports,
// for any page, worker or server. The module computes what the core computes, the same operations
// in the same order (assembly/kernels.ts: each output's sum starts from its bias and adds x[i] *
// W[i][j] for i in order; assembly/activations.ts: the same sigmoid, tanh, relu and softmax), so
// it gives the 'js' core's predictions to the last bit. (The WASM cores' exp and tanh may differ
// from the engine's in the last bit, as they differ from the 'js' core.)
import type { NeuralNetwork } from './network.js';
import type { Model } from './model-file.js';
import { typeError } from './errors.js';

export interface StandaloneOptions {
  /**
   * How the weights are written: `'base64'` (default: the doubles' bytes, about 11 characters a
   * weight) or `'decimal'` (the shortest text that reads back as the same double: readable, about
   * twice the size for trained weights).
   */
  encoding?: 'base64' | 'decimal';
}

const ENCODINGS = ['base64', 'decimal'] as const;

/**
 * The source text of an ES module exporting `predict(row)`, `inputSize`, `outputSize` and `layers`.
 * From a Model (neural-wasm/model) its preprocessing comes along: `predict` then takes raw rows (in
 * order, or by column name) and answers as Model#predict does, bit for bit on the 'js' core.
 */
export function toStandalone(source: NeuralNetwork | Model, options: StandaloneOptions = {}): string {
  const model = 'inputs' in source && 'network' in source ? source : undefined;
  const net = model ? model.network : (source as NeuralNetwork);
  const encoding = options.encoding ?? 'base64';
  if (!ENCODINGS.includes(encoding)) throw typeError('toStandalone encoding', "'base64' or 'decimal'", encoding);
  const { weights, biases } = net.getWeights();
  const write = encoding === 'base64' ? (values: Float64Array) => `doubles(${JSON.stringify(base64(values))})` : decimal;
  const layers = net.activation.map(
    (activation, l) => `  [${net.layers[l]}, ${net.layers[l + 1]}, ${JSON.stringify(activation)}, ${write(weights[l])}, ${write(biases[l])}],`,
  );
  const shape = `${net.layers.join('-')} (${net.activation.join(', ')})`;
  const what = model ? `model (${model.inputs.columns.length} columns in, ${model.target.kind} out; network ${shape})` : `network ${shape}`;
  const same = model ? 'Model#predict' : 'NeuralNetwork#predict';
  return `// A neural-wasm ${what} as a standalone ES module: no imports.
// predict(row) returns what ${same} returns, to the last bit on the 'js' core.
${encoding === 'base64' ? DOUBLES : ''}
/** [inputs, outputs, activation, weights (row-major [inputs][outputs]), biases] of each layer. */
export const layers = [
${layers.join('\n')}
];
export const inputSize = ${net.inputSize};
export const outputSize = ${net.outputSize};
${NETWORK}${model ? preprocessing(model) : PREDICT}`;
}

// the model's columns, scalings and target as constants, and a predict that goes through them
function preprocessing(model: Model): string {
  const numbers = (values: readonly number[]) => `[${values.map((x) => (Object.is(x, -0) ? '-0' : String(x))).join(', ')}]`;
  const scalingText = (s: Model['targetScaling']) => (s ? `{ method: ${JSON.stringify(s.method)}, offset: ${numbers(s.offset)}, scale: ${numbers(s.scale)} }` : 'null');
  return `
/** The raw row's columns, in order, and how each is scaled: (x - offset) / scale. */
export const columns = ${JSON.stringify(model.inputs.columns)};
const scaling = ${scalingText(model.inputs.scaling)};
/** What the network predicts: classes by name, or value columns (mapped back: y * scale + offset). */
export const target = ${JSON.stringify(model.target)};
const targetScaling = ${scalingText(model.targetScaling)};
${MODEL_PREDICT}`;
}

// base64 of the doubles' bytes, little-endian (the order DOUBLES reads them in on any machine)
function base64(values: Float64Array): string {
  const bytes = new Uint8Array(values.length * 8);
  const view = new DataView(bytes.buffer);
  values.forEach((value, i) => view.setFloat64(i * 8, value, true));
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

// String(x) is the shortest decimal that reads back as x; -0 needs saying
function decimal(values: Float64Array): string {
  return `new Float64Array([${Array.from(values, (x) => (Object.is(x, -0) ? '-0' : String(x))).join(', ')}])`;
}

const DOUBLES = `
function doubles(text) {
  const bytes = atob(text);
  const view = new DataView(new ArrayBuffer(bytes.length));
  for (let i = 0; i < bytes.length; i++) view.setUint8(i, bytes.charCodeAt(i));
  const values = new Float64Array(bytes.length / 8);
  for (let i = 0; i < values.length; i++) values[i] = view.getFloat64(i * 8, true);
  return values;
}
`;

const NETWORK = `
function sigmoid(z) {
  const e = Math.exp(-Math.abs(z));
  return (z >= 0 ? 1 : e) / (1 + e);
}

function activate(kind, values) {
  if (kind === 'softmax') {
    let max = values[0];
    for (let i = 1; i < values.length; i++) max = Math.max(max, values[i]);
    let sum = 0;
    for (let i = 0; i < values.length; i++) {
      values[i] = Math.exp(values[i] - max);
      sum += values[i];
    }
    const inv = 1 / sum;
    for (let i = 0; i < values.length; i++) values[i] = values[i] * inv;
    return;
  }
  for (let i = 0; i < values.length; i++) {
    const z = values[i];
    if (kind === 'sigmoid') values[i] = sigmoid(z);
    else if (kind === 'tanh') values[i] = Math.tanh(z);
    else if (kind === 'relu') values[i] = z > 0 ? z : 0;
    else if (kind === 'leakyRelu') values[i] = z > 0 ? z : 0.01 * z;
  }
}

function network(x) {
  for (const [n, m, kind, w, b] of layers) {
    const y = new Float64Array(m);
    for (let j = 0; j < m; j++) {
      let sum = b[j];
      for (let i = 0; i < n; i++) sum += x[i] * w[i * m + j];
      y[j] = sum;
    }
    activate(kind, y);
    x = y;
  }
  return x;
}
`;

const PREDICT = `
/** The network's outputs (a Float64Array of outputSize) for one row of inputSize finite numbers. */
export function predict(row) {
  const length = row == null ? undefined : row.length;
  if (length !== inputSize) throw new TypeError(\`predict: expected a row of \${inputSize} numbers, got \${length === undefined ? String(row) : length + ' values'}\`);
  const x = new Float64Array(inputSize);
  for (let i = 0; i < inputSize; i++) {
    const value = row[i];
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new TypeError(\`predict: row[\${i}] must be a finite number, got \${String(value)}\`);
    x[i] = value;
  }
  return network(x);
}
`;

// neural-wasm/model's scaled, unscaled, class rule and answers (src/scaling.ts, src/model-file.ts)
const MODEL_PREDICT = `
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
  const x = new Float64Array(columns.length);
  for (let c = 0; c < columns.length; c++) {
    const value = !byName ? row[c] : Object.hasOwn(row, columns[c]) ? row[columns[c]] : undefined;
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new TypeError(\`predict: '\${columns[c]}' must be a finite number, got \${String(value)}\`);
    x[c] = scaled(value, c);
    if (!Number.isFinite(x[c])) throw new RangeError(\`predict: '\${columns[c]}' is too far outside the range of the training rows to be scaled, got \${value}\`);
  }
  const output = network(x);
  if (target.kind === 'classes') {
    let best = 0;
    if (output.length === 1) best = output[0] >= 0.5 ? 1 : 0;
    else for (let c = 1; c < output.length; c++) if (output[c] > output[best]) best = c;
    return { class: target.classes[best], probabilities: output.length === 1 ? [1 - output[0], output[0]] : Array.from(output) };
  }
  return output.map((y, c) => {
    const value = unscaled(y, c);
    if (!Number.isFinite(value)) throw new RangeError(\`predict: the predicted '\${target.columns[c]}' is not a finite number (the row is too far outside the range of the training rows)\`);
    return value;
  });
}
`;
