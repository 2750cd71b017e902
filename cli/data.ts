// A labelled data set as the CLI trains and evaluates on it: named numeric inputs and a target,
// read a row at a time from a CSV file (or standard input, or the packaged iris) or built in.
import { readCsv, columnIndex, NumberColumns } from './csv';
import { type Matrix, growingUint32, pickMatrixRows } from './matrix';
import { type Task, type TargetData, trainingTarget } from './target';
import { dataError } from './errors';

export interface LabelledData extends TargetData {
  /** The file as given, or the built-in set's name: for messages and reports. */
  source: string;
  featureNames: string[];
  inputs: Matrix;
  /** The file line of each row, for messages (empty for a built-in set). */
  lines: Uint32Array;
}

export interface ColumnChoice {
  /** Target columns (default: the last column). */
  target?: readonly string[];
  /** Input columns (default: every column that is not a target). */
  features?: readonly string[];
  task: Task;
}

/** Reads a training table: picks its target and input columns by the header, then reads their rows. */
export async function readLabelledCsv(path: string, source: string, choice: ColumnChoice): Promise<LabelledData> {
  let featureNames: string[] = [];
  let inputs: NumberColumns | undefined;
  let target: ReturnType<typeof trainingTarget> | undefined;
  const lines = growingUint32();
  await readCsv(path, source, (header) => {
    const targetNames = choice.target ?? [header.at(-1)!];
    const targetColumns = targetNames.map((name) => columnIndex(header, name, 'named by --target', source));
    featureNames = [...(choice.features ?? header.filter((name) => !targetNames.includes(name)))];
    const featureColumns = featureNames.map((name) => columnIndex(header, name, 'named by --features', source));
    const both = featureNames.find((name) => targetNames.includes(name));
    if (both !== undefined) throw dataError(`column '${both}' cannot be both an input (--features) and the target`, source);
    if (featureColumns.length === 0) throw dataError('has no input columns left once the target is taken out', source);
    const reader = new NumberColumns(source, featureNames, featureColumns);
    const targetReader = trainingTarget(source, header, targetColumns, choice.task);
    [inputs, target] = [reader, targetReader];
    return (cells, line) => {
      reader.read(cells, line);
      targetReader.read(cells, line);
      lines.push(line);
    };
  });
  return { source, featureNames, inputs: inputs!.matrix(), lines: lines.values(), ...target!.finish() };
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
