// A labelled data set as the CLI trains on it: a table of named input columns (numbers, or text taken
// as categories, with missing cells: src/columns.ts's rules, the library's) and a target, read a
// row at a time from a CSV file (or standard input, or the packaged iris) or built in. A row whose
// target is missing is left out (counted): there is nothing to learn from it.
import { readCsv, columnIndex } from '../io/csv';
import { cellValue } from '../io/cells';
import type { Dialect, DialectChoice } from '../io/csv-dialect';
import { growingUint32, pickMatrixRows } from './matrix';
import { type Task, type TargetData, trainingTarget } from './target';
import { type ColumnChoice, type Table, TableBuilder, isMissing, pickTableRows } from '../../src/columns';
import { dataError } from '../errors';

/** What a missing input cell becomes: the training rows' median or most frequent level (impute), its row left out (drop), or an error. */
export type MissingPolicy = 'impute' | 'drop' | 'error';
export const MISSING_POLICIES: readonly MissingPolicy[] = ['impute', 'drop', 'error'];

export interface LabelledData extends TargetData {
  /** The file as given, or the built-in set's name: for messages and reports. */
  source: string;
  /** The input columns as read (the table keeps those it can use: see table.leftOut). */
  featureNames: string[];
  table: Table;
  /** The file line of each row, for messages (empty for a built-in set). */
  lines: Uint32Array;
  /** How a CSV file was read (none for a built-in set). */
  dialect?: Dialect;
  /** Rows left out: without a target; with a missing input (--missing drop). */
  dropped: { noTarget: number; missingInput: number };
}

export interface ColumnSelection {
  /** Target columns (default: the last column). */
  target?: readonly string[];
  /** Input columns (default: every column that is not a target). */
  features?: readonly string[];
  task: Task;
  /** Columns taken as numbers, categories, or not at all (default: by what they hold). */
  types?: Readonly<Record<string, ColumnChoice>>;
  missing?: MissingPolicy;
}

/** Reads a training table (in the dialect chosen, or found): picks its target and input columns by the header, then reads their rows. */
export async function readLabelledCsv(path: string, source: string, choice: ColumnSelection, dialectChoice: DialectChoice): Promise<LabelledData> {
  let featureNames: string[] = [];
  let builder: TableBuilder | undefined;
  let target: ReturnType<typeof trainingTarget> | undefined;
  const lines = growingUint32();
  const dropped = { noTarget: 0, missingInput: 0 };
  const missing = choice.missing ?? 'impute';
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
    for (const name of Object.keys(choice.types ?? {})) columnIndex(featureNames, name, 'named by --numeric, --categorical or --ignore, among the inputs', source);
    const types = featureNames.map((name) => (choice.types && Object.hasOwn(choice.types, name) ? choice.types[name] : undefined));
    const table = (builder = new TableBuilder(featureNames, choice.types));
    const targetReader = (target = trainingTarget(source, header, targetColumns, choice.task, dialect));
    return (cells, line) => {
      if (targetColumns.some((c) => isMissing(cells[c]))) return void dropped.noTarget++;
      if (missing !== 'impute') {
        const gap = featureColumns.findIndex((c, i) => types[i] !== 'ignore' && isMissing(cells[c]));
        if (gap >= 0 && missing === 'error') throw dataError('the value is missing (--missing error)', source, line, featureNames[gap]);
        if (gap >= 0) return void dropped.missingInput++;
      }
      table.add((c) => cellValue(cells[featureColumns[c]], dialect, types[c], source, line, featureNames[c]), () => `${source}, line ${line}`);
      targetReader.read(cells, line);
      lines.push(line);
    };
  });
  const table = builder!.finish();
  if (table.rows === 0) throw dataError(`has no row to train on${dropped.noTarget ? ` (${dropped.noTarget} without a target)` : ''}${dropped.missingInput ? ` (${dropped.missingInput} with a missing input, --missing drop)` : ''}`, source);
  return { source, featureNames, table, lines: lines.values(), dialect: read, dropped, ...target!.finish() };
}

/** The rows of a data set at the given indices (a subset), copied in that order. */
export function pickRows(data: LabelledData, rows: Uint32Array): LabelledData {
  return {
    ...data,
    table: pickTableRows(data.table, rows),
    labels: data.labels.length ? Int32Array.from(rows, (r) => data.labels[r]) : data.labels,
    values: data.values && pickMatrixRows(data.values, rows),
    lines: data.lines.length ? Uint32Array.from(rows, (r) => data.lines[r]) : data.lines,
  };
}
