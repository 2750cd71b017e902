// Input and target scaling (cli/normalize.ts), in-process: fitted on the training rows, stored as
// finite numbers whatever the values, and undone exactly enough for predictions in the target's units.
import { describe, expect, it } from 'vitest';
import { fitScaling, scaleInPlace, scaled, unscaled } from '../../cli/data/normalize';
import type { Matrix } from '../../cli/data/matrix';

const matrix = (rows: number[][]): Matrix => ({ data: Float64Array.from(rows.flat()), shape: [rows.length, rows[0].length] });
const never = () => new Error('not expected to fail');

describe('fitScaling', () => {
  it('standard: mean 0 and standard deviation 1 per column; a constant column maps to 0', () => {
    const data = matrix([[1, 5], [2, 5], [3, 5], [4, 5]]);
    const scaling = fitScaling(data, 'standard');
    expect(scaling.offset).toEqual([2.5, 5]);
    expect(scaling.scale[0]).toBeCloseTo(Math.sqrt(1.25), 15);
    expect(scaling.scale[1]).toBe(1);
    scaleInPlace(data, scaling, never);
    const column = (c: number) => [0, 1, 2, 3].map((r) => data.data[r * 2 + c]);
    expect(column(0).reduce((a, b) => a + b, 0)).toBeCloseTo(0, 15);
    expect(column(0).reduce((a, b) => a + b * b, 0) / 4).toBeCloseTo(1, 15);
    expect(column(1)).toEqual([0, 0, 0, 0]);
  });

  it('minmax: [0, 1] per column', () => {
    const data = matrix([[-2, 10], [0, 30], [2, 20]]);
    const scaling = fitScaling(data, 'minmax');
    expect(scaling).toEqual({ method: 'minmax', offset: [-2, 10], scale: [4, 20] });
    scaleInPlace(data, scaling, never);
    expect(Array.from(data.data)).toEqual([0, 0, 0.5, 1, 1, 0.5]);
  });

  it('none: unchanged', () => {
    const data = matrix([[3, -7]]);
    expect(fitScaling(data, 'none')).toEqual({ method: 'none', offset: [0, 0], scale: [1, 1] });
  });

  it('any finite column (1e308s, a range wider than the largest double) gives finite numbers, and the training rows scale to finite values', () => {
    for (const method of ['standard', 'minmax'] as const) {
      const data = matrix([[1e308], [-1e308], [1e308], [5e307]]);
      const scaling = fitScaling(data, method);
      expect([...scaling.offset, ...scaling.scale].every(Number.isFinite), method).toBe(true);
      scaleInPlace(data, scaling, never);
      expect(Array.from(data.data).every(Number.isFinite), method).toBe(true);
    }
  });
});

describe('scaled, unscaled, scaleInPlace', () => {
  it('unscaled undoes scaled (to rounding)', () => {
    const scaling = fitScaling(matrix([[1], [4], [10]]), 'standard');
    for (const x of [-3, 0, 2.5, 1e6]) expect(unscaled(scaled(x, scaling, 0), scaling, 0)).toBeCloseTo(x, 6);
  });

  it('a value that does not scale to a finite number (far outside the training rows) is the caller\'s error, with its row and column', () => {
    const scaling = fitScaling(matrix([[0, 0], [1e-300, 1]]), 'minmax');
    const rows = matrix([[0.5e-300, 0.5], [1e10, 0.5]]);
    expect(() => scaleInPlace(rows, scaling, (row, column) => new Error(`row ${row}, column ${column}`))).toThrow('row 1, column 0');
  });
});
