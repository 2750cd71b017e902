// A labelled data set as the CLI trains and evaluates on it: named numeric inputs and a target,
// read a row at a time from a CSV file (or standard input, or the packaged iris) or built in.
import { readCsv, columnIndex, NumberColumns } from '../io/csv';
import type { Dialect, DialectChoice } from '../io/csv-dialect';
import { type Matrix, growingUint32, pickMatrixRows, permuteRows, rowSlice } from './matrix';
import { type Task, type TargetData, trainingTarget } from './target';
import { dataError } from '../errors';

export interface LabelledData extends TargetData {
  /** The file as given, or the built-in set's name: for messages and reports. */
  source: string;
  featureNames: string[];
  inputs: Matrix;
  /** The file line of each row, for messages (empty for a built-in set). */
  lines: Uint32Array;
  /** How a CSV file was read (none for a built-in set). */
  dialect?: Dialect;
}

export interface ColumnChoice {
  /** Target columns (default: the last column). */
  target?: readonly string[];
  /** Input columns (default: every column that is not a target). */
  features?: readonly string[];
  task: Task;
}

/** Reads a training table (in the dialect chosen, or found): picks its target and input columns by the header, then reads their rows. */
export async function readLabelledCsv(path: string, source: string, choice: ColumnChoice, dialectChoice: DialectChoice): Promise<LabelledData> {
  let featureNames: string[] = [];
  let inputs: NumberColumns | undefined;
  let target: ReturnType<typeof trainingTarget> | undefined;
  const lines = growingUint32();
  let read: Dialect | undefined;
  await readCsv(path, source, dialectChoice, (header, dialect) => {
    read = dialect;
    const targetNames = choice.target ?? [header.at(-1)!];
    const targetColumns = targetNames.map((name) => columnIndex(header, name, 'named by --target', source));
    featureNames = [...(choice.features ?? header.filter((name) => !targetNames.includes(name)))];
    const featureColumns = featureNames.map((name) => columnIndex(header, name, 'named by --features', source));
    const both = featureNames.find((name) => targetNames.includes(name));
    if (both !== undefined) throw dataError(`column '${both}' cannot be both an input (--features) and the target`, source);
    if (featureColumns.length === 0) throw dataError('has no input columns left once the target is taken out', source);
    const reader = new NumberColumns(source, featureNames, featureColumns, dialect);
    const targetReader = trainingTarget(source, header, targetColumns, choice.task, dialect);
    [inputs, target] = [reader, targetReader];
    return (cells, line) => {
      reader.read(cells, line);
      targetReader.read(cells, line);
      lines.push(line);
    };
  });
  return { source, featureNames, inputs: inputs!.matrix(), lines: lines.values(), dialect: read, ...target!.finish() };
}

/** The rows of a data set at the given indices (a split, a subset), copied in that order. */
export function pickRows(data: LabelledData, rows: Uint32Array): LabelledData {
  return {
    ...data,
    inputs: pickMatrixRows(data.inputs, rows),
    labels: data.labels.length ? Int32Array.from(rows, (r) => data.labels[r]) : data.labels,
    values: data.values && pickMatrixRows(data.values, rows),
    lines: data.lines.length ? Uint32Array.from(rows, (r) => data.lines[r]) : data.lines,
  };
}

/**
 * Splits a data set in two without a copy: its rows are reordered in place, the `first` rows then
 * the `second`, and each part is a view of its stretch. `data` itself is changed.
 */
export function splitInPlace(data: LabelledData, first: Uint32Array, second: Uint32Array): [LabelledData, LabelledData] {
  const order = new Uint32Array(first.length + second.length);
  order.set(first);
  order.set(second, first.length);
  permuteRows(data.inputs.data, data.inputs.shape[1], order);
  if (data.values) permuteRows(data.values.data, data.values.shape[1], order);
  for (const column of [data.labels, data.lines]) if (column.length) permuteRows(column, 1, order);
  const part = (start: number, end: number): LabelledData => ({
    ...data,
    inputs: rowSlice(data.inputs, start, end),
    labels: data.labels.length ? data.labels.subarray(start, end) : data.labels,
    values: data.values && rowSlice(data.values, start, end),
    lines: data.lines.length ? data.lines.subarray(start, end) : data.lines,
  });
  return [part(0, first.length), part(first.length, order.length)];
}
