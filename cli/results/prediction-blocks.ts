// Predictions for many rows, a block of rows at a time: the library returns one Float64Array per
// row, too many objects to hold for millions of rows at once.
import type { NeuralNetwork } from 'neural-wasm';
import { type Matrix, rowCount, rowSlice } from '../data/matrix';

const BLOCK_ROWS = 16_384;

export interface PredictionBlock {
  /** The index of the block's first row. */
  first: number;
  /** One network output per row of the block. */
  outputs: Float64Array[];
}

export function* predictionBlocks(net: NeuralNetwork, inputs: Matrix): Generator<PredictionBlock> {
  const rows = rowCount(inputs);
  for (let first = 0; first < rows; first += BLOCK_ROWS) {
    yield { first, outputs: net.predict(rowSlice(inputs, first, Math.min(rows, first + BLOCK_ROWS))) };
  }
}
