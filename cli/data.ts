// A labelled data set as the CLI trains and evaluates on it: named numeric inputs and a target,
// read from a CSV table (a file, standard input or the packaged iris) or built in.
import { type CsvTable, columnIndex, numericColumns } from './csv';
import { type Task, type TargetData, detectTarget } from './target';
import { dataError } from './errors';

export interface LabelledData extends TargetData {
  /** The file as given, or the built-in set's name: for messages and reports. */
  source: string;
  featureNames: string[];
  inputs: number[][];
}

export interface ColumnChoice {
  /** Target columns (default: the last column). */
  target?: readonly string[];
  /** Input columns (default: every column that is not a target). */
  features?: readonly string[];
  task: Task;
}

/** Picks the target and input columns of a training table and reads them. */
export function labelledTable(table: CsvTable, choice: ColumnChoice): LabelledData {
  const targetNames = choice.target ?? [table.header.at(-1)!];
  const targetColumns = targetNames.map((name) => columnIndex(table, name, 'named by --target'));
  const featureNames = [...(choice.features ?? table.header.filter((name) => !targetNames.includes(name)))];
  const featureColumns = featureNames.map((name) => columnIndex(table, name, 'named by --features'));
  const both = featureNames.find((name) => targetNames.includes(name));
  if (both !== undefined) throw dataError(`column '${both}' cannot be both an input (--features) and the target`, table.source);
  if (featureColumns.length === 0) throw dataError('has no input columns left once the target is taken out', table.source);
  return {
    source: table.source,
    featureNames,
    inputs: numericColumns(table, featureColumns),
    ...detectTarget(table, targetColumns, choice.task),
  };
}

/** The rows of a data set at the given indices (a split). */
export function pickRows(data: LabelledData, rows: readonly number[]): LabelledData {
  return {
    ...data,
    inputs: rows.map((r) => data.inputs[r]),
    labels: data.labels.length ? rows.map((r) => data.labels[r]) : [],
    values: data.values.length ? rows.map((r) => data.values[r]) : [],
  };
}

export function rowCount(data: LabelledData): number {
  return data.inputs.length;
}
