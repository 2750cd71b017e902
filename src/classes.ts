// The rules of classes, one place for the library, the CLI and the playground: class labels as
// targets (one 0/1 output for two classes, one-hot outputs for more), the output layer and loss
// that fit them, and the class an output row predicts.

/** Targets for class labels: one 0/1 column for two classes, one-hot columns for more. */
export function encodeLabels(labels: readonly number[], classes: number): number[][] {
  const { data, shape } = encodeClasses(Int32Array.from(labels), classes);
  return labels.map((_, r) => Array.from(data.subarray(r * shape[1], (r + 1) * shape[1])));
}

/** encodeLabels' targets in one typed array (row-major, [rows, outputs]), for millions of rows. */
export function encodeClasses(labels: Int32Array, classes: number): { data: Float64Array; shape: [rows: number, columns: number] } {
  const width = classOutput(classes).units;
  const data = new Float64Array(labels.length * width);
  if (width === 1) data.set(labels);
  else labels.forEach((label, r) => (data[r * width + label] = 1));
  return { data, shape: [labels.length, width] };
}

/** The output layer that fits targets made by encodeLabels, and the loss that goes with it. */
export interface ClassOutput {
  /** Output units: 1 for two classes (the probability of the second), else one per class. */
  units: number;
  activation: 'sigmoid' | 'softmax';
  loss: 'binaryCrossEntropy' | 'crossEntropy';
}

/** One sigmoid output and binary cross-entropy for two classes; a softmax over the classes and cross-entropy for more. */
export function classOutput(classes: number): ClassOutput {
  return classes === 2
    ? { units: 1, activation: 'sigmoid', loss: 'binaryCrossEntropy' }
    : { units: classes, activation: 'softmax', loss: 'crossEntropy' };
}

/**
 * The class one output row predicts, as fit and evaluate count accuracy (the core's twin is
 * isCorrect in assembly/losses.ts): several outputs are the index of the largest (the first of
 * equals); one output is class 1 from 0.5 up, else class 0, which is the core's rounded output for
 * every output in [-0.5, 1.5), a sigmoid's included.
 */
export function predictedClass(output: ArrayLike<number>): number {
  if (output.length === 1) return output[0] >= 0.5 ? 1 : 0;
  let best = 0;
  for (let c = 1; c < output.length; c++) if (output[c] > output[best]) best = c;
  return best;
}

/**
 * The order of a target's classes, from the distinct labels: numbers (or numerals, as a CSV cell
 * holds them) in numeric order under their shortest spelling ("1.0" is "1"); otherwise the names
 * in text order.
 */
export function classOrder(distinct: Iterable<string | number>): string[] {
  const labels = [...new Set(distinct)];
  const numbers = labels.map((label) => (typeof label === 'number' ? label : decimalNumber(label)));
  if (numbers.every((x) => x !== undefined)) return [...new Set(numbers as number[])].sort((a, b) => a - b).map(String);
  return [...new Set(labels.map(String))].sort();
}

const classIndexes = new WeakMap<readonly string[], Map<string, number>>();

/** A label's index in the target's classes: by name, or a number (or a number's spelling) by its shortest spelling. Undefined for an unknown class. */
export function classIndex(target: { classes: readonly string[] }, label: string | number): number | undefined {
  // a name -> index map per class list, made once: a table of millions of rows looks up every row
  let index = classIndexes.get(target.classes);
  if (index === undefined) classIndexes.set(target.classes, (index = new Map(target.classes.map((name, i) => [name, i]))));
  const find = (name: string) => index.get(name);
  if (typeof label === 'number') return Number.isFinite(label) ? find(String(label)) : undefined;
  if (typeof label !== 'string') return undefined;
  const number = decimalNumber(label);
  return find(label) ?? (number === undefined ? undefined : find(String(number)));
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** The number a decimal numeral spells (as a CSV cell holds it), or undefined for anything else (empty, NaN, hex, words, beyond the largest double). */
export function decimalNumber(text: string): number | undefined {
  if (!DECIMAL.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}
