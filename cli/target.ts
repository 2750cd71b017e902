// What the network learns to predict: classes (one column of names or numbers, or several one-hot
// columns) or values (numeric columns, regression), and how each is encoded as network outputs.
import { encodeLabels } from 'neural-wasm/datasets';
import { type CsvTable, parseNumber, numericColumns } from './csv';
import { dataError, quote } from './errors';

export type Task = 'auto' | 'classification' | 'regression';
export const TASKS: readonly Task[] = ['auto', 'classification', 'regression'];

export type Target =
  | { kind: 'classes'; columns: string[]; classes: string[] }
  | { kind: 'values'; columns: string[] };

/** A target read from a table: class indices for classes, rows of numbers for values. */
export interface TargetData {
  target: Target;
  /** classes: each row's class, an index into target.classes (empty for values). */
  labels: number[];
  /** values: each row's target values (empty for classes). */
  values: number[][];
}

// a numeric column is taken as classes when it holds only integers and this few distinct ones
const MAX_AUTO_CLASSES = 10;

/** Reads the target columns of a training table, deciding classes or values when the task is 'auto'. */
export function detectTarget(table: CsvTable, columns: readonly number[], task: Task): TargetData {
  const names = columns.map((c) => table.header[c]);
  if (columns.length > 1) return detectSeveral(table, columns, names, task);
  const column = columns[0];
  const cells = table.rows.map((row) => row[column]);
  const empty = cells.indexOf('');
  if (empty >= 0) throw dataError('the target is missing (an empty cell)', table.source, table.lines[empty], names[0]);
  const numbers = cells.map(parseNumber);
  const numeric = numbers.every((x) => x !== undefined);
  if (task === 'regression') {
    return { target: { kind: 'values', columns: names }, labels: [], values: numericColumns(table, columns) };
  }
  if (task === 'auto' && numeric) {
    const distinct = new Set(numbers);
    const classLike = numbers.every((x) => Number.isInteger(x)) && distinct.size <= MAX_AUTO_CLASSES;
    if (!classLike) return { target: { kind: 'values', columns: names }, labels: [], values: numbers.map((x) => [x!]) };
  }
  // classes: numbers in numeric order under their shortest spelling ("1.0" is "1"), names in text order
  const keys = numeric ? numbers.map((x) => String(x)) : cells;
  const classes = [...new Set(keys)].sort(numeric ? (a, b) => Number(a) - Number(b) : undefined);
  if (classes.length < 2) {
    throw dataError(`the target has only one class, ${quote(classes[0])}: there is nothing to tell apart`, table.source, undefined, names[0]);
  }
  const index = new Map(classes.map((name, i) => [name, i]));
  return { target: { kind: 'classes', columns: names, classes }, labels: keys.map((key) => index.get(key)!), values: [] };
}

// several target columns: one-hot classes (each row 0/1 with exactly one 1), or values
function detectSeveral(table: CsvTable, columns: readonly number[], names: string[], task: Task): TargetData {
  const values = numericColumns(table, columns);
  const r = values.findIndex((row) => !isOneHot(row));
  const oneHot = r < 0;
  if (task === 'classification' && !oneHot) {
    throw dataError(
      `several --target columns are classes only when one-hot (each row 0 or 1, exactly one 1); got ${values[r].join(', ')}`,
      table.source,
      table.lines[r],
    );
  }
  if (task === 'regression' || !oneHot) return { target: { kind: 'values', columns: names }, labels: [], values };
  return { target: { kind: 'classes', columns: names, classes: names }, labels: values.map((row) => row.indexOf(1)), values: [] };
}

function isOneHot(row: readonly number[]): boolean {
  return row.every((x) => x === 0 || x === 1) && row.filter((x) => x === 1).length === 1;
}

/** Reads a labelled table's target as a model already defines it (evaluate): known classes only. */
export function readTarget(table: CsvTable, columns: readonly number[], target: Target): TargetData {
  if (target.kind === 'values') return { target, labels: [], values: numericColumns(table, columns) };
  if (columns.length > 1) {
    const labels = numericColumns(table, columns).map((row, r) => {
      if (isOneHot(row)) return row.indexOf(1);
      throw dataError(`expected one-hot classes (0 or 1, exactly one 1), got ${row.join(', ')}`, table.source, table.lines[r]);
    });
    return { target, labels, values: [] };
  }
  const index = new Map(target.classes.map((name, i) => [name, i]));
  const labels = table.rows.map((row, r) => {
    const cell = row[columns[0]];
    const number = parseNumber(cell);
    const label = index.get(cell) ?? (number === undefined ? undefined : index.get(String(number)));
    if (label === undefined) {
      throw dataError(`unknown class ${quote(cell)}: the model knows ${target.classes.join(', ')}`, table.source, table.lines[r], target.columns[0]);
    }
    return label;
  });
  return { target, labels, values: [] };
}

/** Outputs of the network: one for two classes (the probability of the second), one per class, or one per value. */
export function outputWidth(target: Target): number {
  if (target.kind === 'values') return target.columns.length;
  return target.classes.length === 2 ? 1 : target.classes.length;
}

/** Network targets for class labels: one 0/1 column for two classes, one-hot columns for more. */
export function encodeClasses(labels: readonly number[], target: Target): number[][] {
  if (target.kind !== 'classes') throw new TypeError('encodeClasses: a classes target expected');
  return encodeLabels(labels, target.classes.length);
}

/** Each class's probability from one network output row. */
export function classProbabilities(output: ArrayLike<number>, classCount: number): number[] {
  return classCount === 2 ? [1 - output[0], output[0]] : Array.from(output);
}

/** The predicted class, as the library counts accuracy: the rounded output for two classes, else the arg-max. */
export function predictedClass(output: ArrayLike<number>, classCount: number): number {
  if (classCount === 2) return output[0] >= 0.5 ? 1 : 0;
  let best = 0;
  for (let c = 1; c < output.length; c++) if (output[c] > output[best]) best = c;
  return best;
}

export function describeTarget(target: Target): string {
  const names = target.columns.map((c) => `'${c}'`).join(', ');
  if (target.kind === 'values') return `target ${names}: values (regression)`;
  const shown = target.classes.length > 12 ? [...target.classes.slice(0, 12), '…'] : target.classes;
  return `target ${names}: ${target.classes.length} classes (${shown.join(', ')})`;
}
