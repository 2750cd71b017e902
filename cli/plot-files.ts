// --plot: the files train writes into the plot folder, from the training run's results.
import { join } from 'node:path';
import type { NeuralNetwork } from 'neural-wasm';
import { writeFileAtomic } from './atomic-file';
import type { Matrix } from './matrix';
import { type Scaling, scaleInPlace } from './normalize';
import { decisionRegionsSvg, lossCurveSvg, type LossSeries } from './plots';
import { predictionBlocks } from './prediction-blocks';
import { LOSS_NAMES } from './report';
import { type Target, predictedClass } from './target';
import { DataError } from './errors';

export const PLOT_FILES = ['losses.svg', 'decision-regions.svg'];

/** The data's points in their own units, with their classes: for the decision-regions plot (two inputs). */
export interface RegionPoints {
  inputs: Matrix;
  labels: Int32Array;
}

export interface TrainingRun {
  source: string;
  featureNames: string[];
  target: Target;
  scaling: Scaling;
  /** The training loss by epoch, and the validation loss at each progress report ([epoch, loss]). */
  loss: Float64Array;
  validationLoss: [number, number][];
  lossName: string;
  points?: RegionPoints;
}

/** Writes the plots; resolves to the files written. */
export async function writePlots(folder: string, net: NeuralNetwork, run: TrainingRun): Promise<string[]> {
  const series: LossSeries[] = [{ label: 'training', points: Array.from(run.loss, (value, i) => [i + 1, value] as [number, number]) }];
  if (run.validationLoss.length) series.push({ label: 'validation', points: run.validationLoss });
  const lossLabel = LOSS_NAMES[run.lossName] ?? run.lossName;
  const written = [join(folder, PLOT_FILES[0])];
  await writeFileAtomic(written[0], lossCurveSvg(series, lossLabel, `${run.source}: ${lossLabel} by epoch`));
  if (run.points && run.target.kind === 'classes') {
    const classCount = run.target.classes.length;
    const svg = decisionRegionsSvg({
      inputs: run.points.inputs,
      labels: run.points.labels,
      classes: run.target.classes,
      featureNames: run.featureNames,
      title: `${run.source}: predicted class (regions) and true class (points)`,
      classify: (points) => {
        scaleInPlace(points, run.scaling, () => new DataError(`${run.source}: the plot's grid cannot be scaled as the training rows were`));
        return [...predictionBlocks(net, points)].flatMap(({ outputs }) => outputs.map((output) => predictedClass(output, classCount)));
      },
    });
    written.push(join(folder, PLOT_FILES[1]));
    await writeFileAtomic(written[1], svg);
  }
  return written;
}
