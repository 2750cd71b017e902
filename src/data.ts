// Data sets as the user passes them (arrays of rows, typed-array rows, a flat list of targets, or
// one flat typed array with its shape), checked and written row-major into the core's data buffer
// (a Float64Array, or a Float32Array at precision 'f32'), so a data set crosses into the core once.
import { InputShapeError, typeError, rangeError, shapeError } from './errors.js';
import type { RealArray } from './core.js';

export type Row = ArrayLike<number>;
/** A whole data set as one flat array, row-major, with its shape [rows, columns]. */
export interface Matrix {
  data: Float64Array | Float32Array | ArrayLike<number>;
  shape: readonly [number, number];
}
export type Rows = readonly Row[] | Matrix;
/** Targets: rows, a Matrix, or for a one-output network a flat list such as [0, 0, 1, 1]. */
export type Targets = Rows | ArrayLike<number>;

/** A data set whose structure has been checked; `write` checks every value as it copies it. */
export interface Table {
  rows: number;
  /** Writes the values row-major into target; throws at the first value that is not a finite number in range. */
  write(target: RealArray): void;
}

/** Bounds every value must keep (targets of a cross-entropy loss are probabilities). */
export interface ValueRange {
  low: number;
  high: number;
  reason: string;
}

const isArrayLike = (value: unknown): value is ArrayLike<unknown> =>
  Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));

function isMatrix(value: unknown): value is Matrix {
  return typeof value === 'object' && value !== null && !isArrayLike(value) && 'shape' in value && 'data' in value;
}

// a range within float32's (the values of a precision 'f32' network)
function f32Range(range: ValueRange | undefined): ValueRange {
  return range ?? { low: -F32_MAX, high: F32_MAX, reason: "(float32's range: the network's precision is 'f32')" };
}

function badValue(where: string, value: unknown, range?: ValueRange): Error {
  if (typeof value !== 'number') return typeError(where, 'a number', value);
  if (!Number.isFinite(value)) return rangeError(where, 'a finite number', value);
  return rangeError(where, `in [${range!.low}, ${range!.high}] ${range!.reason}`, value);
}

type NumberArray = Exclude<ArrayBufferView, DataView | BigInt64Array | BigUint64Array> & ArrayLike<number> & { subarray(from: number, to: number): NumberArray };

function isNumberArray(value: ArrayLike<unknown>): value is NumberArray {
  return ArrayBuffer.isView(value) && !(value instanceof DataView || value instanceof BigInt64Array || value instanceof BigUint64Array);
}

// The first of n values from `from` outside [least, most] (finite bounds, which NaN and Infinity
// fail), or -1: a loop of its own, so that V8 sees only typed arrays here and reads them at full speed.
function firstOutside(source: NumberArray, from: number, n: number, least: number, most: number): number {
  for (let i = 0; i < n; i++) {
    const v = source[from + i];
    if (!(v >= least && v <= most)) return i;
  }
  return -1;
}

/** The largest finite float32: an f32 core's values stay within it (beyond, they would be Infinity). */
export const F32_MAX = 3.4028234663852886e38;

// copies n values of source (from `from`) to target (from `to`), checking each one
function copyValues(
  source: ArrayLike<unknown>, from: number, target: RealArray, to: number, n: number,
  range: ValueRange | undefined, where: (i: number) => string,
): void {
  if (target instanceof Float32Array) range = f32Range(range);
  const low = range ? range.low : -Infinity;
  const high = range ? range.high : Infinity;
  if (isNumberArray(source)) {
    // a typed array of numbers (a Matrix's data, typed rows): copied natively, then checked in a
    // loop with no type test, between finite bounds (which NaN and Infinity fail); a bad value
    // still stops the call before the core uses any
    target.set(source.subarray(from, from + n), to);
    const bad = firstOutside(source, from, n, Math.max(low, -Number.MAX_VALUE), Math.min(high, Number.MAX_VALUE));
    if (bad >= 0) throw badValue(where(bad), source[from + bad], range);
    return;
  }
  for (let i = 0; i < n; i++) {
    const v = source[from + i] as number;
    // typeof, then finite and in range in one comparison (NaN fails both)
    if (typeof v !== 'number' || !(v >= low && v <= high) || v - v !== 0) throw badValue(where(i), v, range);
    target[to + i] = v;
  }
}

/**
 * Checks the structure of a data set of rows `width` wide: its kind, row count, and every row's
 * width. `what` names it in messages ('inputs', 'targets').
 */
export function readTable(source: unknown, width: number, what: string, range?: ValueRange, flatAllowed = false): Table {
  if (isMatrix(source)) {
    const { data, shape } = source;
    if (!isArrayLike(data)) throw typeError(`${what}.data`, 'a Float64Array, Float32Array or array of numbers', data);
    if (!Array.isArray(shape) || shape.length !== 2) throw typeError(`${what}.shape`, '[rows, columns]', shape);
    shape.forEach((size, i) => {
      if (typeof size !== 'number') throw typeError(`${what}.shape[${i}]`, 'a non-negative integer', size);
      if (!Number.isInteger(size) || size < 0) throw rangeError(`${what}.shape[${i}]`, 'a non-negative integer', size);
    });
    const [rows, columns] = shape;
    if (columns !== width) throw shapeError(`${what}.shape[1]`, `${width} (the network's width there)`, String(columns));
    if (rows === 0) throw shapeError(what, 'at least one row', '0 rows');
    if (data.length !== rows * columns) {
      throw shapeError(`${what}.data`, `${rows} x ${columns} = ${rows * columns} values for shape [${rows}, ${columns}]`, plural(data.length, 'value'));
    }
    return {
      rows,
      write: (target) => copyValues(data, 0, target, 0, rows * columns, range, (i) => `${what}[${Math.floor(i / columns)}][${i % columns}]`),
    };
  }
  if (!isArrayLike(source)) {
    throw typeError(what, 'an array of rows, or { data, shape } with one flat array', source);
  }
  if (source.length === 0) throw shapeError(what, 'at least one row', 'an empty array');
  const first = source[0];
  if (flatAllowed && width === 1 && !isArrayLike(first)) {
    // [0, 0, 1, 1]: one value per sample
    return {
      rows: source.length,
      write: (target) => copyValues(source, 0, target, 0, source.length, range, (i) => `${what}[${i}]`),
    };
  }
  for (let r = 0; r < source.length; r++) {
    const row = source[r];
    if (!isArrayLike(row)) {
      throw typeError(`${what}[${r}]`, `a row of ${plural(width, 'number')}`, row);
    }
    if (row.length !== width) {
      throw shapeError(`${what}[${r}]`, `a row of ${plural(width, 'value')} (the network's width there)`, plural(row.length, 'value'));
    }
  }
  const rows = source as ArrayLike<ArrayLike<unknown>>;
  return {
    rows: rows.length,
    write: (target) => {
      for (let r = 0; r < rows.length; r++) {
        copyValues(rows[r], 0, target, r * width, width, range, (i) => `${what}[${r}][${i}]`);
      }
    },
  };
}

/**
 * Checks one flat list of exactly `length` numbers (one sample, a layer's biases, a layer's weights
 * row-major); `expected` says what it is, for messages (a function: predict-one calls this often).
 */
export function readFlat(source: unknown, length: number, what: string, expected: () => string, range?: ValueRange): Table {
  if (!isArrayLike(source)) throw typeError(what, expected(), source);
  if (source.length !== length) throw shapeError(what, expected(), plural(source.length, 'value'));
  return {
    rows: 1,
    write: (target) => copyValues(source, 0, target, 0, length, range, (i) => `${what}[${i}]`),
  };
}

export function isArrayOfRows(value: unknown): boolean {
  return isArrayLike(value) && value.length > 0 && isArrayLike(value[0]);
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** True when `input` is one sample (a row of numbers) rather than a list of samples. */
export function isOneSample(input: unknown): boolean {
  if (ArrayBuffer.isView(input)) return true;
  return Array.isArray(input) && input.length > 0 && !isArrayLike(input[0]) && !isMatrix(input);
}

/** `prefix` names a data set other than the training data ('validationData.'). */
export function checkSameRows(inputs: Table, targets: Table, prefix = ''): void {
  if (inputs.rows !== targets.rows) {
    const rowOf = prefix ? `${prefix}inputs row` : 'input row';
    throw new InputShapeError(`${prefix}targets must have one row per ${rowOf} (${inputs.rows}), got ${targets.rows}`);
  }
}
