// What the terminal shows after training and evaluating: the loss curve (asciichart), the
// metrics, and a confusion matrix.
import asciichart from 'asciichart';
import { percent } from '../shared/format';
import { lossLabel } from '../shared/loss-labels';
import type { Metrics } from './metrics';
import type { Target } from './target';

/** The curves of a training run, one value per epoch. */
export interface LossCurves {
  training: ArrayLike<number>;
  /** With validation rows: drawn dotted over the training curve. */
  validation?: ArrayLike<number>;
  /** Early stopping's best epoch (1-based), marked under the axis. */
  bestEpoch?: number;
}

/**
 * The loss by epoch as a terminal chart about `columns` wide: a long run shows the loss at the start
 * of each stretch of epochs, a short one repeats each epoch over several columns.
 */
export function lossChart(curves: LossCurves, lossName: string, columns = 60): string {
  const { training, validation, bestEpoch } = curves;
  const label = lossLabel(lossName);
  if (training.length === 0) return `${label} by epoch: no epoch finished with a finite loss`;
  const step = Math.ceil(training.length / columns);
  const repeat = Math.max(1, Math.floor(columns / training.length));
  const sampled = (loss: ArrayLike<number>) => {
    const curve = Array.from({ length: Math.ceil(loss.length / step) * repeat }, (_, i) => loss[Math.floor(i / repeat) * step]);
    if (curve.length === 1) curve.push(curve[0]);
    return curve;
  };
  const curve = sampled(training);
  const validationCurve = validation?.length ? sampled(validation) : undefined;
  // asciichart steps through rows from min to max one unit at a time in the values' own scale, which
  // never ends for large values (1e30 + 1 is 1e30): chart the distance from the lowest instead
  const finite = [...curve, ...(validationCurve ?? [])].filter(Number.isFinite);
  const low = Math.min(...finite);
  const high = Math.max(...finite);
  const plot = (values: number[]) =>
    asciichart.plot(values.map((value) => value - low), { height: 10, min: 0, max: high - low, format: (v) => (v + low).toPrecision(3).padStart(9) });
  let chart = plot(curve);
  if (validationCurve) chart = overlay(chart, plot(validationCurve));
  const axis = `${' '.repeat(CURVE_COLUMN)}1${String(training.length).padStart(curve.length - 1)}`;
  const per = step > 1 ? `one column per ${step} epochs` : repeat > 1 ? `${repeat} columns per epoch` : 'one column per epoch';
  const key = validationCurve ? `; training ─, validation ·` : '';
  let marker = '';
  if (bestEpoch !== undefined) {
    const column = CURVE_COLUMN + Math.floor((bestEpoch - 1) / step) * repeat;
    marker = `\n${' '.repeat(column)}^ best epoch ${bestEpoch}`;
  }
  return `${label} by epoch (${per}${key})\n${chart}\n${axis}${marker}`;
}

// the chart's first curve column: after the 9-character labels and a space
const CURVE_COLUMN = 10;

// the second chart's curve, dotted, wherever the first has none (same rows and labels: same range)
function overlay(chart: string, second: string): string {
  const secondLines = second.split('\n');
  return chart
    .split('\n')
    .map((line, row) =>
      Array.from(line, (char, column) => (column > CURVE_COLUMN && char === ' ' && (secondLines[row][column] ?? ' ') !== ' ' ? '·' : char)).join(''),
    )
    .join('\n');
}

/** One line: `validation (40 rows): loss 0.0213, accuracy 100% (40 of 40)`. */
export function metricsLine(label: string, metrics: Metrics, target: Target): string {
  let line = `${label} (${metrics.rows} rows): loss ${metrics.loss.toPrecision(4)}`;
  if (metrics.accuracy !== undefined) line += `, accuracy ${percent(metrics.accuracy)} (${metrics.correct} of ${metrics.rows})`;
  if (metrics.rmse) {
    line += `, RMSE ${metrics.rmse.map((e, c) => `${target.columns[c]} ${e.toPrecision(4)}`).join(', ')}`;
  }
  return line;
}

/** The confusion matrix as a table: one row per true class, one column per predicted class. */
export function confusionTable(confusion: number[][], classes: readonly string[]): string {
  const header = ['true \\ predicted', ...classes];
  const rows = confusion.map((row, c) => [classes[c], ...row.map(String)]);
  const widths = header.map((name, i) => Math.max(name.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}
