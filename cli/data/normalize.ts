// Scaling as the CLI applies it: the library's (neural-wasm/model: fitted on the training rows, kept
// in the model file), in place over a whole table, with the error that names a value's place.
import { type Scaling, scaled } from '../../src/scaling';
import type { Matrix } from './matrix';

export { type Scaling, type ScalingMethod, SCALING_METHODS, fitScaling, scaled, unscaled } from '../../src/scaling';

/**
 * Scales a matrix in place. Training rows always scale to finite numbers; a value that does not
 * (a held-out row far outside the training rows' range) is an error, made by `fail(row, column)`.
 */
export function scaleInPlace(matrix: Matrix, scaling: Scaling, fail: (row: number, column: number) => Error): void {
  if (scaling.method === 'none') return;
  const { data } = matrix;
  const width = matrix.shape[1];
  for (let i = 0; i < data.length; i++) {
    const value = scaled(data[i], scaling, i % width);
    if (!Number.isFinite(value)) throw fail(Math.floor(i / width), i % width);
    data[i] = value;
  }
}

/** Why a value cannot be scaled, for the message that names its place. */
export function notScalable(value: string | number): string {
  return `${typeof value === 'string' ? value : String(value)} is too far outside the range of the training rows: scaled as they were, it is beyond the largest number`;
}

