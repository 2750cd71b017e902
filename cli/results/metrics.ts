// How well a trained network does on a data set: the library's loss and accuracy, and from its
// predictions (a block of rows at a time) a confusion matrix (classes) or the error in the target's
// own units (values).
import type { NeuralNetwork } from 'neural-wasm';
import { predictedClass } from 'neural-wasm/datasets';
import type { TargetData } from '../data/target';
import { type Matrix, rowCount } from '../data/matrix';
import { type Scaling, unscaled } from '../data/normalize';
import { predictionBlocks } from './prediction-blocks';

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
export function measure(net: NeuralNetwork, inputs: Matrix, targets: Matrix, truth: TargetData, targetScaling: Scaling | null): Metrics {
  const rows = rowCount(inputs);
  const { loss, accuracy } = net.evaluate(inputs, targets);
  if (truth.target.kind === 'classes') {
    const classCount = truth.target.classes.length;
    const confusion = Array.from({ length: classCount }, () => new Array<number>(classCount).fill(0));
    for (const { first, outputs } of predictionBlocks(net, inputs)) {
      outputs.forEach((output, i) => confusion[truth.labels[first + i]][predictedClass(output)]++);
    }
    const correct = confusion.reduce((sum, row, c) => sum + row[c], 0);
    return { rows, loss, accuracy, correct, confusion };
  }
  const values = truth.values!;
  const width = values.shape[1];
  const squares = new Array<number>(width).fill(0);
  for (const { first, outputs } of predictionBlocks(net, inputs)) {
    outputs.forEach((output, i) => {
      for (let c = 0; c < width; c++) {
        const predicted = targetScaling ? unscaled(output[c], targetScaling, c) : output[c];
        squares[c] += (predicted - values.data[(first + i) * width + c]) ** 2;
      }
    });
  }
  return { rows, loss, rmse: squares.map((sum) => Math.sqrt(sum / rows)) };
}
