// `neural-wasm train`'s data as the network takes it: the rows read (a CSV file, standard input or
// a built-in set), split into training and validation rows, scaled by the training rows, and the
// targets encoded.
import type { TrainFlags } from './flags';
import { isBuiltin, loadBuiltin } from '../data/builtin-data';
import { type LabelledData, readLabelledCsv, splitInPlace } from '../data/data';
import { sourceName } from '../io/files';
import type { Dialect } from '../io/csv-dialect';
import { type Matrix, rowCount } from '../data/matrix';
import { type Scaling, fitScaling, scaleInPlace, notScalable } from '../data/normalize';
import { regionPoints, type RegionPoints } from '../results/plot-files';
import type { Preset } from './presets';
import { splitRows } from '../data/split';
import { type Target, type TargetData, encodeClasses } from '../data/target';
import { UsageError, dataError } from '../errors';

export function loadTrainingData(source: string, options: TrainFlags): Promise<LabelledData> {
  if (isBuiltin(source)) {
    const { seed, samples, noise, classes } = options;
    return loadBuiltin(source, { seed, samples, noise, classes });
  }
  return readLabelledCsv(source, sourceName(source), { target: options.target, features: options.features, task: options.task }, options.dialect);
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
  inputScaling: Scaling;
  targetScaling: Scaling | null;
  isClasses: boolean;
}

/** What train reports about the data once the rows are in the sets. */
export interface DataDescription {
  source: string;
  featureNames: string[];
  target: Target;
  /** How a CSV file was read. */
  dialect?: Dialect;
}

export interface PreparedData {
  description: DataDescription;
  sets: PreparedSets;
  /** The points of the decision-regions plot, in the data's own units (--plot, two inputs, classes). */
  regionPoints?: RegionPoints;
}

// split, then scale by the training rows only (the validation rows stay unseen), then encode the
// targets. The rows as read become the sets (reordered and scaled in place): millions of rows are not copied.
export function prepareSets(data: LabelledData, options: TrainFlags, preset: Preset): PreparedData {
  const isClasses = data.target.kind === 'classes';
  const fraction = options.validationSplit ?? preset.validationSplit;
  const split = splitRows(rowCount(data.inputs), fraction, options.seed, isClasses ? data.labels : undefined);
  if (split.training.length === 0) throw new UsageError('--validation-split leaves no rows to train on');
  // the plot shows the points as read: copied before the rows are split and scaled in place
  const plotted = options.plot !== undefined && data.featureNames.length === 2 && isClasses;
  const points = plotted ? regionPoints(data.inputs, data.labels) : undefined;
  const [trainingRows, validationRows] = splitInPlace(data, split.training, split.validation);
  const method = options.normalize ?? preset.normalize;
  const inputScaling = fitScaling(trainingRows.inputs, method);
  const targetScaling = isClasses ? null : fitScaling(trainingRows.values!, method);
  const networkSet = (rows: LabelledData): NetworkSet => {
    // a held-out value far outside the training rows' range may not scale to a finite number
    const unscalable = (original: Matrix, names: string[]) => (row: number, column: number) =>
      dataError(notScalable(original.data[row * names.length + column]), data.source, rows.lines[row], names[column]);
    scaleInPlace(rows.inputs, inputScaling, unscalable(rows.inputs, data.featureNames));
    if (data.target.kind === 'classes') return { inputs: rows.inputs, targets: encodeClasses(rows.labels, data.target.classes.length), truth: rows };
    const targets: Matrix = { data: rows.values!.data.slice(), shape: rows.values!.shape };
    scaleInPlace(targets, targetScaling!, unscalable(rows.values!, data.target.columns));
    return { inputs: rows.inputs, targets, truth: rows };
  };
  const sets = { training: networkSet(trainingRows), validation: networkSet(validationRows), inputScaling, targetScaling, isClasses };
  return { description: { source: data.source, featureNames: data.featureNames, target: data.target, dialect: data.dialect }, sets, regionPoints: points };
}
