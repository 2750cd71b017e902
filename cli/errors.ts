// The CLI's errors. Each one is printed as one line, `neural-wasm: <message>`, and ends the process
// with a non-zero code: 2 for a mistake in the command line, 1 for everything else.

/** Bad data or a bad file: names the file, and the line and column where there is one. */
export class DataError extends Error {
  override name = 'DataError';
}

/** A mistake in the command line itself (an unknown flag, a bad flag value, a missing argument). */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Where in a CSV file a value is: `data.csv, line 5, column 'x2'`. */
export function place(source: string, line?: number, column?: string): string {
  let where = source;
  if (line !== undefined) where += `, line ${line}`;
  if (column !== undefined) where += `, column '${column}'`;
  return where;
}

export function dataError(message: string, source: string, line?: number, column?: string): DataError {
  return new DataError(`${place(source, line, column)}: ${message}`);
}

/** Quotes a cell or flag value for a message, shortened when long. */
export function quote(text: string): string {
  return JSON.stringify(text.length > 40 ? text.slice(0, 40) + '…' : text);
}

const NUMERAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * A value given for a number, quoted for "got ...". A numeral out of `low`..`high` (`lowOpen`: low
 * excluded) that the quote cannot show whole, or beyond the largest double, also says how long it
 * is and which end it is past: `"1111…" (1000 characters), too large`, where the quote alone would
 * look like no number.
 */
export function quoteNumber(text: string, low = -Number.MAX_VALUE, high = Number.MAX_VALUE, lowOpen = false): string {
  const value = Number(text);
  const shownWhole = text.length <= 40 && Number.isFinite(value);
  const inRange = Number.isFinite(value) && (lowOpen ? value > low : value >= low) && value <= high;
  if (!NUMERAL.test(text) || shownWhole || inRange) return quote(text);
  const size = text.length > 40 ? ` (${text.length} characters)` : '';
  return `${quote(text)}${size}, too ${value > high || value === Infinity ? 'large' : 'small'}`;
}
