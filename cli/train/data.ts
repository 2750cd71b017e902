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
import { type Inputs, type Table, InputEncoder, fitInputs, tableValue } from '../../src/columns';
import { type Scaling, fitScaling, scaleInPlace, notScalable } from '../data/normalize';
import { regionPoints, type RegionPoints } from '../results/plot-files';
import type { Preset } from './presets';
import { splitRows } from '../data/split';
import { type Target, type TargetData, encodeClasses } from '../data/target';
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
// stay unseen), then encode both sets as the network takes them
export function prepareSets(data: LabelledData, options: TrainFlags, preset: Preset): PreparedData {
  const isClasses = data.target.kind === 'classes';
  const { table } = data;
  const fraction = options.validationSplit ?? preset.validationSplit;
  const split = splitRows(table.rows, fraction, options.seed, isClasses ? data.labels : undefined);
  if (split.training.length === 0) throw new UsageError('--validation-split leaves no rows to train on');
  if (table.columns.length === 0) {
    const why = table.leftOut.map(({ name, why }) => `'${name}' ${LEFT_OUT[why]}`).join('; ');
    throw dataError(`has no input column to learn from: ${why}`, data.source);
  }
  const method = options.normalize ?? preset.normalize;
  const inputs = fitInputs(table, split.training, method);
  const targetScaling = isClasses ? null : fitScaling(pickMatrixRows(data.values!, split.training), method);
  const encoder = new InputEncoder(inputs);
  const networkSet = (rows: Uint32Array): NetworkSet => {
    const encoded = new Float64Array(rows.length * encoder.width);
    rows.forEach((row, i) => {
      const where = data.lines.length ? `${data.source}, line ${data.lines[row]}` : `${data.source}, row ${row + 1}`;
      // a held-out value far outside the training rows' range may not scale to a finite number
      encoder.encode(
        (c) => tableValue(table.columns[c], row), encoded, i * encoder.width, (c) => `${where}, column '${inputs.columns[c]}'`,
        (c) => new DataError(`${where}, column '${inputs.columns[c]}': ${notScalable(tableValue(table.columns[c], row) as number)}`),
      );
    });
    const truth: TargetData = { target: data.target, labels: isClasses ? Int32Array.from(rows, (r) => data.labels[r]) : data.labels, values: isClasses ? null : pickMatrixRows(data.values!, rows) };
    const lines = data.lines.length ? Uint32Array.from(rows, (r) => data.lines[r]) : data.lines;
    if (data.target.kind === 'classes') return { inputs: { data: encoded, shape: [rows.length, encoder.width] }, targets: encodeClasses(truth.labels, data.target.classes.length), truth };
    const targets: Matrix = { data: truth.values!.data.slice(), shape: truth.values!.shape };
    const unscalable = (row: number, column: number) => dataError(notScalable(truth.values!.data[row * truth.values!.shape[1] + column]), data.source, lines[row], data.target.columns[column]);
    scaleInPlace(targets, targetScaling!, unscalable);
    return { inputs: { data: encoded, shape: [rows.length, encoder.width] }, targets, truth };
  };
  const sets = { training: networkSet(split.training), validation: networkSet(split.validation), inputs, targetScaling, isClasses };
  // the plot shows the points as read, in their own units: two numeric inputs, every value present
  const plotted = options.plot !== undefined && isClasses && table.columns.length === 2 && table.columns.every((c) => c.type === 'numeric' && c.missing === 0);
  const points = plotted ? regionPoints(pointsOf(table), data.labels) : undefined;
  const description: DataDescription = {
    source: data.source, featureNames: inputs.columns, target: data.target, dialect: data.dialect, inputWidth: encoder.width,
    columns: { table, inputs, dropped: data.dropped },
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
