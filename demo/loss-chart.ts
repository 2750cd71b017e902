// The loss curve (the tutorial's losses.png, live) and the accuracy on a second axis, by epoch:
// a uPlot chart whose x axis spans the whole run from the start, so the curves grow across it.
import uPlot from 'uplot';
import { percent } from '../shared/format';
import { PALETTE } from '../shared/palette';

const LOSS_COLOUR = PALETTE[0]; // as losses.png
const ACCURACY_COLOUR = '#e07b00';
const AXIS_FONT = '12px system-ui, sans-serif';
const LABEL_FONT = '600 12px system-ui, sans-serif';

export class LossChart {
  private readonly chart: uPlot;
  private epochs: number[] = [];
  private loss: number[] = [];
  private accuracy: number[] = [];
  private totalEpochs = 1;

  constructor(container: HTMLElement) {
    const { width, height } = this.sizeOf(container);
    this.chart = new uPlot(
      {
        title: 'Loss and accuracy by epoch',
        width,
        height,
        cursor: { drag: { x: false, y: false } },
        legend: { live: true },
        scales: {
          x: { time: false, auto: false, range: () => [0, this.totalEpochs] },
          loss: { auto: true, range: (_u, _min, max) => [0, niceMax(max)] },
          accuracy: { auto: false, range: [0, 1] },
        },
        series: [
          { label: 'epoch', value: latest((v) => v.toLocaleString('en-US')) },
          { label: 'loss', scale: 'loss', stroke: LOSS_COLOUR, width: 2, value: latest((v) => v.toPrecision(4)) },
          {
            label: 'accuracy',
            scale: 'accuracy',
            stroke: ACCURACY_COLOUR,
            width: 1.5,
            dash: [6, 4],
            value: latest((v) => percent(v, true)),
          },
        ],
        axes: [
          { label: 'epoch', font: AXIS_FONT, labelFont: LABEL_FONT, labelSize: 24, grid: { stroke: '#eee' } },
          {
            scale: 'loss',
            label: 'loss',
            font: AXIS_FONT,
            labelFont: LABEL_FONT,
            labelSize: 24,
            size: 56,
            stroke: LOSS_COLOUR,
            grid: { stroke: '#eee' },
          },
          {
            scale: 'accuracy',
            side: 1,
            label: 'accuracy',
            font: AXIS_FONT,
            labelFont: LABEL_FONT,
            labelSize: 24,
            size: 52,
            stroke: ACCURACY_COLOUR,
            grid: { show: false },
            values: (_u, ticks) => ticks.map((t) => `${Math.round(100 * t)}%`),
          },
        ],
      },
      [[], [], []],
      container,
    );
  }

  /** Empties the chart for a run of this many epochs. */
  start(totalEpochs: number): void {
    this.totalEpochs = Math.max(1, totalEpochs);
    this.epochs = [];
    this.loss = [];
    this.accuracy = [];
    this.redraw();
  }

  add(epoch: number, loss: number, accuracy: number): void {
    this.epochs.push(epoch);
    this.loss.push(loss);
    this.accuracy.push(accuracy);
  }

  /** The whole run's curves, once it has finished (every epoch, whatever was reported on the way). */
  finish(loss: ArrayLike<number>, accuracy: ArrayLike<number>): void {
    this.totalEpochs = Math.max(1, loss.length); // a stopped run fills the axis too
    this.epochs = Array.from({ length: loss.length }, (_, i) => i + 1);
    this.loss = Array.from(loss);
    this.accuracy = Array.from(accuracy);
    this.redraw();
  }

  redraw(): void {
    this.chart.setData([this.epochs, this.loss, this.accuracy]);
  }

  resize(container: HTMLElement): void {
    this.chart.setSize(this.sizeOf(container));
  }

  private sizeOf(container: HTMLElement): { width: number; height: number } {
    const box = container.getBoundingClientRect();
    // uPlot's height excludes its title and legend (about 60 px together)
    return { width: Math.max(280, Math.floor(box.width)), height: Math.max(200, Math.floor(box.height) - 64) };
  }
}

/** A legend value: the one under the cursor, else the latest epoch's. */
function latest(format: (value: number) => string): uPlot.Series.Value {
  return (u, value, seriesIndex, index) => {
    const shown = index == null ? u.data[seriesIndex]?.at(-1) : value;
    return shown == null ? '–' : format(shown);
  };
}

/** A round upper limit for the loss axis (0.35 for a top value of 0.3254). */
function niceMax(max: number | null): number {
  if (max == null || !Number.isFinite(max) || max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  return Math.ceil((max * 1.05) / (power / 2)) * (power / 2);
}
