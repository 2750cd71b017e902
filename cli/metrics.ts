// How well a trained network does on a data set: the library's loss and accuracy, and from its
// predictions a confusion matrix (classes) or the error in the target's own units (values).
import type { NeuralNetwork } from 'neural-wasm';
import type { TargetData } from './target';
import { predictedClass } from './target';
import { type Scaling, invertScaling } from './normalize';

export interface Metrics {
  rows: number;
  /** The network's loss, as training reports it (for values: on the scaled target). */
  loss: number;
  /** Classes: the share predicted right, how many, and confusion[true][predicted]. */
  accuracy?: number;
  correct?: number;
  confusion?: number[][];
  /** Values: the root-mean-square error of each target column, in its own units. */
  rmse?: number[];
}

/** `inputs` and `targets` as the network sees them (scaled, encoded); `truth` as the data says. */
export function measure(net: NeuralNetwork, inputs: number[][], targets: number[][], truth: TargetData, targetScaling: Scaling | null): Metrics {
  const rows = inputs.length;
  const { loss, accuracy } = net.evaluate(inputs, targets);
  const outputs = net.predict(inputs) as Float64Array[];
  if (truth.target.kind === 'classes') {
    const classCount = truth.target.classes.length;
    const confusion = Array.from({ length: classCount }, () => new Array<number>(classCount).fill(0));
    outputs.forEach((output, r) => confusion[truth.labels[r]][predictedClass(output, classCount)]++);
    const correct = confusion.reduce((sum, row, c) => sum + row[c], 0);
    return { rows, loss, accuracy, correct, confusion };
  }
  const width = truth.target.columns.length;
  const squares = new Array<number>(width).fill(0);
  outputs.forEach((output, r) => {
    const predicted = targetScaling ? invertScaling(output, targetScaling) : Array.from(output);
    predicted.forEach((value, c) => (squares[c] += (value - truth.values[r][c]) ** 2));
  });
  return { rows, loss, rmse: squares.map((sum) => Math.sqrt(sum / rows)) };
}
