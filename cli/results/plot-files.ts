// --plot: the files train writes into the plot folder, from the training run's results.
import { join } from 'node:path';
import type { NeuralNetwork } from 'neural-wasm';
import { writeFileAtomic } from '../io/atomic-file';
import { type Matrix, pickMatrixRows, rowCount } from '../data/matrix';
import { identity } from '../../src/split';
import { type Scaling, scaleInPlace } from '../data/normalize';
import { decisionRegionsSvg, lossCurveSvg, type LossSeries } from './plots';
import { predictionBlocks } from './prediction-blocks';
import { lossLabel } from '../../shared/loss-labels';
import { predictedClass } from 'neural-wasm/datasets';
import type { Target } from '../data/target';
import { DataError } from '../errors';

export const PLOT_FILES = ['losses.svg', 'decision-regions.svg'];

// a picture shows no more points than this (millions would make an SVG of gigabytes): every k-th row
const MAX_POINTS = 20_000;

/** The data's points in their own units, with their classes: for the decision-regions plot (two inputs). */
export interface RegionPoints {
  inputs: Matrix;
  labels: Int32Array;
  /** The rows of the data set, when the points are an evenly spaced sample of them. */
  of: number;
}

/** The points to plot: all the rows, or MAX_POINTS of them evenly spaced, copied before the rows are scaled. */
export function regionPoints(inputs: Matrix, labels: Int32Array): RegionPoints {
  const count = rowCount(inputs);
  const rows = count <= MAX_POINTS ? identity(count) : Uint32Array.from({ length: MAX_POINTS }, (_, i) => Math.floor((i * count) / MAX_POINTS));
  return { inputs: pickMatrixRows(inputs, rows), labels: Int32Array.from(rows, (r) => labels[r]), of: count };
}

export interface TrainingRun {
  source: string;
  featureNames: string[];
  target: Target;
  scaling: Scaling;
  /** The training loss by epoch, and the validation loss when there were validation rows. */
  loss: Float64Array;
  validationLoss?: Float64Array;
  /** Early stopping's best epoch (1-based), marked on the plot. */
  bestEpoch?: number;
  lossName: string;
  points?: RegionPoints;
}

/** Writes the plots; resolves to the files written. */
export async function writePlots(folder: string, net: NeuralNetwork, run: TrainingRun): Promise<string[]> {
  const byEpoch = (values: Float64Array) => Array.from(values, (value, i) => [i + 1, value] as [number, number]);
  const series: LossSeries[] = [{ label: 'training', points: byEpoch(run.loss) }];
  if (run.validationLoss?.length) series.push({ label: 'validation', points: byEpoch(run.validationLoss) });
  const label = lossLabel(run.lossName);
  const written = [join(folder, PLOT_FILES[0])];
  await writeFileAtomic(written[0], lossCurveSvg(series, label, `${run.source}: ${label} by epoch`, run.bestEpoch));
  if (run.points && run.target.kind === 'classes') {
    const svg = decisionRegionsSvg({
      inputs: run.points.inputs,
      labels: run.points.labels,
      classes: run.target.classes,
      featureNames: run.featureNames,
      title: `${run.source}: predicted class (regions) and true class (${sampled(run.points)})`,
      classify: (points) => {
        scaleInPlace(points, run.scaling, () => new DataError(`${run.source}: the plot's grid cannot be scaled as the training rows were`));
        return [...predictionBlocks(net, points)].flatMap(({ outputs }) => outputs.map(predictedClass));
      },
    });
    written.push(join(folder, PLOT_FILES[1]));
    await writeFileAtomic(written[1], svg);
  }
  return written;
}

function sampled({ inputs, of }: RegionPoints): string {
  const shown = rowCount(inputs);
  return shown === of ? 'points' : `${shown.toLocaleString('en-US')} of ${of.toLocaleString('en-US')} points`;
}
