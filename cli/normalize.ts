// Input (and regression target) scaling, fitted on the training rows and stored in the model
// file, so predict and evaluate transform new rows exactly as training did: x' = (x - offset) / scale.

export type ScalingMethod = 'standard' | 'minmax' | 'none';
export const SCALING_METHODS: readonly ScalingMethod[] = ['standard', 'minmax', 'none'];

export interface Scaling {
  method: ScalingMethod;
  offset: number[];
  scale: number[];
}

/** standard: mean 0 and standard deviation 1; minmax: [0, 1]; none: unchanged. A constant column maps to 0. */
export function fitScaling(rows: readonly number[][], width: number, method: ScalingMethod): Scaling {
  const offset = new Array<number>(width).fill(0);
  const scale = new Array<number>(width).fill(1);
  if (method === 'none' || rows.length === 0) return { method, offset, scale };
  for (let c = 0; c < width; c++) {
    if (method === 'minmax') {
      let low = Infinity;
      let high = -Infinity;
      for (const row of rows) {
        low = Math.min(low, row[c]);
        high = Math.max(high, row[c]);
      }
      offset[c] = low;
      scale[c] = high > low ? high - low : 1;
    } else {
      let sum = 0;
      for (const row of rows) sum += row[c];
      const mean = sum / rows.length;
      let squares = 0;
      for (const row of rows) squares += (row[c] - mean) ** 2;
      const deviation = Math.sqrt(squares / rows.length);
      offset[c] = mean;
      scale[c] = deviation > 0 ? deviation : 1;
    }
  }
  return { method, offset, scale };
}

export function applyScaling(rows: readonly number[][], scaling: Scaling): number[][] {
  if (scaling.method === 'none') return rows.map((row) => [...row]);
  return rows.map((row) => row.map((x, c) => (x - scaling.offset[c]) / scaling.scale[c]));
}

export function invertScaling(row: ArrayLike<number>, scaling: Scaling): number[] {
  return Array.from(row, (x, c) => (scaling.method === 'none' ? x : x * scaling.scale[c] + scaling.offset[c]));
}
