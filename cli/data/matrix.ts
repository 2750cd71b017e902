// Numbers as the CLI holds them: a table is one row-major Float64Array with its shape, the form the
// library takes as it is ({ data, shape }), so millions of rows cost 8 bytes a value and no objects
// per row. Tables are read a row at a time into arrays that grow by doubling.

export interface Matrix {
  data: Float64Array;
  shape: [rows: number, columns: number];
}

export function rowCount(matrix: Matrix): number {
  return matrix.shape[0];
}

/** A view of rows [start, end) (no copy). */
export function rowSlice(matrix: Matrix, start: number, end: number): Matrix {
  const width = matrix.shape[1];
  return { data: matrix.data.subarray(start * width, end * width), shape: [end - start, width] };
}

/** The values of one column. */
export function columnValues(matrix: Matrix, column: number): Float64Array {
  const [rows, width] = matrix.shape;
  const values = new Float64Array(rows);
  for (let r = 0; r < rows; r++) values[r] = matrix.data[r * width + column];
  return values;
}

/** The given rows of a matrix, in that order (a copy). */
export function pickMatrixRows(matrix: Matrix, rows: Uint32Array): Matrix {
  const width = matrix.shape[1];
  const data = new Float64Array(rows.length * width);
  for (let i = 0; i < rows.length; i++) data.set(matrix.data.subarray(rows[i] * width, (rows[i] + 1) * width), i * width);
  return { data, shape: [rows.length, width] };
}

/** Rows of numbers (a built-in set's) as a matrix. */
export function matrixFromRows(rows: readonly ArrayLike<number>[], width: number): Matrix {
  const data = new Float64Array(rows.length * width);
  rows.forEach((row, r) => data.set(row, r * width));
  return { data, shape: [rows.length, width] };
}

type NumberArray = Float64Array | Uint32Array | Int32Array;

/** A typed array that values are appended to, doubling its room when full. */
export class GrowingArray<T extends NumberArray> {
  #values: T;
  length = 0;

  constructor(private readonly make: (length: number) => T) {
    this.#values = make(1024);
  }

  push(value: number): void {
    if (this.length === this.#values.length) {
      const grown = this.make(this.#values.length * 2);
      grown.set(this.#values);
      this.#values = grown;
    }
    this.#values[this.length++] = value;
  }

  /** The values so far, in an array of their size (the unused room is let go). */
  values(): T {
    if (this.#values.length !== this.length) this.#values = this.#values.slice(0, this.length) as T;
    return this.#values;
  }
}

export const growingFloat64 = () => new GrowingArray((n) => new Float64Array(n));
export const growingUint32 = () => new GrowingArray((n) => new Uint32Array(n));
export const growingInt32 = () => new GrowingArray((n) => new Int32Array(n));

