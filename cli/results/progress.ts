// Training progress on standard error: a live bar (cli-progress) in a terminal; when the output is
// a file or a pipe, one plain line at every tenth of the epochs instead, so logs stay short.
import cliProgress from 'cli-progress';
import { percent } from '../../shared/format';

export interface EpochReport {
  epoch: number;
  loss: number;
  /** Training accuracy (classes only). */
  accuracy?: number;
  /** With validation rows: their loss, and accuracy (classes only). */
  valLoss?: number;
  valAccuracy?: number;
}

export interface Progress {
  update(report: EpochReport): void;
  stop(): void;
}

export function startProgress(epochs: number, quiet: boolean): Progress {
  if (quiet) return { update() {}, stop() {} };
  if (process.stderr.isTTY) return barProgress(epochs);
  // a line at each tenth of the epochs (the first report at or past it), and at the end
  const tenth = Math.max(1, Math.round(epochs / 10));
  let nextLine = tenth;
  return {
    update(report) {
      if (report.epoch < nextLine && report.epoch < epochs) return;
      process.stderr.write(`epoch ${report.epoch}/${epochs}  ${describe(report)}\n`);
      nextLine = (Math.floor(report.epoch / tenth) + 1) * tenth;
    },
    stop() {},
  };
}

function barProgress(epochs: number): Progress {
  const bar = new cliProgress.SingleBar(
    { format: 'epoch {value}/{total} {bar} {metrics}', stream: process.stderr, hideCursor: true, barsize: 30 },
    cliProgress.Presets.shades_classic,
  );
  bar.start(epochs, 0, { metrics: '' });
  return {
    update(report) {
      bar.update(report.epoch, { metrics: describe(report) });
    },
    stop() {
      bar.stop();
    },
  };
}

function describe({ loss, accuracy, valLoss, valAccuracy }: EpochReport): string {
  let text = `loss ${loss.toPrecision(4)}`;
  if (accuracy !== undefined) text += `  accuracy ${percent(accuracy)}`;
  if (valLoss !== undefined) text += `  validation loss ${valLoss.toPrecision(4)}`;
  if (valAccuracy !== undefined) text += `  accuracy ${percent(valAccuracy)}`;
  return text;
}
