// What the terminal shows after training and evaluating: the loss curve (asciichart), the
// metrics, and a confusion matrix.
import asciichart from 'asciichart';
import { percent } from '../shared/format';
import { lossLabel } from '../shared/loss-labels';
import type { Metrics } from './metrics';
import type { Target } from './target';

/**
 * The loss by epoch as a terminal chart about `columns` wide: a long run shows the loss at the start
 * of each stretch of epochs, a short one repeats each epoch over several columns.
 */
export function lossChart(loss: ArrayLike<number>, lossName: string, columns = 60): string {
  if (loss.length === 0) return `${lossLabel(lossName)} by epoch: no epoch finished with a finite loss`;
  const step = Math.ceil(loss.length / columns);
  const repeat = Math.max(1, Math.floor(columns / loss.length));
  const curve = Array.from({ length: Math.ceil(loss.length / step) * repeat }, (_, i) => loss[Math.floor(i / repeat) * step]);
  if (curve.length === 1) curve.push(curve[0]);
  // asciichart steps through rows from min to max one unit at a time in the values' own scale, which
  // never ends for large values (1e30 + 1 is 1e30): chart the distance from the lowest instead
  const low = Math.min(...curve);
  const chart = asciichart.plot(
    curve.map((value) => value - low),
    { height: 10, format: (v) => (v + low).toPrecision(3).padStart(9) },
  );
  const axis = `${' '.repeat(10)}1${String(loss.length).padStart(curve.length - 1)}`;
  const per = step > 1 ? `one column per ${step} epochs` : repeat > 1 ? `${repeat} columns per epoch` : 'one column per epoch';
  return `${lossLabel(lossName)} by epoch (${per})\n${chart}\n${axis}`;
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
