// What the terminal shows after training and evaluating: the loss curve (asciichart), the
// metrics, and a confusion matrix.
import asciichart from 'asciichart';
import { percent } from '../../shared/format';
import { lossLabel } from '../../shared/loss-labels';
import type { Metrics } from './metrics';
import type { Target } from '../data/target';
import { terminalText } from '../io/terminal-text';

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
    line += `, RMSE ${metrics.rmse.map((e, c) => `${terminalText(target.columns[c])} ${e.toPrecision(4)}`).join(', ')}`;
  }
  return line;
}

// Past this many classes a matrix is too wide to read, and grows as the square (3,000 classes: 60
// MB): the most frequent confusions and the classes predicted worst are shown instead.
const MOST_MATRIX_CLASSES = 30;
const CONFUSIONS_SHOWN = 20;
const WORST_CLASSES_SHOWN = 10;

/**
 * The confusion matrix under its heading (`rows`: which rows it counts, e.g. 'validation rows'): a
 * table of one row per true class and one column per predicted class, or past 30 classes the 20
 * most frequent confusions and the 10 classes of lowest accuracy.
 */
export function confusionReport(confusion: number[][], classes: readonly string[], rows?: string): string {
  const of = rows ? `, ${rows}` : '';
  if (classes.length <= MOST_MATRIX_CLASSES) return `confusion matrix${of} (rows: true class, columns: predicted)\n${confusionTable(confusion, classes)}`;
  const names = classes.map(terminalText);
  const wrong: [number, number, number][] = [];
  confusion.forEach((row, t) => row.forEach((count, p) => void (p !== t && count > 0 && wrong.push([count, t, p]))));
  const shown = wrong.sort((a, b) => b[0] - a[0] || a[1] - b[1] || a[2] - b[2]).slice(0, CONFUSIONS_SHOWN);
  const wrongRows = wrong.reduce((sum, [count]) => sum + count, 0);
  const count = (n: number) => n.toLocaleString('en-US');
  const lines = [`confusions${of}: ${count(classes.length)} classes, too many for a matrix`];
  if (shown.length === 0) lines.push('no row predicted wrong');
  else {
    const which = shown.length === wrong.length ? `the ${shown.length}` : `the ${shown.length} most frequent of ${count(wrong.length)}`;
    lines.push(`${which} (a true class predicted as another; ${count(wrongRows)} rows in all):`);
    lines.push(table(['true', 'predicted', 'rows'], shown.map(([rowCount, t, p]) => [names[t], names[p], count(rowCount)]), 2));
  }
  const perClass = confusion.map((row, c) => ({ c, total: row.reduce((sum, n) => sum + n, 0), right: row[c] })).filter(({ total }) => total > 0);
  const worst = perClass.sort((a, b) => a.right / a.total - b.right / b.total || b.total - a.total || a.c - b.c).slice(0, WORST_CLASSES_SHOWN);
  lines.push(`\nlowest accuracy by class (${worst.length} of the ${count(perClass.length)} classes with rows):`);
  lines.push(table(['class', 'accuracy'], worst.map(({ c, total, right }) => [names[c], `${percent(right / total)} (${count(right)} of ${count(total)})`])));
  lines.push("(the full matrix: neural-wasm predict writes each row's predicted class, to count against the true ones)");
  return lines.join('\n');
}

function confusionTable(confusion: number[][], classes: readonly string[]): string {
  const names = classes.map(terminalText);
  return table(['true \\ predicted', ...names], confusion.map((row, c) => [names[c], ...row.map(String)]));
}

// columns padded to their widest cell: the first `names` to the left, the others (numbers) to the right
function table(header: string[], rows: string[][], names = 1): string {
  const widths = header.map((name, i) => Math.max(name.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i < names ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}
