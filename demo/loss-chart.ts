// The loss curve (the tutorial's losses.png, live) and the accuracy on a second axis, by epoch:
// a uPlot chart whose x axis spans the whole run from the start, so the curves grow across it.
// With validation data, the validation loss and accuracy are drawn beside them, each in a paler
// companion of its training curve's colour, and early stopping's best epoch is marked with a line.
import uPlot from 'uplot';
import { percent } from '../shared/format';
import { PALETTE } from '../shared/palette';

const LOSS_COLOUR = PALETTE[0]; // as losses.png
const ACCURACY_COLOUR = '#e07b00';
// companions: a lighter, greener blue and a lighter, yellower orange, so that neither is taken for
// a paler (anti-aliased) edge of its training curve
const VAL_LOSS_COLOUR = PALETTE[9];
const VAL_ACCURACY_COLOUR = '#f0b429';
const BEST_EPOCH_COLOUR = PALETTE[2];
const AXIS_FONT = '12px system-ui, sans-serif';
const LABEL_FONT = '600 12px system-ui, sans-serif';

/** One epoch's figures: the validation ones only with validation data. */
export interface EpochPoint {
  epoch: number;
  loss: number;
  accuracy: number;
  valLoss?: number;
  valAccuracy?: number;
}

/** A finished run's curves, one value per epoch. */
export interface RunCurves {
  loss: ArrayLike<number>;
  accuracy: ArrayLike<number>;
  valLoss?: ArrayLike<number>;
  valAccuracy?: ArrayLike<number>;
  /** Early stopping's best epoch (1-based), marked on the chart. */
  bestEpoch?: number;
}

export class LossChart {
  private chart: uPlot;
  private validated = false;
  private epochs: number[] = [];
  private loss: number[] = [];
  private accuracy: number[] = [];
  private valLoss: number[] = [];
  private valAccuracy: number[] = [];
  private totalEpochs = 1;
  private bestEpoch: number | undefined;

  constructor(private readonly container: HTMLElement) {
    this.chart = this.build();
  }

  /** Empties the chart for a run of this many epochs, with or without validation curves. */
  start(totalEpochs: number, validated = false): void {
    this.totalEpochs = Math.max(1, totalEpochs);
    this.epochs = [];
    this.loss = [];
    this.accuracy = [];
    this.valLoss = [];
    this.valAccuracy = [];
    this.setBestEpoch(undefined);
    if (validated !== this.validated) {
      // the series and the legend change: a new chart is simpler than adding and removing them
      this.validated = validated;
      this.chart.destroy();
      this.chart = this.build();
    }
    this.redraw();
  }

  add(point: EpochPoint): void {
    this.epochs.push(point.epoch);
    this.loss.push(point.loss);
    this.accuracy.push(point.accuracy);
    if (this.validated) {
      this.valLoss.push(point.valLoss ?? NaN);
      this.valAccuracy.push(point.valAccuracy ?? NaN);
    }
  }

  /** The whole run's curves, once it has finished (every epoch, whatever was reported on the way). */
  finish(curves: RunCurves): void {
    const { loss, accuracy } = curves;
    this.totalEpochs = Math.max(1, loss.length); // a stopped run fills the axis too
    this.epochs = Array.from({ length: loss.length }, (_, i) => i + 1);
    this.loss = Array.from(loss);
    this.accuracy = Array.from(accuracy);
    this.valLoss = Array.from(curves.valLoss ?? []);
    this.valAccuracy = Array.from(curves.valAccuracy ?? []);
    this.setBestEpoch(curves.bestEpoch);
    this.redraw();
  }

  redraw(): void {
    const data: uPlot.AlignedData = this.validated
      ? [this.epochs, this.loss, this.valLoss, this.accuracy, this.valAccuracy]
      : [this.epochs, this.loss, this.accuracy];
    this.chart.setData(data);
  }

  resize(): void {
    this.chart.setSize(this.sizeOf());
  }

  private setBestEpoch(epoch: number | undefined): void {
    this.bestEpoch = epoch;
    // for tests and tools: the epoch the marker stands at
    if (epoch === undefined) delete this.container.dataset.bestEpoch;
    else this.container.dataset.bestEpoch = String(epoch);
  }

  private build(): uPlot {
    const loss = { label: 'loss', scale: 'loss', stroke: LOSS_COLOUR, width: 2, value: latest((v) => v.toPrecision(4)) };
    const accuracy = {
      label: 'accuracy', scale: 'accuracy', stroke: ACCURACY_COLOUR, width: 1.5, dash: [6, 4], value: latest((v) => percent(v, true)),
    };
    const valLoss = { ...loss, label: 'val loss', stroke: VAL_LOSS_COLOUR };
    const valAccuracy = { ...accuracy, label: 'val accuracy', stroke: VAL_ACCURACY_COLOUR, dash: [2, 3] };
    const curves = this.validated ? [loss, valLoss, accuracy, valAccuracy] : [loss, accuracy];
    const chart = new uPlot(
      {
        title: 'Loss and accuracy by epoch',
        ...this.sizeOf(),
        cursor: { drag: { x: false, y: false } },
        legend: { live: true },
        scales: {
          x: { time: false, auto: false, range: () => [0, this.totalEpochs] },
          loss: { auto: true, range: (_u, _min, max) => [0, niceMax(max)] },
          accuracy: { auto: false, range: [0, 1] },
        },
        series: [{ label: 'epoch', value: latest((v) => v.toLocaleString('en-US')) }, ...curves],
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
        hooks: { draw: [(u) => this.drawBestEpoch(u)] },
      },
      this.validated ? [[], [], [], [], []] : [[], [], []],
      this.container,
    );
    // five entries fill two lines of the legend (style.css keeps room for both from the start, and
    // sizeOf counts them), so the plot neither jumps nor loses its legend as the values come in
    this.container.classList.toggle('validated', this.validated);
    return chart;
  }

  // a dashed vertical line at the best epoch, labelled at its top
  private drawBestEpoch(u: uPlot): void {
    if (this.bestEpoch === undefined) return;
    const ratio = window.devicePixelRatio || 1;
    const x = Math.round(u.valToPos(this.bestEpoch, 'x', true));
    const { top, height } = u.bbox;
    const c = u.ctx;
    c.save();
    c.strokeStyle = BEST_EPOCH_COLOUR;
    c.lineWidth = 1.5 * ratio;
    c.setLineDash([5 * ratio, 3 * ratio]);
    c.beginPath();
    c.moveTo(x, top);
    c.lineTo(x, top + height);
    c.stroke();
    c.font = `600 ${11 * ratio}px system-ui, sans-serif`;
    c.textBaseline = 'top';
    // the label on the side with room: left of the line near the right end
    const label = `best epoch ${this.bestEpoch.toLocaleString('en-US')}`;
    const width = c.measureText(label).width;
    const toLeft = x + width + 6 * ratio > u.bbox.left + u.bbox.width;
    c.textAlign = toLeft ? 'right' : 'left';
    const textX = x + (toLeft ? -4 : 4) * ratio;
    c.fillStyle = 'rgb(255 255 255 / 0.85)'; // over the curves, readable
    c.fillRect(toLeft ? textX - width - 2 * ratio : textX - 2 * ratio, top + 2 * ratio, width + 4 * ratio, 15 * ratio);
    c.fillStyle = BEST_EPOCH_COLOUR;
    c.fillText(label, textX, top + 4 * ratio);
    c.restore();
  }

  /** The plot's size in the container: uPlot's height excludes its title and legend. */
  private sizeOf(): { width: number; height: number } {
    const box = this.container.getBoundingClientRect();
    // the title and a legend of one line take about 64 px; the validation curves' legend is two (style.css)
    const titleAndLegend = this.validated ? 90 : 64;
    return { width: Math.max(280, Math.floor(box.width)), height: Math.max(200, Math.floor(box.height) - titleAndLegend) };
  }
}

/** A legend value: the one under the cursor, else the latest epoch's. */
function latest(format: (value: number) => string): uPlot.Series.Value {
  return (u, value, seriesIndex, index) => {
    const shown = index == null ? u.data[seriesIndex]?.at(-1) : value;
    return shown == null || Number.isNaN(shown) ? '–' : format(shown);
  };
}

/** A round upper limit for the loss axis (0.35 for a top value of 0.3254). */
function niceMax(max: number | null): number {
  if (max == null || !Number.isFinite(max) || max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  return Math.ceil((max * 1.05) / (power / 2)) * (power / 2);
}
