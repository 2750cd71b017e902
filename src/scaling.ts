// Input and value-target scaling, fitted on the training rows and kept with the model, so new rows
// are transformed exactly as training's were: x' = (x - offset) / scale, and outputs mapped back
// with y * scale + offset. Any finite column can be fitted: the statistics are taken on the values
// divided by a power of two near the column's largest magnitude (exact, so ordinary data gets the
// very same numbers), and the stored offset and scale are always finite.

/** A table of numbers, row-major: `shape` is [rows, columns]. */
export interface NumberTable {
  data: ArrayLike<number>;
  shape: readonly [number, number];
}

export type ScalingMethod = 'standard' | 'minmax' | 'none';
export const SCALING_METHODS: readonly ScalingMethod[] = ['standard', 'minmax', 'none'];

export interface Scaling {
  method: ScalingMethod;
  offset: number[];
  scale: number[];
}

/** standard: mean 0 and standard deviation 1; minmax: [0, 1]; none: unchanged. A constant column maps to 0. */
export function fitScaling(matrix: NumberTable, method: ScalingMethod): Scaling {
  const [rows, width] = matrix.shape;
  const { offset, scale } = noScaling(width);
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

/** A network output in the target's units: y * scale + offset (another way where that overflows but the result does not). */
export function unscaled(y: number, scaling: Scaling, c: number): number {
  if (scaling.method === 'none') return y;
  const { offset, scale } = scaling;
  const value = y * scale[c] + offset[c];
  return Number.isFinite(value) ? value : (y + offset[c] / scale[c]) * scale[c];
}

/** The scaling that leaves `width` columns as they are (offset 0, scale 1). */
export function noScaling(width: number): Scaling {
  return { method: 'none', offset: new Array<number>(width).fill(0), scale: new Array<number>(width).fill(1) };
}
