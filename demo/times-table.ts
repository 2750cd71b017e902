// The runs table under the plots: each run's core, settings, result and time, newest first, so
// the two cores can be compared side by side.
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
}

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
    const stopped = run.stopReason === 'completed' ? '' : ` (${run.stopReason})`;
    const cells = [
      String(this.count),
      CORE_LABELS[run.backend],
      run.settings,
      `${run.epochs.toLocaleString('en-US')}${stopped}`,
      run.loss.toPrecision(3),
      percent(run.accuracy, true),
      duration(run.milliseconds, 2),
      Math.round(run.samplesPerSecond).toLocaleString('en-US'),
    ];
    for (const text of cells) row.insertCell().textContent = text;
    row.cells[1].className = 'core';
  }
}
