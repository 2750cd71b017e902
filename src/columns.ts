// The columns of a raw table, as a model reads them: each numeric (numbers), categorical (text,
// booleans, or declared so: one-hot encoded over the levels seen in training) or left out, and what
// stands for a missing value. A table is gathered column by column (TableBuilder: from raw rows in
// the library, from CSV cells in the CLI, by the same rules), its inputs fitted on the training rows
// (fitInputs: types, levels, the value a missing one becomes, scaling), and any row encoded by the
// result (InputEncoder), so training and prediction read a value the same way everywhere.
import { type Scaling, type ScalingMethod, fitScaling, scaled } from './scaling.js';
import { decimalNumber, classOrder } from './classes.js';
import { rangeError, typeError } from './errors.js';

/** A raw cell: a number, text, a boolean, or missing (null, undefined, NaN, or text such as '' or 'NA'). */
export type RawValue = number | string | boolean | null | undefined;

export type ColumnType = 'numeric' | 'categorical';
/** How a column is taken when the caller says: as numbers, as categories, or not at all. */
export type ColumnChoice = ColumnType | 'ignore';
export const COLUMN_CHOICES: readonly ColumnChoice[] = ['numeric', 'categorical', 'ignore'];

// text that stands for a missing value, compared trimmed and in lower case
const MISSING_TEXT = new Set(['', 'na', 'n/a', 'nan', 'null', '?']);

/** Whether a raw value stands for a missing one. */
export function isMissing(value: RawValue): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'number') return Number.isNaN(value);
  if (typeof value === 'string') return MISSING_TEXT.has(value.trim().toLowerCase());
  return false;
}

/** A present raw value as a number: a finite number, or text that spells one (a CSV cell); else undefined. */
export function numberOf(value: RawValue): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string') return decimalNumber(value.trim());
  return undefined;
}

/**
 * A present raw value as a categorical level: text trimmed, a number (or a numeral) by its shortest
 * spelling (1, '1.0' and '1' are one level, as classes are), a boolean as 'true' or 'false'.
 */
export function levelOf(value: RawValue): string {
  const number = numberOf(value);
  if (number !== undefined) return String(number);
  return typeof value === 'string' ? value.trim() : String(value);
}

// A text column of this many distinct values among its present ones, or more, is an id or a name:
// nothing a network can learn from (one input per row), so it is left out unless declared categorical.
const ID_SHARE = 0.9;
const ID_MIN_ROWS = 10;

/** Why a column was left out, for the caller's report. */
export type LeftOut = 'ignored' | 'id' | 'empty';

/** A column gathered whole: numbers (NaN where missing), or codes into its distinct texts (-1 where missing). */
export type TableColumn =
  | { name: string; type: 'numeric'; values: Float64Array; missing: number }
  | { name: string; type: 'categorical'; codes: Int32Array; texts: string[]; missing: number };

export interface Table {
  rows: number;
  /** The columns kept, in the order given. */
  columns: TableColumn[];
  /** The columns left out, and why. */
  leftOut: { name: string; why: LeftOut }[];
}

/** A place in the caller's data for messages: 'rows[3]' or 'data.csv, line 5'. */
export type RowName = (row: number) => string;

/**
 * Gathers a table a row at a time. A column is numeric while every value so far is a number, and
 * becomes categorical at its first text (the numbers before it as levels), unless declared.
 */
export class TableBuilder {
  readonly #names: readonly string[];
  readonly #choices: (ColumnChoice | undefined)[];
  readonly #columns: ColumnGatherer[];
  #rows = 0;

  constructor(names: readonly string[], choices: Readonly<Record<string, ColumnChoice>> = {}) {
    this.#names = names;
    this.#choices = names.map((name) => (Object.hasOwn(choices, name) ? choices[name] : undefined));
    this.#columns = names.map((name, c) => new ColumnGatherer(name, this.#choices[c]));
  }

  /** One row: `value(c)` is column c's raw value; `where` names the row in messages. */
  add(value: (column: number) => RawValue, where: () => string): void {
    for (let c = 0; c < this.#columns.length; c++) {
      if (this.#choices[c] !== 'ignore') this.#columns[c].add(value(c), where);
    }
    this.#rows++;
  }

  finish(): Table {
    const columns: TableColumn[] = [];
    const leftOut: Table['leftOut'] = [];
    this.#columns.forEach((gatherer, c) => {
      if (this.#choices[c] === 'ignore') return void leftOut.push({ name: this.#names[c], why: 'ignored' });
      const column = gatherer.finish(this.#rows);
      const present = this.#rows - column.missing;
      if (present === 0) return void leftOut.push({ name: column.name, why: 'empty' });
      if (column.type === 'categorical' && this.#choices[c] !== 'categorical' && present >= ID_MIN_ROWS && column.texts.length >= ID_SHARE * present) {
        return void leftOut.push({ name: column.name, why: 'id' });
      }
      columns.push(column);
    });
    return { rows: this.#rows, columns, leftOut };
  }
}

// One column's values as they come: numbers in a growing Float64Array until the first text, then
// codes into the texts seen (the earlier numbers turned into their levels).
class ColumnGatherer {
  #numbers: Float64Array | null = new Float64Array(64);
  #codes: Int32Array | null = null;
  #texts: string[] = [];
  #textCodes = new Map<string, number>();
  #length = 0;
  #missing = 0;

  constructor(
    readonly name: string,
    readonly choice: ColumnChoice | undefined,
  ) {
    if (choice === 'categorical') this.#toText();
  }

  add(value: RawValue, where: () => string): void {
    if (isMissing(value)) {
      this.#missing++;
      return this.#push(NaN, -1);
    }
    const number = numberOf(value);
    if (this.#numbers !== null) {
      if (number !== undefined) return this.#push(number, 0);
      if (this.choice === 'numeric') throw typeError(`${where()} '${this.name}'`, 'a number (the column is declared numeric)', value);
      if (typeof value === 'number') throw typeError(`${where()} '${this.name}'`, 'a finite number, text or a missing value', value);
      this.#toText();
    }
    this.#push(NaN, this.#code(levelOf(value)));
  }

  finish(rows: number): TableColumn {
    if (this.#numbers !== null) return { name: this.name, type: 'numeric', values: this.#numbers.slice(0, rows), missing: this.#missing };
    return { name: this.name, type: 'categorical', codes: this.#codes!.slice(0, rows), texts: this.#texts, missing: this.#missing };
  }

  #push(number: number, code: number): void {
    const store = this.#numbers ?? this.#codes!;
    if (this.#length === store.length) this.#grow();
    if (this.#numbers !== null) this.#numbers[this.#length++] = number;
    else this.#codes![this.#length++] = code;
  }

  #grow(): void {
    if (this.#numbers !== null) {
      const grown = new Float64Array(this.#numbers.length * 2);
      grown.set(this.#numbers);
      this.#numbers = grown;
    } else {
      const grown = new Int32Array(this.#codes!.length * 2);
      grown.set(this.#codes!);
      this.#codes = grown;
    }
  }

  #code(text: string): number {
    let code = this.#textCodes.get(text);
    if (code === undefined) {
      code = this.#texts.length;
      this.#texts.push(text);
      this.#textCodes.set(text, code);
    }
    return code;
  }

  // the numbers so far become levels (missing stays missing)
  #toText(): void {
    const numbers = this.#numbers!;
    this.#codes = new Int32Array(Math.max(64, numbers.length));
    for (let i = 0; i < this.#length; i++) this.#codes[i] = Number.isNaN(numbers[i]) ? -1 : this.#code(String(numbers[i]));
    this.#numbers = null;
  }
}

/** A table column's raw value in a row: its number, its text, or null where missing. */
export function tableValue(column: TableColumn, row: number): RawValue {
  if (column.type === 'numeric') return Number.isNaN(column.values[row]) ? null : column.values[row];
  const code = column.codes[row];
  return code < 0 ? null : column.texts[code];
}

/** A table of the given rows only, in that order (a copy). */
export function pickTableRows(table: Table, rows: Uint32Array): Table {
  const columns = table.columns.map((column): TableColumn => {
    if (column.type === 'numeric') {
      const values = Float64Array.from(rows, (r) => column.values[r]);
      return { ...column, values, missing: values.reduce((n, value) => n + (Number.isNaN(value) ? 1 : 0), 0) };
    }
    const codes = Int32Array.from(rows, (r) => column.codes[r]);
    return { ...column, codes, missing: codes.reduce((n, code) => n + (code < 0 ? 1 : 0), 0) };
  });
  return { rows: rows.length, columns, leftOut: table.leftOut };
}

/** A table of numbers only (a built-in data set's), row-major `data` of `names.length` columns. */
export function numericTable(names: readonly string[], data: Float64Array): Table {
  const rows = data.length / names.length;
  const columns = names.map((name, c): TableColumn => {
    const values = new Float64Array(rows);
    for (let r = 0; r < rows; r++) values[r] = data[r * names.length + c];
    return { name, type: 'numeric', values, missing: 0 };
  });
  return { rows, columns, leftOut: [] };
}

/** The inputs a model reads: the raw columns, each one's type and levels, what a missing value becomes, and the scaling. */
export interface Inputs {
  columns: string[];
  /** One entry per column (a categorical column's is offset 0, scale 1: its 0/1 inputs are not scaled). */
  scaling: Scaling;
  /** Absent: every column numeric (a model file made before column types). */
  types?: ColumnType[];
  /** A categorical column's levels, in the order of its one-hot inputs; null for a numeric column. */
  levels?: (string[] | null)[];
  /** What a missing value becomes: the training rows' median, or their most frequent level. Absent: a missing value is refused. */
  fill?: (number | string)[];
}

/**
 * Fits the inputs on the training rows of a table (`rows`: their indices): a numeric column's
 * scaling on its present values and its median; a categorical column's levels (numbers in numeric
 * order, names in text order, as classes) and its most frequent level.
 */
export function fitInputs(table: Table, rows: Uint32Array, method: ScalingMethod): Inputs {
  const columns = table.columns.map((column) => column.name);
  const offset: number[] = [];
  const scale: number[] = [];
  const types: ColumnType[] = [];
  const levels: (string[] | null)[] = [];
  const fill: (number | string)[] = [];
  for (const column of table.columns) {
    types.push(column.type);
    if (column.type === 'numeric') {
      const present = presentValues(column.values, rows);
      const fitted = fitScaling({ data: present, shape: [present.length, 1] }, method);
      offset.push(fitted.offset[0]);
      scale.push(fitted.scale[0]);
      levels.push(null);
      fill.push(median(present));
    } else {
      const counts = new Float64Array(column.texts.length);
      for (const r of rows) if (column.codes[r] >= 0) counts[column.codes[r]]++;
      const seen = column.texts.filter((_, code) => counts[code] > 0);
      const ordered = classOrder(seen);
      offset.push(0);
      scale.push(1);
      levels.push(ordered);
      fill.push(mostFrequent(ordered, (level) => counts[column.texts.indexOf(level)]));
    }
  }
  return { columns, scaling: { method, offset, scale }, types, levels, fill };
}

function presentValues(values: Float64Array, rows: Uint32Array): Float64Array {
  const present = new Float64Array(rows.length);
  let n = 0;
  for (const r of rows) if (!Number.isNaN(values[r])) present[n++] = values[r];
  return present.subarray(0, n);
}

// the middle value, or the mean of the two middle ones (0 for a column with no value in training)
function median(values: Float64Array): number {
  if (values.length === 0) return 0;
  const sorted = Float64Array.from(values).sort();
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : sorted[middle - 1] / 2 + sorted[middle] / 2;
}

// the level seen most often (ties: the first in order); the first level when none was seen
function mostFrequent(levels: string[], count: (level: string) => number): string {
  let best = 0;
  for (let i = 1; i < levels.length; i++) if (count(levels[i]) > count(levels[best])) best = i;
  return levels[best] ?? '';
}

/** The network's input width for these inputs: one per numeric column, one per level of a categorical column. */
export function encodedWidth(inputs: Inputs): number {
  if (!inputs.types) return inputs.columns.length;
  return inputs.types.reduce((width, type, c) => width + (type === 'numeric' ? 1 : inputs.levels![c]!.length), 0);
}

/**
 * Encodes raw values as a model's network takes them: a numeric column scaled ((x - offset) /
 * scale), a categorical one as one 0/1 per level (a level never seen in training: all zeros), and a
 * missing value first replaced by what training made it (or refused, for a model without).
 */
export class InputEncoder {
  readonly width: number;
  readonly #inputs: Inputs;
  readonly #levels: (Map<string, number> | null)[];

  constructor(inputs: Inputs) {
    this.#inputs = inputs;
    this.width = encodedWidth(inputs);
    this.#levels = inputs.columns.map((_, c) => (inputs.types?.[c] === 'categorical' ? new Map(inputs.levels![c]!.map((level, i) => [level, i])) : null));
  }

  /**
   * One row: `value(c)` is column c's raw value. Writes `width` inputs at `into[at]`. `what(c)`
   * names the value in messages ("row 'colour'", "data.csv, line 5, column 'colour'");
   * `unscalable(c)`, where given, is the error for a value the scaling takes past the largest number.
   */
  encode(value: (column: number) => RawValue, into: Float64Array, at: number, what: (column: number) => string, unscalable?: (column: number) => Error): void {
    const { columns, scaling, fill } = this.#inputs;
    let i = at;
    for (let c = 0; c < columns.length; c++) {
      let given = value(c);
      if (isMissing(given)) {
        if (fill === undefined) throw typeError(what(c), 'a finite number', given);
        given = fill[c];
      }
      const levels = this.#levels[c];
      if (levels !== null) {
        const level = levels.get(levelOf(given));
        const count = levels.size;
        into.fill(0, i, i + count);
        if (level !== undefined) into[i + level] = 1;
        i += count;
        continue;
      }
      const number = numberOf(given);
      if (number === undefined) throw typeError(what(c), 'a finite number', given);
      const x = scaled(number, scaling, c);
      if (!Number.isFinite(x)) throw unscalable?.(c) ?? rangeError(what(c), "a value the training rows' scaling takes to a finite number", given);
      into[i++] = x;
    }
  }
}
