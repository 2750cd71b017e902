// What the network learns to predict: classes (one column of names or numbers, or several one-hot
// columns) or values (numeric columns, regression), read row by row from a CSV table, and how each
// is encoded as network outputs. Classes are kept as small integer codes, values as numbers.
import { type Target, type Task, MAX_AUTO_CLASSES } from '../../src/preprocessing';
import { classIndex, classOrder } from '../../src/classes';
import { type RowReader, NumberColumns, cellNumber, parseNumber } from '../io/csv';
import type { Dialect } from '../io/csv-dialect';
import { type Matrix, growingFloat64, growingInt32 } from './matrix';
import { terminalText } from '../io/terminal-text';
import { dataError, quote } from '../errors';

export { type Target, type Task, TASKS, outputWidth, classProbabilities } from '../../src/preprocessing';
export { encodeClasses } from 'neural-wasm/datasets';

/** A target as read: class codes for classes, rows of numbers for values. */
export interface TargetData {
  target: Target;
  /** classes: each row's class, an index into target.classes (empty for values). */
  labels: Int32Array;
  /** values: each row's target values (null for classes). */
  values: Matrix | null;
}

/** Takes the target cells of each row; `finish` gives the target once every row is read. */
export interface TargetReader {
  read: RowReader;
  finish(): TargetData;
}

// a column with more distinct cells than this is not classes: no network has that many outputs
const MAX_CLASSES = 65_536;

/** Reads the target columns of a training table, deciding classes or values when the task is 'auto'. */
export function trainingTarget(source: string, header: readonly string[], columns: readonly number[], task: Task, dialect: Dialect): TargetReader {
  const names = columns.map((c) => header[c]);
  return columns.length > 1 ? severalColumns(source, names, columns, task, dialect) : oneColumn(source, names[0], columns[0], task, dialect);
}

function oneColumn(source: string, name: string, column: number, task: Task, dialect: Dialect): TargetReader {
  // every cell's number while all are numbers, and what decides whether they are classes
  const numbers = growingFloat64();
  let numeric = true;
  let integers = true;
  const distinct = new Set<number>();
  // every cell as a code into `cells`, the distinct cells in the order they came, while few enough
  const codes = growingInt32();
  let cells: Map<string, number> | null = new Map();
  const read: RowReader = (row, line) => {
    const cell = row[column];
    if (cell === '') throw dataError('the target is missing (an empty cell)', source, line, name);
    if (task === 'regression') return numbers.push(cellNumber(cell, dialect, source, line, name));
    if (numeric) {
      const number = parseNumber(cell, dialect);
      if (number === undefined) {
        numeric = false;
      } else {
        numbers.push(number);
        integers &&= Number.isInteger(number);
        if (distinct.size <= MAX_AUTO_CLASSES) distinct.add(number);
      }
    }
    if (cells !== null) {
      let code = cells.get(cell);
      if (code === undefined) cells.set(cell, (code = cells.size));
      codes.push(code);
      if (cells.size > MAX_CLASSES) cells = null;
    }
    if (cells === null && !numeric) {
      // more distinct cells than classes can be, and not all numbers
      if (task === 'classification') throw dataError(`the target has more than ${MAX_CLASSES.toLocaleString('en-US')} classes`, source, line, name);
      throw dataError(
        `expected a number, got ${quote(cell)} (the target has more than ${MAX_CLASSES.toLocaleString('en-US')} different values, so it is taken as values)`,
        source, line, name,
      );
    }
  };
  const finish = (): TargetData => {
    const target = { columns: [name] };
    const classLike = integers && distinct.size <= MAX_AUTO_CLASSES;
    if (task === 'regression' || (task === 'auto' && numeric && !classLike)) {
      const data = numbers.values();
      return { target: { kind: 'values', ...target }, labels: new Int32Array(0), values: { data, shape: [data.length, 1] } };
    }
    // classes in the library's order: numbers in numeric order under their shortest spelling ("1.0" is "1"), names in text order
    const { classes, labels } = numeric ? numberClasses(numbers.values()) : nameClasses(cells!, codes.values());
    if (classes.length < 2) {
      throw dataError(`the target has only one class, ${quote(classes[0])}: there is nothing to tell apart`, source, undefined, name);
    }
    if (classes.length > MAX_CLASSES) throw dataError(`the target has more than ${MAX_CLASSES.toLocaleString('en-US')} classes`, source, undefined, name);
    // classes that are all numbers are answered as numbers by the library (Model#predict), as its own
    const numbered = numeric ? { numbers: true as const } : {};
    return { target: { kind: 'classes', ...target, classes, ...numbered }, labels, values: null };
  };
  return { read, finish };
}

function numberClasses(numbers: Float64Array): { classes: string[]; labels: Int32Array } {
  const classes = classOrder(new Set(numbers));
  const index = new Map(classes.map((name, i) => [Number(name), i]));
  return { classes, labels: Int32Array.from(numbers, (x) => index.get(x)!) };
}

// the cells are not all numbers: classOrder sorts them as names
function nameClasses(cells: Map<string, number>, codes: Int32Array): { classes: string[]; labels: Int32Array } {
  const classes = classOrder(cells.keys());
  // code (order of first appearance) -> index in the sorted classes
  const order = new Int32Array(cells.size);
  classes.forEach((name, i) => (order[cells.get(name)!] = i));
  return { classes, labels: codes.map((code) => order[code]) };
}

// several target columns: one-hot classes (each row 0/1 with exactly one 1), or values
function severalColumns(source: string, names: string[], columns: readonly number[], task: Task, dialect: Dialect): TargetReader {
  const values = new NumberColumns(source, names, columns, dialect);
  let notOneHot: { line: number; row: number[] } | undefined;
  const read: RowReader = (row, line) => {
    values.read(row, line);
    if (notOneHot === undefined && task !== 'regression') {
      const numbers = columns.map((c) => parseNumber(row[c], dialect) ?? NaN);
      if (!isOneHot(numbers)) notOneHot = { line, row: numbers };
    }
  };
  const finish = (): TargetData => {
    const matrix = values.matrix();
    if (task === 'classification' && notOneHot) {
      throw dataError(`several --target columns are classes only when one-hot (each row 0 or 1, exactly one 1); got ${notOneHot.row.join(', ')}`, source, notOneHot.line);
    }
    if (task === 'regression' || notOneHot) return { target: { kind: 'values', columns: names }, labels: new Int32Array(0), values: matrix };
    return { target: { kind: 'classes', columns: names, classes: names }, labels: oneHotLabels(matrix), values: null };
  };
  return { read, finish };
}

function isOneHot(row: readonly number[]): boolean {
  return row.every((x) => x === 0 || x === 1) && row.filter((x) => x === 1).length === 1;
}

function oneHotLabels(matrix: Matrix): Int32Array {
  const [rows, width] = matrix.shape;
  const labels = new Int32Array(rows);
  for (let r = 0; r < rows; r++) labels[r] = matrix.data.subarray(r * width, (r + 1) * width).indexOf(1);
  return labels;
}

/** Reads a labelled table's target as a model already defines it (evaluate): known classes only. */
export function modelTarget(source: string, columns: readonly number[], target: Target, dialect: Dialect): TargetReader {
  if (target.kind === 'values') {
    const values = new NumberColumns(source, target.columns, columns, dialect);
    return { read: (row, line) => values.read(row, line), finish: () => ({ target, labels: new Int32Array(0), values: values.matrix() }) };
  }
  const labels = growingInt32();
  const finish = () => ({ target, labels: labels.values(), values: null });
  if (columns.length > 1) {
    return {
      read: (row, line) => {
        const numbers = columns.map((c, i) => cellNumber(row[c], dialect, source, line, target.columns[i]));
        if (!isOneHot(numbers)) throw dataError(`expected one-hot classes (0 or 1, exactly one 1), got ${numbers.join(', ')}`, source, line);
        labels.push(numbers.indexOf(1));
      },
      finish,
    };
  }
  return {
    read: (row, line) => {
      const cell = row[columns[0]];
      // with decimal commas, a number class (1,0) by its number too, as classIndex finds 1.0
      const number = dialect.decimal === ',' ? parseNumber(cell, dialect) : undefined;
      const label = classIndex(target, cell) ?? (number === undefined ? undefined : classIndex(target, number));
      if (label === undefined) throw dataError(`unknown class ${quote(cell)}: the model knows ${target.classes.join(', ')}`, source, line, target.columns[0]);
      labels.push(label);
    },
    finish,
  };
}

export function describeTarget(target: Target): string {
  const names = target.columns.map((c) => `'${terminalText(c)}'`).join(', ');
  if (target.kind === 'values') return `target ${names}: values (regression)`;
  const shown = target.classes.length > 12 ? [...target.classes.slice(0, 12).map(terminalText), '…'] : target.classes.map(terminalText);
  return `target ${names}: ${target.classes.length} classes (${shown.join(', ')})`;
}
