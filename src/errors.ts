// Every error the library throws is built here, so each message says the same thing the same way:
// what was expected, and what came.

// A value of the wrong shape: the tutorial's error for a wrong input width, used for every
// count, width or length that does not fit the network.
export class InputShapeError extends Error {
  override name = 'InputShapeError';
}

// A short description of what the caller passed, for "got ..." in messages.
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)}`;
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name} of ${(value as unknown as ArrayLike<number>).length}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

// A value read from a file, as JSON but bounded: two levels deep and a few items a level, so that a
// message names a value of any size or depth (a 100,000-deep array) without printing all of it.
export function preview(value: unknown, depth = 2): string {
  const items = (list: string[], count: number) => list.join(',') + (count > list.length ? ',…' : '');
  if (Array.isArray(value)) return depth === 0 ? '[…]' : `[${items(value.slice(0, 6).map((item) => preview(item, depth - 1)), value.length)}]`;
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value);
  if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value);
    if (depth === 0) return keys.length ? '{…}' : '{}';
    return `{${items(keys.slice(0, 6).map((key) => `${preview(key)}:${preview((value as Record<string, unknown>)[key], depth - 1)}`), keys.length)}}`;
  }
  return typeof value === 'function' ? 'a function' : String(value);
}

export function typeError(what: string, expected: string, got: unknown): TypeError {
  return new TypeError(`${what} must be ${expected}, got ${describe(got)}`);
}

export function rangeError(what: string, expected: string, got: unknown): RangeError {
  return new RangeError(`${what} must be ${expected}, got ${describe(got)}`);
}

export function shapeError(what: string, expected: string, got: string): InputShapeError {
  return new InputShapeError(`${what} must be ${expected}, got ${got}`);
}

export function unknownOption(where: string, name: string, known: readonly string[]): TypeError {
  return new TypeError(`unknown ${where.replace(/ options$/, '')} option '${name}': expected one of ${known.join(', ')}`);
}

export function unknownKey(what: string, key: string, known: readonly string[]): TypeError {
  return new TypeError(`unknown ${what} key '${key}': expected only ${known.join(', ')}`);
}

export function unknownName(what: string, got: unknown, known: readonly string[]): RangeError {
  return rangeError(what, `one of ${known.map((k) => `'${k}'`).join(', ')}`, got);
}

export function disposedError(): Error {
  return new Error('this NeuralNetwork has been disposed: create a new one or load it with fromJSON');
}

export function busyError(call: string, during: 'fit' | 'fitAsync'): Error {
  return new Error(
    during === 'fit'
      ? `${call} cannot be called while this network is training (from onProgress); return false from onProgress to stop training first`
      : `${call} cannot be called while fitAsync is training this network; abort its signal and await it first`,
  );
}

export function tooLarge(what: string, count: number, limit: number): RangeError {
  return new RangeError(
    `${what} needs ${count.toLocaleString('en-US')} values, more than the core's memory can hold ` +
      `(at most ${limit.toLocaleString('en-US')})`,
  );
}

// A constant a float32 ONNX model cannot hold: past float32's range (±3.4e38) it would be Infinity
// there, and the outputs NaN. `problem` names it and its value, so the CLI can name its own flag.
export class Float32RangeError extends RangeError {
  override name = 'Float32RangeError';
  readonly problem: string;
  constructor(what: string, value: number) {
    const problem = Number.isFinite(Math.fround(value))
      ? `${what} is ${value}, which float32 rounds to 0: a float32 ONNX model would divide by 0 there`
      : `${what} is ${value}, beyond float32's range (±3.4e38): a float32 ONNX model would hold Infinity there`;
    super(`toONNX: ${problem} (precision 'float64' holds it)`);
    this.problem = problem;
  }
}

// A part of a model made by another library (src/tfjs-import.ts) that this one has no equivalent
// of: what it is, and what this library has instead.
export function unsupported(what: string, instead: string): RangeError {
  return new RangeError(`${what} is not supported: ${instead}`);
}
