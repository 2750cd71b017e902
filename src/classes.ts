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
