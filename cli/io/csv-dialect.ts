// A CSV file's dialect: the character between its cells (given by --delimiter, or found in its first
// lines among ',' ';' tab '|') and its numbers' decimal separator (--decimal; or found: a decimal
// comma in a file whose delimiter is not ','). Quoted cells, a BOM and CRLF line ends are read
// whatever the dialect (csv.ts).
import type { FlagValues } from '../args';
import { DataError, UsageError, quote } from '../errors';
import { type Decimal, DECIMALS, onlyDecimal } from './numerals';

/** The dialect asked for by the flags; what is undefined is found in the file. */
export interface DialectChoice {
  delimiter?: string;
  decimal?: Decimal;
}

/** How a file is read. */
export interface Dialect {
  delimiter: string;
  decimal: Decimal;
  /** For messages about a decimal comma: where it came from ('--decimal ,', or the first lines). */
  decimalFrom: string;
  /** Given by --delimiter (not found). */
  delimiterGiven: boolean;
  /** Each candidate delimiter that splits the header into columns, the best first, and their number. */
  splits: { delimiter: string; columns: number }[];
}

export const DIALECT_FLAGS = {
  delimiter: { type: 'string' },
  decimal: { type: 'string' },
} as const;

/** The delimiters looked for, in the order preferred when two split the first lines alike. */
export const CANDIDATES = [',', ';', '\t', '|'];

/** The flags' dialect: --delimiter (',', ';', tab or \t, '|', or one other character) and --decimal ('.' or ','). */
export function dialectFlags(flags: FlagValues): DialectChoice {
  return { delimiter: delimiterFlag(flags), decimal: decimalFlag(flags) };
}

// the value as given, not trimmed: a space or a tab is a delimiter; a quote, a line break or a
// character of numbers cannot be one
function delimiterFlag(flags: FlagValues): string | undefined {
  const given = flags.delimiter;
  if (typeof given !== 'string') return undefined;
  const delimiter = given === 'tab' || given === '\\t' ? '\t' : given;
  if (delimiter.length !== 1 || /["\r\n\d.+\-eE]/.test(delimiter)) {
    throw new UsageError(`--delimiter: expected one character, such as , ; tab or | (not a quote, a line break, or a digit, '.', '+', '-' or 'e' of numbers), got ${quote(given)}`);
  }
  return delimiter;
}

function decimalFlag(flags: FlagValues): Decimal | undefined {
  const given = flags.decimal;
  if (typeof given !== 'string') return undefined;
  if (!(DECIMALS as readonly string[]).includes(given.trim())) throw new UsageError(`--decimal: expected '.' or ',', got ${quote(given)}`);
  return given.trim() as Decimal;
}

/** Refuses a dialect given for a built-in set (`builtin`, its name): the flags apply to CSV files. */
export function checkNoDialect(choice: DialectChoice, builtin: string): void {
  for (const flag of ['delimiter', 'decimal'] as const) {
    if (choice[flag] !== undefined) throw new UsageError(`--${flag} applies to CSV files, not to the built-in ${builtin}`);
  }
}

/** A dialect other than ',' and '.' in a report: "read with ';' between cells and decimal commas". */
export function describeDialect({ delimiter, decimal }: Dialect): string | undefined {
  const parts = [delimiter !== ',' && `${delimiterName(delimiter)} between cells`, decimal === ',' && 'decimal commas'].filter(Boolean);
  return parts.length ? `read with ${parts.join(' and ')}` : undefined;
}

/** A delimiter in a message: ';' or tab. */
export function delimiterName(delimiter: string): string {
  return delimiter === '\t' ? 'tab' : `'${delimiter}'`;
}

// how many records of the first lines decide (the header and the rows after it)
const SAMPLE_RECORDS = 100;

/**
 * The dialect of a file from its first lines (`sample`, the whole file when `complete`; a record
 * cut off at its end is not looked at): a delimiter not given is the candidate that splits the
 * header and the rows into the same number of columns, the most rows alike then the most columns;
 * none splitting the header, the first that splits no row either, else ','. A decimal separator
 * not given is ',' where the delimiter is not ',', some cell reads as a number only with a decimal
 * comma (1,5 but not 1,234, which may be 1234) and none only with a decimal point.
 */
export function sniffDialect(sample: string, complete: boolean, choice: DialectChoice): Dialect {
  const text = sample.charCodeAt(0) === 0xfeff ? sample.slice(1) : sample;
  const tried = CANDIDATES.map((delimiter, order) => {
    const split = records(text, delimiter, complete);
    return { delimiter, order, split, ...agreement(split) };
  });
  const splitting = tried.filter((candidate) => candidate.columns > 1).sort(
    (a, b) => Number(b.allAlike) - Number(a.allAlike) || b.alike - a.alike || b.columns - a.columns || a.order - b.order,
  );
  // one column: the first candidate that splits no row either (1,5 is one cell of a one-column file)
  const oneColumn = tried.find((candidate) => candidate.split.every((record) => record.length === 1))?.delimiter ?? ',';
  const delimiter = choice.delimiter ?? splitting[0]?.delimiter ?? oneColumn;
  let decimal = choice.decimal;
  if (decimal === undefined && delimiter === ',') decimal = '.';
  if (decimal === undefined) decimal = sampledDecimal((tried.find((t) => t.delimiter === delimiter)?.split ?? records(text, delimiter, complete)).slice(1));
  return {
    delimiter,
    decimal,
    decimalFrom: choice.decimal === undefined ? "as in the file's first lines" : `--decimal ${choice.decimal}`,
    delimiterGiven: choice.delimiter !== undefined,
    splits: splitting.map(({ delimiter, columns }) => ({ delimiter, columns })),
  };
}

// how the records split: the header's columns, and how many rows have as many
function agreement(split: string[][]): { columns: number; alike: number; allAlike: boolean } {
  const columns = split[0]?.length ?? 0;
  const alike = split.slice(1).filter((record) => record.length === columns).length;
  return { columns, alike, allAlike: alike === split.length - 1 };
}

// a decimal comma where some cell is a number only with one and none only with a decimal point
function sampledDecimal(rows: string[][]): Decimal {
  let comma = false;
  for (const row of rows) {
    for (const cell of row) {
      const only = onlyDecimal(cell);
      if (only === '.') return '.';
      comma ||= only === ',';
    }
  }
  return comma ? ',' : '.';
}

/**
 * The first records of `text` split at `delimiter` as csv-parse splits them (a quote opens a cell
 * only at its start, "" is a quote inside one, unquoted cells trimmed, empty lines skipped); a
 * record still open at the end of an incomplete text is left out.
 */
function records(text: string, delimiter: string, complete: boolean): string[][] {
  const found: string[][] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false; // inside quotes
  let wasQuoted = false; // the cell had quotes: what follows them up to the delimiter is spaces
  const endCell = () => {
    cells.push(wasQuoted ? cell : cell.trim());
    [cell, wasQuoted] = ['', false];
  };
  const endRecord = () => {
    endCell();
    if (cells.length > 1 || cells[0] !== '') found.push(cells);
    cells = [];
  };
  for (let i = 0; i < text.length && found.length < SAMPLE_RECORDS; i++) {
    const c = text[i];
    if (quoted) {
      if (c !== '"') cell += c;
      else if (text[i + 1] === '"') cell += text[i++];
      else quoted = false;
    } else if (c === delimiter) {
      endCell();
    } else if (c === '\n' || c === '\r') {
      endRecord();
      if (c === '\r' && text[i + 1] === '\n') i++;
    } else if (c === '"' && !wasQuoted && cell.trim() === '') {
      [quoted, wasQuoted, cell] = [true, true, ''];
    } else if (!wasQuoted) {
      cell += c;
    }
  }
  if (complete && found.length < SAMPLE_RECORDS && !quoted && (cells.length > 0 || cell !== '' || wasQuoted)) endRecord();
  return found;
}

/**
 * The error for a table read as one column that the command cannot use (`problem` says why): the
 * delimiter it was read with, and the candidate that splits its header, if one does.
 */
export function oneColumnError(dialect: Dialect, source: string, problem: DataError): DataError {
  const used = `${delimiterName(dialect.delimiter)} as the delimiter${dialect.delimiterGiven ? ' (--delimiter)' : ''}`;
  const other = dialect.splits.find((split) => split.delimiter !== dialect.delimiter);
  if (other !== undefined) {
    const flag = other.delimiter === '\t' ? 'tab' : other.delimiter === ',' ? ',' : `'${other.delimiter}'`;
    return new DataError(`${source}: read as one column with ${used}; ${delimiterName(other.delimiter)} splits its header into ${other.columns} columns: give --delimiter ${flag}`);
  }
  const candidates = CANDIDATES.map(delimiterName).join(', ');
  return new DataError(`${problem.message} (read as one column with ${used}: none of ${candidates} splits its header; give --delimiter if another character does)`);
}
