// --plot: the tutorial's two pictures as SVG. The loss curve (images/losses.png), and for data with
// two inputs the decision regions, a coarse grid of the network's predicted class with the data
// points on top by true class (images/output_model.png). Every point is one `class="point"` element.
import { markerShape } from '../../shared/markers';
import { PALETTE, rgbOf } from '../../shared/palette';
import { type Axes, escapeXml, legend, paddedRange, plotSvg, px, scaleX, scaleY, AREA } from './svg';
import { type Matrix, columnValues } from '../data/matrix';

export interface LossSeries {
  label: string;
  /** [epoch, loss] pairs. */
  points: [number, number][];
}

// a polyline of more points than this is thinned (evenly, keeping the last): pixels cannot show them
const MAX_LINE_POINTS = 2000;

/** The loss curves; with `bestEpoch`, a dashed line marks the epoch whose weights the model kept. */
export function lossCurveSvg(series: LossSeries[], lossLabel: string, title: string, bestEpoch?: number): string {
  const epochs = series.flatMap((s) => s.points.map(([epoch]) => epoch));
  const losses = series.flatMap((s) => s.points.map(([, loss]) => loss));
  const axes: Axes = { x: paddedRange(epochs, 0.03), y: paddedRange(losses), xLabel: 'Epoch', yLabel: lossLabel, title };
  const drawn: [number, number][] = []; // the curves' pixels, for the legend to keep clear of
  const lines = series.map(({ points }, i) => {
    const step = Math.ceil(points.length / MAX_LINE_POINTS);
    const kept = points.filter((_, p) => p % step === 0 || p === points.length - 1).map(([epoch, loss]) => [scaleX(axes, epoch), scaleY(axes, loss)] as [number, number]);
    drawn.push(...kept);
    const coordinates = kept.map(([x, y]) => `${px(x)},${px(y)}`).join(' ');
    return `<polyline class="series" fill="none" stroke="${PALETTE[i]}" stroke-width="1.5" points="${coordinates}"/>`;
  });
  const entries = series.map(({ label }, i) => ({
    label,
    mark: (x: number, y: number) => `<line x1="${x - 8}" y1="${y}" x2="${x + 8}" y2="${y}" stroke="${PALETTE[i]}" stroke-width="2"/>`,
  }));
  if (bestEpoch !== undefined) {
    const x = px(scaleX(axes, bestEpoch));
    lines.push(`<line class="best-epoch" x1="${x}" y1="${AREA.top}" x2="${x}" y2="${AREA.bottom}" stroke="${BEST_EPOCH_COLOUR}" stroke-width="1.5" stroke-dasharray="5 4"/>`);
    entries.push({
      label: `best epoch (${bestEpoch}): the weights kept`,
      mark: (x, y) => `<line x1="${x}" y1="${y - 7}" x2="${x}" y2="${y + 7}" stroke="${BEST_EPOCH_COLOUR}" stroke-width="1.5" stroke-dasharray="5 4"/>`,
    });
  }
  return plotSvg(axes, lines, entries.length > 1 ? legend('', entries, drawn) : []);
}

// the third colour of the palette: neither curve's
const BEST_EPOCH_COLOUR = PALETTE[2];

export interface RegionData {
  /** Two input values per point, in the data's own units. */
  inputs: Matrix;
  labels: Int32Array;
  classes: string[];
  featureNames: string[];
  /** The predicted class of each of many points (the grid), in the data's own units (it may scale them in place). */
  classify(points: Matrix): number[];
  title: string;
}

// cells per side of the decision-region grid: coarse, but vector and small
const GRID = 60;

export function decisionRegionsSvg(data: RegionData): string {
  const [xs, ys] = [columnValues(data.inputs, 0), columnValues(data.inputs, 1)];
  const axes: Axes = {
    x: paddedRange(xs),
    y: paddedRange(ys),
    xLabel: data.featureNames[0],
    yLabel: data.featureNames[1],
    title: data.title,
  };
  const cellWidth = (AREA.right - AREA.left) / GRID;
  const cellHeight = (AREA.bottom - AREA.top) / GRID;
  const centres = new Float64Array(GRID * GRID * 2);
  for (let row = 0; row < GRID; row++) {
    const y = axes.y.high - ((row + 0.5) / GRID) * (axes.y.high - axes.y.low);
    for (let column = 0; column < GRID; column++) {
      centres.set([axes.x.low + ((column + 0.5) / GRID) * (axes.x.high - axes.x.low), y], (row * GRID + column) * 2);
    }
  }
  const predicted = data.classify({ data: centres, shape: [GRID * GRID, 2] });
  // one rect per run of equal cells in a row
  const cells = [`<g class="regions" shape-rendering="crispEdges">`];
  for (let row = 0; row < GRID; row++) {
    for (let start = 0; start < GRID; ) {
      const cls = predicted[row * GRID + start];
      let end = start + 1;
      while (end < GRID && predicted[row * GRID + end] === cls) end++;
      cells.push(
        `<rect x="${px(AREA.left + start * cellWidth)}" y="${px(AREA.top + row * cellHeight)}" width="${px((end - start) * cellWidth + 0.5)}" height="${px(cellHeight + 0.5)}" fill="${tint(colour(cls))}"/>`,
      );
      start = end;
    }
  }
  cells.push(`</g>`);
  const count = xs.length;
  const radius = count <= 50 ? 6 : count <= 500 ? 4 : 3;
  const points = Array.from(xs, (x, i) =>
    marker(data.labels[i], scaleX(axes, x), scaleY(axes, ys[i]), radius, `class="point" data-class="${escapeXml(data.classes[data.labels[i]])}"`),
  );
  const key = legend(
    'true class',
    data.classes.map((label, c) => ({ label, mark: (x, y) => marker(c, x, y, 5, 'class="legend-mark"') })),
    Array.from(xs, (x, i) => [scaleX(axes, x), scaleY(axes, ys[i])]),
  );
  return plotSvg(axes, [...cells, ...points], key);
}

function colour(cls: number): string {
  return PALETTE[cls % PALETTE.length];
}

// the class colour at 30% on white, opaque: cells overlap by half a pixel (no hairline gaps) without darker seams
function tint(hex: string): string {
  const [red, green, blue] = rgbOf(hex).map((channel) => Math.round(0.3 * channel + 0.7 * 255));
  return `rgb(${red},${green},${blue})`;
}

// the class's shape (shared/markers.ts) in its colour, outlined
function marker(cls: number, x: number, y: number, r: number, attributes: string): string {
  const style = `${attributes} fill="${colour(cls)}" stroke="#000000" stroke-width="1"`;
  const at = (dx: number, dy: number) => `${px(x + dx * r)},${px(y + dy * r)}`;
  switch (markerShape(cls)) {
    case 'circle':
      return `<circle ${style} cx="${px(x)}" cy="${px(y)}" r="${r}"/>`;
    case 'triangle':
      return `<polygon ${style} points="${at(0, -1.2)} ${at(1.1, 0.8)} ${at(-1.1, 0.8)}"/>`;
    case 'square':
      return `<rect ${style} x="${px(x - r * 0.9)}" y="${px(y - r * 0.9)}" width="${px(r * 1.8)}" height="${px(r * 1.8)}"/>`;
    case 'diamond':
      return `<polygon ${style} points="${at(0, -1.3)} ${at(1.1, 0)} ${at(0, 1.3)} ${at(-1.1, 0)}"/>`;
    case 'down-triangle':
      return `<polygon ${style} points="${at(0, 1.2)} ${at(1.1, -0.8)} ${at(-1.1, -0.8)}"/>`;
  }
}
