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
