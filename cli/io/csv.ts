// CSV tables with a header row, read as a stream (csv-parse) a row at a time, so that only the
// numbers the command needs are kept, never the text. The first lines are looked at before (the
// same bytes are then parsed: standard input is read once) for the file's dialect (csv-dialect.ts).
// Every problem is reported with its file, line and column: a row of the wrong length, a cell that
// is not a number, a column that is not there.
import { pipeline } from 'node:stream/promises';
import { parse, CsvError } from 'csv-parse';
import { inputStream, readProblem } from './files';
import { type Dialect, type DialectChoice, oneColumnError, sniffDialect } from './csv-dialect';
import { numeral, notANumber } from './numerals';
import { type Matrix, growingFloat64 } from '../data/matrix';
import { DataError, dataError } from '../errors';

/** Takes one data row: its cells, and the file line it ends on (1 is the header). */
export type RowReader = (cells: string[], line: number) => void;

// a record (a line, or lines within quotes) longer than this is no table's: /dev/zero, or a file
// with no line ends, is refused at this length rather than read into memory without end
export const MAX_RECORD_BYTES = 16 * 2 ** 20;
const OPTIONS = { bom: true, trim: true, skip_empty_lines: true, relax_column_count: true, max_record_size: MAX_RECORD_BYTES };

/**
 * Reads a CSV file, or standard input for '-', in the dialect chosen or found in its first lines:
 * `start` gets the checked header row and the dialect, and returns the reader of the data rows, each
 * checked to have the header's length. Resolves to the number of rows. `source` names the file in
 * messages.
 */
export async function readCsv(
  path: string, source: string, choice: DialectChoice, start: (header: string[], dialect: Dialect) => RowReader,
): Promise<number> {
  const chunks = inputStream(path)[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let first: FirstChunks;
  try {
    first = await firstChunks(chunks);
  } catch (error) {
    throw readProblem(error, path);
  }
  const dialect = sniffDialect(Buffer.concat(first.chunks).toString('utf8'), first.complete, choice);
  const parser = parse({ ...OPTIONS, delimiter: dialect.delimiter });
  let header: string[] | undefined;
  let read: RowReader = () => {};
  let rows = 0;
  let failure: unknown;
  // csv-parse hands each record to push() as it parses, when its line count is the record's last
  // line: cheaper than its `info` option, which builds an object per record
  const push = parser.push.bind(parser);
  parser.push = (record: string[] | null) => {
    if (record === null) return push(null);
    if (failure !== undefined) return true;
    try {
      const line = parser.info.lines;
      if (header === undefined) {
        header = checkHeader(record, source, line);
        read = startRows(start, header, dialect, source);
      } else {
        if (record.length !== header.length) throw dataError(`expected ${header.length} columns (as the header row), got ${record.length}`, source, line);
        read(record, line);
        rows++;
      }
    } catch (error) {
      failure = error;
      parser.destroy(error as Error);
    }
    return true;
  };
  try {
    await pipeline(chained(first.chunks, chunks), parser.resume());
  } catch (error) {
    if (failure !== undefined) throw failure;
    if (error instanceof CsvError) {
      if (error.code === 'CSV_MAX_RECORD_SIZE') throw dataError(`a row of more than ${MAX_RECORD_BYTES.toLocaleString('en-US')} bytes: not a table's`, source, error.lines as number | undefined);
      // csv-parse says "at line N" itself; keep its reason, lead with the place like every other message
      const reason = error.message.replace(/^[^:]*: /, '').replace(/ at line \d+/, '');
      throw dataError(`not valid CSV: ${reason}`, source, error.lines as number | undefined);
    }
    throw readProblem(error, path);
  }
  if (header === undefined) throw dataError('is empty (expected a header row, then rows of data)', source);
  if (rows === 0) throw dataError('has a header row but no rows of data', source);
  return rows;
}

// a header the command cannot use because it is one column: the message says which delimiter
// read it so, and which splits it
function startRows(start: (header: string[], dialect: Dialect) => RowReader, header: string[], dialect: Dialect, source: string): RowReader {
  try {
    return start(header, dialect);
  } catch (error) {
    if (header.length === 1 && error instanceof DataError) throw oneColumnError(dialect, source, error);
    throw error;
  }
}

interface FirstChunks {
  chunks: Buffer[];
  /** The chunks are the whole input. */
  complete: boolean;
}

// the first lines for the dialect: 64 KiB once they hold the header and a row, or 100 lines; more
// where lines are long, up to 1 MiB
const SAMPLE_BYTES = 1 << 16;
const MOST_SAMPLE_BYTES = 1 << 20;
const SAMPLE_LINES = 100;

async function firstChunks(chunks: AsyncIterator<Buffer>): Promise<FirstChunks> {
  const first: Buffer[] = [];
  let [bytes, lines] = [0, 0];
  for (;;) {
    const next = await chunks.next();
    if (next.done) return { chunks: first, complete: true };
    first.push(next.value);
    bytes += next.value.length;
    for (let at = next.value.indexOf(10); at >= 0 && lines <= SAMPLE_LINES; at = next.value.indexOf(10, at + 1)) lines++;
    if (lines > SAMPLE_LINES || (bytes >= SAMPLE_BYTES && lines >= 2) || bytes >= MOST_SAMPLE_BYTES) return { chunks: first, complete: false };
  }
}

// the chunks already read, then the rest of the input
async function* chained(first: Buffer[], rest: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  try {
    yield* first;
    for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
  } finally {
    await rest.return?.();
  }
}

function checkHeader(header: string[], source: string, line: number): string[] {
  header.forEach((name, c) => {
    if (name === '') throw dataError(`column ${c + 1} has no name in the header row`, source, line);
    const first = header.indexOf(name);
    if (first !== c) throw dataError(`two columns are named '${name}' (columns ${first + 1} and ${c + 1})`, source, line);
  });
  return header;
}

/** The index of a named column; `role` says what it was asked for, e.g. "named by --target" or "one of the model's inputs". */
export function columnIndex(header: readonly string[], name: string, role: string, source: string): number {
  const index = header.indexOf(name);
  if (index < 0) throw dataError(`has no column '${name}' (${role}); its columns are ${header.join(', ')}`, source);
  return index;
}

/** The number a cell spells in the file's dialect ('.' or ',' decimals), or undefined for anything else (empty cells, NaN, hex, words, beyond the largest double). */
export function parseNumber(cell: string, dialect: Dialect): number | undefined {
  return numeral(cell, dialect.decimal);
}

/** The number in a cell; anything else is an error naming the file, line and column. */
export function cellNumber(cell: string, dialect: Dialect, source: string, line: number, column: string): number {
  const value = numeral(cell, dialect.decimal);
  if (value === undefined) throw dataError(notANumber(cell, dialect.decimal, dialect.decimalFrom), source, line, column);
  return value;
}

/** The numbers of some columns (a values target's), read row by row into one row-major array. */
export class NumberColumns {
  readonly #values = growingFloat64();

  constructor(
    readonly source: string,
    readonly names: readonly string[],
    readonly columns: readonly number[],
    readonly dialect: Dialect,
  ) {}

  read(cells: string[], line: number): void {
    for (let i = 0; i < this.columns.length; i++) this.#values.push(cellNumber(cells[this.columns[i]], this.dialect, this.source, line, this.names[i]));
  }

  matrix(): Matrix {
    const data = this.#values.values();
    return { data, shape: [data.length / this.columns.length, this.columns.length] };
  }
}
