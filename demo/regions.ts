// The decision-regions plot (the tutorial's output_model.png, live): a canvas heat map of the
// network's prediction over a grid, coloured by the predicted class and shaded by its confidence,
// with the data points on top, x / y axes with ticks, and a legend of the classes. Points held out
// of training (validationSplit's rows) are drawn hollow, so the ones the network never saw show.
import { predictedClass, type Dataset } from 'neural-wasm/datasets';
import { type MarkerShape, markerShape } from '../shared/markers';
import { axisTicks } from '../shared/ticks';
import { CLASS_COLOURS, REGION_TINT, mix, type Rgb } from './colours';

/** Predictions for rows of [x, y]: one value per row for two classes, one per class for more. */
export type Predict = (grid: { data: Float64Array; shape: [number, number] }) => ArrayLike<number>[];

const GRID = 100; // predictions per axis: 10,000 rows, a millisecond or two on either core
const MARGIN = { top: 34, right: 14, bottom: 44, left: 52 };
const FONT = '12px system-ui, sans-serif';

interface Extent {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

export class RegionsPlot {
  private readonly context: CanvasRenderingContext2D;
  private readonly heat = document.createElement('canvas');
  private readonly heatContext: CanvasRenderingContext2D;
  private readonly heatPixels: ImageData;
  private data: Dataset | undefined;
  /** 1 for each point held out of training. */
  private heldOut = new Uint8Array(0);
  private heldOutCount = 0;
  private extent: Extent = { x0: 0, x1: 1, y0: 0, y1: 1 };
  private grid = new Float64Array(GRID * GRID * 2);
  private width = 0;
  private height = 0;

  constructor(private readonly canvas: HTMLCanvasElement) {
    this.context = canvas.getContext('2d')!;
    this.heat.width = GRID;
    this.heat.height = GRID;
    this.heatContext = this.heat.getContext('2d')!;
    this.heatPixels = this.heatContext.createImageData(GRID, GRID);
    this.resize();
  }

  /** Sizes the canvas to its CSS box at the screen's pixel ratio. */
  resize(): void {
    const box = this.canvas.getBoundingClientRect();
    const ratio = window.devicePixelRatio || 1;
    this.width = Math.max(200, Math.round(box.width));
    this.height = Math.max(200, Math.round(box.height));
    this.canvas.width = Math.round(this.width * ratio);
    this.canvas.height = Math.round(this.height * ratio);
    this.context.setTransform(ratio, 0, 0, ratio, 0, 0);
  }

  /** A new data set: the plotted area becomes its bounding box with a margin. */
  setData(data: Dataset): void {
    this.data = data;
    this.setHeldOut(undefined);
    const xs = data.inputs.map((p) => p[0]);
    const ys = data.inputs.map((p) => p[1]);
    const pad = (low: number, high: number): [number, number] => {
      const span = Math.max(high - low, 1e-9);
      return [low - 0.2 * span, high + 0.2 * span];
    };
    const [x0, x1] = pad(Math.min(...xs), Math.max(...xs));
    const [y0, y1] = pad(Math.min(...ys), Math.max(...ys));
    this.extent = { x0, x1, y0, y1 };
    // grid rows top to bottom (image order): y falls as the row index grows
    for (let row = 0; row < GRID; row++) {
      for (let col = 0; col < GRID; col++) {
        const i = 2 * (row * GRID + col);
        this.grid[i] = x0 + ((col + 0.5) / GRID) * (x1 - x0);
        this.grid[i + 1] = y1 - ((row + 0.5) / GRID) * (y1 - y0);
      }
    }
  }

  /** The rows of the data set a run held out (a fit result's validationRows), or none. */
  setHeldOut(rows: ArrayLike<number> | undefined): void {
    this.heldOut = new Uint8Array(this.data?.inputs.length ?? 0);
    for (const row of Array.from(rows ?? [])) this.heldOut[row] = 1;
    this.heldOutCount = rows?.length ?? 0;
  }

  /** Redraws everything; without a network the plot shows the points on a blank field. */
  draw(predict?: Predict): void {
    const data = this.data;
    if (!data) return;
    const c = this.context;
    c.clearRect(0, 0, this.width, this.height);
    c.fillStyle = '#fff';
    c.fillRect(0, 0, this.width, this.height);
    const plot = this.plotBox();
    if (predict) {
      this.paintHeat(predict({ data: this.grid, shape: [GRID * GRID, 2] }));
      c.imageSmoothingEnabled = true;
      c.imageSmoothingQuality = 'high';
      c.drawImage(this.heat, plot.left, plot.top, plot.width, plot.height);
    } else {
      c.fillStyle = '#f6f7f9';
      c.fillRect(plot.left, plot.top, plot.width, plot.height);
    }
    this.drawPoints(data, plot);
    this.drawAxes(data, plot);
    this.drawLegend(data, plot);
    // where the data coordinates lie on the canvas (CSS pixels), for tests and tools reading the pixels
    this.canvas.dataset.plot = JSON.stringify({ ...plot, ...this.extent });
    this.canvas.dataset.heldOut = String(this.heldOutCount);
  }

  private plotBox() {
    const left = MARGIN.left;
    const top = MARGIN.top;
    return { left, top, width: this.width - MARGIN.left - MARGIN.right, height: this.height - MARGIN.top - MARGIN.bottom };
  }

  private paintHeat(outputs: ArrayLike<number>[]): void {
    const pixels = this.heatPixels.data;
    for (let i = 0; i < outputs.length; i++) {
      const out = outputs[i];
      const best = predictedClass(out);
      const [r, g, b] = mix([255, 255, 255], REGION_TINT[best % REGION_TINT.length], 0.25 + 0.75 * confidence(out, best));
      pixels[4 * i] = r;
      pixels[4 * i + 1] = g;
      pixels[4 * i + 2] = b;
      pixels[4 * i + 3] = 255;
    }
    this.heatContext.putImageData(this.heatPixels, 0, 0);
  }

  private toScreen(plot: ReturnType<RegionsPlot['plotBox']>, x: number, y: number): [number, number] {
    const { x0, x1, y0, y1 } = this.extent;
    return [plot.left + ((x - x0) / (x1 - x0)) * plot.width, plot.top + ((y1 - y) / (y1 - y0)) * plot.height];
  }

  private drawPoints(data: Dataset, plot: ReturnType<RegionsPlot['plotBox']>): void {
    const c = this.context;
    const size = data.inputs.length <= 20 ? 7 : data.inputs.length <= 300 ? 4.5 : 3.5;
    const outline = data.inputs.length <= 20 ? 1.5 : 1;
    // the trained points first, then the held-out ones over them, so none of those hides
    for (const held of [0, 1]) {
      data.inputs.forEach(([x, y], i) => {
        if (this.heldOut[i] !== held) return;
        const label = data.labels[i];
        const [sx, sy] = this.toScreen(plot, x, y);
        const colour = rgb(CLASS_COLOURS[label % CLASS_COLOURS.length]);
        if (held) hollowMarker(c, markerShape(label), sx, sy, size, colour);
        else {
          c.lineWidth = outline;
          c.strokeStyle = '#1b1b1b';
          c.fillStyle = colour;
          marker(c, markerShape(label), sx, sy, size);
        }
      });
    }
  }

  private drawAxes(data: Dataset, plot: ReturnType<RegionsPlot['plotBox']>): void {
    const c = this.context;
    const { x0, x1, y0, y1 } = this.extent;
    c.strokeStyle = '#444';
    c.lineWidth = 1;
    c.strokeRect(plot.left + 0.5, plot.top + 0.5, plot.width - 1, plot.height - 1);
    c.fillStyle = '#333';
    c.font = FONT;
    c.textAlign = 'center';
    c.textBaseline = 'top';
    for (const tick of axisTicks({ low: x0, high: x1 })) {
      const [sx] = this.toScreen(plot, tick, y0);
      line(c, sx, plot.top + plot.height, sx, plot.top + plot.height + 5);
      c.fillText(formatTick(tick), sx, plot.top + plot.height + 7);
    }
    c.textAlign = 'right';
    c.textBaseline = 'middle';
    for (const tick of axisTicks({ low: y0, high: y1 })) {
      const [, sy] = this.toScreen(plot, x0, tick);
      line(c, plot.left - 5, sy, plot.left, sy);
      c.fillText(formatTick(tick), plot.left - 8, sy);
    }
    c.font = `600 ${FONT}`;
    c.textAlign = 'center';
    c.textBaseline = 'bottom';
    c.fillText(data.featureNames[0], plot.left + plot.width / 2, this.height - 6);
    if (this.heldOutCount > 0) this.drawHeldOutKey(plot);
    c.save();
    c.translate(14, plot.top + plot.height / 2);
    c.rotate(-Math.PI / 2);
    c.textBaseline = 'middle';
    c.fillText(data.featureNames[1], 0, 0);
    c.restore();
  }

  private drawLegend(data: Dataset, plot: ReturnType<RegionsPlot['plotBox']>): void {
    const c = this.context;
    c.font = `600 14px system-ui, sans-serif`;
    c.textAlign = 'left';
    c.textBaseline = 'middle';
    c.fillStyle = '#222';
    const y = MARGIN.top / 2;
    c.fillText('Decision regions', plot.left, y);
    // classes, right-aligned above the plot: marker, then "class k"
    c.font = FONT;
    c.strokeStyle = '#1b1b1b';
    c.lineWidth = 1;
    let x = plot.left + plot.width;
    for (let k = data.classNames.length - 1; k >= 0; k--) {
      const text = `class ${data.classNames[k]}`;
      x -= c.measureText(text).width;
      c.fillStyle = '#333';
      c.fillText(text, x, y);
      x -= 12;
      c.fillStyle = rgb(CLASS_COLOURS[k % CLASS_COLOURS.length]);
      marker(c, markerShape(k), x, y, 5);
      x -= 18;
    }
  }

  // under the plot's right corner, beside the x label: what the hollow markers are
  private drawHeldOutKey(plot: ReturnType<RegionsPlot['plotBox']>): void {
    const c = this.context;
    c.font = FONT;
    c.textAlign = 'right';
    c.textBaseline = 'bottom';
    c.fillStyle = '#333';
    const text = `${this.heldOutCount} held out (validation)`;
    const right = plot.left + plot.width;
    c.fillText(text, right, this.height - 6);
    hollowMarker(c, 'circle', right - c.measureText(text).width - 10, this.height - 12, 4.5, '#333');
  }
}

// how sure the network is of the predicted class: 0 on a boundary (or at chance), 1 where it is certain
function confidence(output: ArrayLike<number>, best: number): number {
  if (output.length === 1) return Math.min(1, Math.abs(2 * output[0] - 1));
  const chance = 1 / output.length;
  return Math.max(0, (output[best] - chance) / (1 - chance));
}

function rgb([r, g, b]: Rgb): string {
  return `rgb(${r} ${g} ${b})`;
}

function line(c: CanvasRenderingContext2D, x0: number, y0: number, x1: number, y1: number): void {
  c.beginPath();
  c.moveTo(x0, y0);
  c.lineTo(x1, y1);
  c.stroke();
}

function marker(c: CanvasRenderingContext2D, shape: MarkerShape, x: number, y: number, r: number): void {
  c.beginPath();
  if (shape === 'circle') c.arc(x, y, r, 0, 2 * Math.PI);
  else if (shape === 'square') c.rect(x - 0.85 * r, y - 0.85 * r, 1.7 * r, 1.7 * r);
  else if (shape === 'triangle' || shape === 'down-triangle') {
    const tip = shape === 'triangle' ? -1 : 1;
    c.moveTo(x, y + tip * 1.2 * r);
    c.lineTo(x + 1.1 * r, y - tip * 0.75 * r);
    c.lineTo(x - 1.1 * r, y - tip * 0.75 * r);
    c.closePath();
  } else {
    c.moveTo(x, y - 1.2 * r);
    c.lineTo(x + r, y);
    c.lineTo(x, y + 1.2 * r);
    c.lineTo(x - r, y);
    c.closePath();
  }
  c.fill();
  c.stroke();
}

// a point not trained on: the class's colour as a ring (its shape's outline), no fill
function hollowMarker(c: CanvasRenderingContext2D, shape: MarkerShape, x: number, y: number, r: number, colour: string): void {
  c.save();
  c.lineWidth = 2;
  c.strokeStyle = colour;
  c.fillStyle = 'rgb(255 255 255 / 0.55)'; // a pale centre keeps the ring readable on its own class's region
  marker(c, shape, x, y, r);
  c.restore();
}

function formatTick(value: number): string {
  return Number(value.toPrecision(6)).toString();
}
