// `neural-wasm train`'s data as the network takes it: the rows read (a CSV file, standard input or
// a built-in set) into a table, split into training and validation rows, the inputs fitted on the
// training rows (types, levels, fill values, scaling: src/columns.ts), both sets encoded, and the
// targets encoded.
import type { TrainFlags } from './flags';
import { isBuiltin, loadBuiltin } from '../data/builtin-data';
import { type LabelledData, readLabelledCsv } from '../data/data';
import { sourceName } from '../io/files';
import type { Dialect } from '../io/csv-dialect';
import { type Matrix, pickMatrixRows } from '../data/matrix';
import type { Inputs, Table } from '../../src/columns';
import { type EncodedSet, type PreparedTraining, prepareTraining } from '../../src/train';
import { type Scaling, notScalable } from '../data/normalize';
import { regionPoints, type RegionPoints } from '../results/plot-files';
import type { Preset } from './presets';
import type { Target, TargetData } from '../data/target';
import { DataError, UsageError, dataError } from '../errors';

export function loadTrainingData(source: string, options: TrainFlags): Promise<LabelledData> {
  if (isBuiltin(source)) {
    const { seed, samples, noise, classes } = options;
    return loadBuiltin(source, { seed, samples, noise, classes });
  }
  const { target, features, task, types, missing } = options;
  return readLabelledCsv(source, sourceName(source), { target, features, task, types, missing }, options.dialect);
}

/** One part of the data (training or validation) as the network takes it, and its target as the data says. */
export interface NetworkSet {
  inputs: Matrix;
  targets: Matrix;
  truth: TargetData;
}

export interface PreparedSets {
  training: NetworkSet;
  validation: NetworkSet;
  /** The inputs fitted on the training rows: types, levels, fill values and scaling (the model file's). */
  inputs: Inputs;
  targetScaling: Scaling | null;
  isClasses: boolean;
}

/** What train reports about the data once the rows are in the sets. */
export interface DataDescription {
  source: string;
  /** The input columns the model reads (those left out are in `table.leftOut`). */
  featureNames: string[];
  target: Target;
  /** How a CSV file was read (none for a built-in set). */
  dialect?: Dialect;
  /** The network's input width: one per numeric column, one per level of a categorical one. */
  inputWidth: number;
  /** What became of the columns read (absent: every column a number, none missing). */
  columns?: ColumnReport;
}

/** What became of the columns: their types, those left out, the missing cells filled, the rows dropped. */
export interface ColumnReport {
  table: Table;
  inputs: Inputs;
  dropped: LabelledData['dropped'];
}

export interface PreparedData {
  description: DataDescription;
  sets: PreparedSets;
  /** The points of the decision-regions plot, in the data's own units (--plot, two numeric inputs, classes). */
  regionPoints?: RegionPoints;
}

// split, then fit the inputs and the target's scaling on the training rows only (the validation rows
// stay unseen), then encode both sets as the network takes them: the library's own steps
// (src/train.ts: Model.train's), so the CLI's model is the library's on the same rows and options
export function prepareSets(data: LabelledData, options: TrainFlags, preset: Preset): PreparedData {
  const isClasses = data.target.kind === 'classes';
  const { table } = data;
  if (table.columns.length === 0) {
    const why = table.leftOut.map(({ name, why }) => `'${name}' ${LEFT_OUT[why]}`).join('; ');
    throw dataError(`has no input column to learn from: ${why}`, data.source);
  }
  const rowName = (row: number) => (data.lines.length ? `${data.source}, line ${data.lines[row]}` : `${data.source}, row ${row + 1}`);
  let prepared: PreparedTraining;
  try {
    prepared = prepareTraining({ table, target: data.target, labels: data.labels, values: data.values?.data ?? null, rowName }, {
      validationSplit: options.validationSplit ?? preset.validationSplit,
      seed: options.seed,
      scaling: options.normalize ?? preset.normalize,
      // a held-out value far outside the training rows' range may not scale to a finite number
      unscalable: (row, column, value) => new DataError(`${rowName(row)}, column '${column}': ${notScalable(value)}`),
    });
  } catch (error) {
    if (error instanceof RangeError && error.message.startsWith('validationSplit')) throw new UsageError('--validation-split leaves no rows to train on');
    throw error;
  }
  const { preprocessing } = prepared;
  const networkSet = ({ rows, inputs, targets }: EncodedSet): NetworkSet => ({
    inputs,
    targets,
    truth: { target: data.target, labels: isClasses ? Int32Array.from(rows, (r) => data.labels[r]) : data.labels, values: isClasses ? null : pickMatrixRows(data.values!, rows) },
  });
  const sets = {
    training: networkSet(prepared.training), validation: networkSet(prepared.validation), inputs: preprocessing.inputs, targetScaling: preprocessing.targetScaling, isClasses,
  };
  // the plot shows the points as read, in their own units: two numeric inputs, every value present
  const plotted = options.plot !== undefined && isClasses && table.columns.length === 2 && table.columns.every((c) => c.type === 'numeric' && c.missing === 0);
  const points = plotted ? regionPoints(pointsOf(table), data.labels) : undefined;
  const description: DataDescription = {
    source: data.source, featureNames: preprocessing.inputs.columns, target: data.target, dialect: data.dialect, inputWidth: prepared.training.inputs.shape[1],
    columns: { table, inputs: preprocessing.inputs, dropped: data.dropped },
  };
  return { description, sets, regionPoints: points };
}

/** Why a column was left out, in a report. */
export const LEFT_OUT: Record<Table['leftOut'][number]['why'], string> = {
  ignored: '(--ignore)',
  id: '(an id or a name: nearly every value differs)',
  empty: '(no value)',
};

function pointsOf(table: Table): Matrix {
  const [x, y] = table.columns as { values: Float64Array }[];
  const data = new Float64Array(table.rows * 2);
  for (let r = 0; r < table.rows; r++) [data[2 * r], data[2 * r + 1]] = [x.values[r], y.values[r]];
  return { data, shape: [table.rows, 2] };
}
