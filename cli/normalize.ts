// Input (and regression target) scaling, fitted on the training rows and stored in the model
// file, so predict and evaluate transform new rows exactly as training did: x' = (x - offset) / scale.
// Any finite column can be fitted: the statistics are taken on the values divided by a power of two
// near the column's largest magnitude (exact, so ordinary data gets the very same numbers), and the
// stored offset and scale are always finite.
import type { Matrix } from './matrix';

export type ScalingMethod = 'standard' | 'minmax' | 'none';
export const SCALING_METHODS: readonly ScalingMethod[] = ['standard', 'minmax', 'none'];

export interface Scaling {
  method: ScalingMethod;
  offset: number[];
  scale: number[];
}

/** standard: mean 0 and standard deviation 1; minmax: [0, 1]; none: unchanged. A constant column maps to 0. */
export function fitScaling(matrix: Matrix, method: ScalingMethod): Scaling {
  const [rows, width] = matrix.shape;
  const offset = new Array<number>(width).fill(0);
  const scale = new Array<number>(width).fill(1);
  if (method === 'none' || rows === 0) return { method, offset, scale };
  const { data } = matrix;
  for (let c = 0; c < width; c++) {
    let largest = 0;
    for (let i = c; i < data.length; i += width) largest = Math.max(largest, Math.abs(data[i]));
    if (largest === 0) continue;
    // values / unit are at most 2 in magnitude: no sum or square below can overflow
    const unit = 2 ** Math.min(1023, Math.ceil(Math.log2(largest)));
    if (method === 'minmax') {
      let low = Infinity;
      let high = -Infinity;
      for (let i = c; i < data.length; i += width) {
        low = Math.min(low, data[i]);
        high = Math.max(high, data[i]);
      }
      offset[c] = low;
      // a range wider than the largest double (-1e308 to 1e308) gets the largest: values then span [0, 2)
      const range = (high / unit - low / unit) * unit;
      scale[c] = high > low ? Math.min(range, Number.MAX_VALUE) : 1;
    } else {
      let sum = 0;
      for (let i = c; i < data.length; i += width) sum += data[i] / unit;
      const mean = sum / rows;
      let squares = 0;
      for (let i = c; i < data.length; i += width) squares += (data[i] / unit - mean) ** 2;
      const deviation = Math.sqrt(squares / rows) * unit;
      offset[c] = mean * unit;
      scale[c] = deviation > 0 ? deviation : 1;
    }
  }
  return { method, offset, scale };
}

/** One value of column `c` scaled: (x - offset) / scale, computed another way where x - offset overflows. */
export function scaled(x: number, scaling: Scaling, c: number): number {
  if (scaling.method === 'none') return x;
  const { offset, scale } = scaling;
  const value = (x - offset[c]) / scale[c];
  return Number.isFinite(value) ? value : x / scale[c] - offset[c] / scale[c];
}

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

/** A network output in the target's units: y * scale + offset (another way where that overflows but the result does not). */
export function unscaled(y: number, scaling: Scaling, c: number): number {
  if (scaling.method === 'none') return y;
  const { offset, scale } = scaling;
  const value = y * scale[c] + offset[c];
  return Number.isFinite(value) ? value : (y + offset[c] / scale[c]) * scale[c];
}
