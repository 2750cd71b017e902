// The runs table under the plots: each run's core, settings, result and time, newest first, so
// the two cores can be compared side by side; the validation loss and accuracy last (the columns
// before them keep their places).
import type { Backend } from 'neural-wasm';
import { percent, duration } from '../shared/format';

export interface RunRecord {
  backend: Backend;
  settings: string;
  epochs: number;
  stopReason: string;
  loss: number;
  accuracy: number;
  milliseconds: number;
  /** Sample updates per second: epochs times samples over the time. */
  samplesPerSecond: number;
  /** With validation data: the last epoch's. */
  valLoss?: number;
  valAccuracy?: number;
  /** Early stopping's best epoch, whose weights the network ends with. */
  bestEpoch?: number;
  /** The threads it trained on (FitResult.threads). */
  threads: number;
}

const STOP_LABELS: Record<string, string> = { noImprovement: 'no improvement' };

const CORE_LABELS: Record<Backend, string> = { 'wasm-simd': 'WASM SIMD', wasm: 'WASM', js: 'pure JS' };

export class TimesTable {
  private count = 0;
  private readonly body: HTMLTableSectionElement;

  constructor(table: HTMLTableElement) {
    this.body = table.tBodies[0];
  }

  add(run: RunRecord): void {
    this.count++;
    const row = this.body.insertRow(0);
    row.dataset.core = run.backend;
    // "57 (no improvement, best 47)": why it stopped early, and the epoch whose weights it kept
    const notes = [
      run.stopReason === 'completed' ? '' : (STOP_LABELS[run.stopReason] ?? run.stopReason),
      run.bestEpoch === undefined || run.bestEpoch === run.epochs ? '' : `best ${run.bestEpoch.toLocaleString('en-US')}`,
    ].filter(Boolean);
    const stopped = notes.length ? ` (${notes.join(', ')})` : '';
    const cells = [
      String(this.count),
      run.threads > 1 ? `${CORE_LABELS[run.backend]}, ${run.threads} threads` : CORE_LABELS[run.backend],
      run.settings,
      `${run.epochs.toLocaleString('en-US')}${stopped}`,
      run.loss.toPrecision(3),
      percent(run.accuracy, true),
      duration(run.milliseconds, 2),
      Math.round(run.samplesPerSecond).toLocaleString('en-US'),
      run.valLoss === undefined ? '–' : run.valLoss.toPrecision(3),
      run.valAccuracy === undefined ? '–' : percent(run.valAccuracy, true),
    ];
    for (const text of cells) row.insertCell().textContent = text;
    row.cells[1].className = 'core';
  }
}
