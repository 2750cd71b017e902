// CSV tables with a header row, parsed by csv-parse and checked so that every problem is reported
// with its file, line and column: a row of the wrong length, a cell that is not a number, a
// column that is not there.
import { parse, CsvError } from 'csv-parse/sync';
import { dataError, quote } from './errors';

export interface CsvTable {
  /** The file name (or 'standard input') for messages. */
  source: string;
  header: string[];
  rows: string[][];
  /** The file line each row ends on (1 is the header), for messages. */
  lines: number[];
}

export function parseCsv(text: string, source: string): CsvTable {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // with `info`, each record comes with the line it ends on
    records = parse(text, { bom: true, trim: true, skip_empty_lines: true, relax_column_count: true, info: true }) as unknown as typeof records;
  } catch (error) {
    if (error instanceof CsvError) {
      // csv-parse says "at line N" itself; keep its reason, lead with the place like every other message
      const reason = error.message.replace(/^[^:]*: /, '').replace(/ at line \d+/, '');
      throw dataError(`not valid CSV: ${reason}`, source, error.lines as number | undefined);
    }
    throw error;
  }
  if (records.length === 0) throw dataError('is empty (expected a header row, then rows of data)', source);
  const [{ record: header, info: headerInfo }, ...body] = records;
  header.forEach((name, c) => {
    if (name === '') throw dataError(`column ${c + 1} has no name in the header row`, source, headerInfo.lines);
    const first = header.indexOf(name);
    if (first !== c) throw dataError(`two columns are named '${name}' (columns ${first + 1} and ${c + 1})`, source, headerInfo.lines);
  });
  if (body.length === 0) throw dataError('has a header row but no rows of data', source);
  for (const { record, info } of body) {
    if (record.length !== header.length) {
      throw dataError(`expected ${header.length} columns (as the header row), got ${record.length}`, source, info.lines);
    }
  }
  return { source, header, rows: body.map((r) => r.record), lines: body.map((r) => r.info.lines) };
}

/** The index of a named column; `role` says what it was asked for, e.g. "--target" or "the model's input". */
export function columnIndex(table: CsvTable, name: string, role: string): number {
  const index = table.header.indexOf(name);
  if (index < 0) {
    throw dataError(`has no column '${name}' (${role}); its columns are ${table.header.join(', ')}`, table.source);
  }
  return index;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A decimal number, or undefined for anything else (empty cells, NaN, hex, words). */
export function parseNumber(cell: string): number | undefined {
  if (!NUMBER.test(cell)) return undefined;
  const value = Number(cell);
  return Number.isFinite(value) ? value : undefined;
}

/** The numbers of the given columns, row by row; the first cell that is not a number is an error. */
export function numericColumns(table: CsvTable, columns: readonly number[]): number[][] {
  return table.rows.map((row, r) =>
    columns.map((c) => {
      const value = parseNumber(row[c]);
      if (value === undefined) {
        const got = row[c] === '' ? 'an empty cell' : quote(row[c]);
        throw dataError(`expected a number, got ${got}`, table.source, table.lines[r], table.header[c]);
      }
      return value;
    }),
  );
}
