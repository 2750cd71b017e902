// Small helpers for hand-written SVG: escaping, coordinates, and a framed plot area with tick
// labels and axis titles (the matplotlib look of the tutorial's pictures).
import { type Range, axisTicks } from '../../shared/ticks';
import { terminalText } from '../io/terminal-text';

export const WIDTH = 640;
export const HEIGHT = 480;
// the plot area inside the picture, as matplotlib's default margins
export const AREA = { left: 80, right: 576, top: 58, bottom: 427 };

// XML 1.0 has no place for most control characters, U+FFFE, U+FFFF or a lone surrogate: in a
// file's class or column names they are shown as U+FFFD, as on the terminal, and the SVG stays XML
const NOT_XML = /[\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function escapeXml(text: string): string {
  return terminalText(text)
    .replace(NOT_XML, '\ufffd')
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** A coordinate with two decimals, enough for a picture and much shorter than a double. */
export function px(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** A data range with a margin on both sides (and some width when all values are equal). */
export function paddedRange(values: ArrayLike<number>, margin = 0.05): Range {
  let low = Infinity;
  let high = -Infinity;
  for (let i = 0; i < values.length; i++) {
    low = Math.min(low, values[i]);
    high = Math.max(high, values[i]);
  }
  const pad = high > low ? (high - low) * margin : Math.max(Math.abs(low) * 0.1, 1);
  return { low: low - pad, high: high + pad };
}

export interface Axes {
  x: Range;
  y: Range;
  xLabel: string;
  yLabel: string;
  title: string;
}

export function scaleX(axes: Axes, value: number): number {
  return AREA.left + ((value - axes.x.low) / (axes.x.high - axes.x.low)) * (AREA.right - AREA.left);
}

export function scaleY(axes: Axes, value: number): number {
  return AREA.bottom - ((value - axes.y.low) / (axes.y.high - axes.y.low)) * (AREA.bottom - AREA.top);
}

/** The whole picture: background, then `content` clipped to the plot area, then frame, ticks, labels and `overlay`. */
export function plotSvg(axes: Axes, content: string[], overlay: string[] = []): string {
  const { left, right, top, bottom } = AREA;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="DejaVu Sans, Arial, sans-serif" font-size="12">`,
    `<title>${escapeXml(axes.title)}</title>`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<clipPath id="area"><rect x="${left}" y="${top}" width="${right - left}" height="${bottom - top}"/></clipPath>`,
    `<g clip-path="url(#area)">`,
    ...content,
    `</g>`,
    `<rect x="${left}" y="${top}" width="${right - left}" height="${bottom - top}" fill="none" stroke="#000000"/>`,
  ];
  for (const value of axisTicks(axes.x)) {
    const x = px(scaleX(axes, value));
    parts.push(`<line x1="${x}" y1="${bottom}" x2="${x}" y2="${bottom + 4}" stroke="#000000"/>`);
    parts.push(`<text x="${x}" y="${bottom + 18}" text-anchor="middle">${value}</text>`);
  }
  for (const value of axisTicks(axes.y)) {
    const y = px(scaleY(axes, value));
    parts.push(`<line x1="${left - 4}" y1="${y}" x2="${left}" y2="${y}" stroke="#000000"/>`);
    parts.push(`<text x="${left - 7}" y="${y}" text-anchor="end" dominant-baseline="middle">${value}</text>`);
  }
  const middleX = px((left + right) / 2);
  const middleY = px((top + bottom) / 2);
  parts.push(
    `<text x="${middleX}" y="${bottom + 38}" text-anchor="middle">${escapeXml(axes.xLabel)}</text>`,
    `<text x="22" y="${middleY}" text-anchor="middle" transform="rotate(-90 22 ${middleY})">${escapeXml(axes.yLabel)}</text>`,
    `<text x="${middleX}" y="${top - 16}" text-anchor="middle" font-size="14">${escapeXml(axes.title)}</text>`,
    ...overlay,
    `</svg>`,
  );
  return parts.join('\n') + '\n';
}

/**
 * A legend box: an optional title and one (mark, label) entry per line, at the corner or side of
 * the plot area that covers the fewest of `avoid` (pixel positions of the data; matplotlib's
 * "best"), top-right when none is given or on a tie. More entries than the plot area's height holds
 * (4,000 classes would run far below the picture) are the first ones and a line `… N more`.
 */
export function legend(
  title: string,
  entries: { mark: (x: number, y: number) => string; label: string }[],
  avoid: readonly [number, number][] = [],
): string[] {
  const head = title ? 20 : 0;
  const fit = Math.floor((AREA.bottom - AREA.top - 20 - head - 10) / 20);
  const shown = entries.length > fit ? entries.slice(0, fit - 1) : entries;
  const more = entries.length > fit ? `… ${(entries.length - shown.length).toLocaleString('en-US')} more` : undefined;
  const lines = shown.length + (more ? 1 : 0);
  const width = 16 + 22 + Math.max(title.length, ...shown.map((e) => e.label.length), more?.length ?? 0) * 7;
  const height = head + 10 + lines * 20;
  const [left, right] = [AREA.left + 10, AREA.right - width - 10];
  const [top, bottom] = [AREA.top + 10, AREA.bottom - height - 10];
  const [centreX, centreY] = [(left + right) / 2, (top + bottom) / 2];
  // matplotlib's order of preference: the corners, then the middles of the sides
  const corners = [
    [right, top], [left, top], [left, bottom], [right, bottom],
    [right, centreY], [left, centreY], [centreX, bottom], [centreX, top],
  ];
  const covered = ([cx, cy]: number[]) =>
    avoid.filter(([px, py]) => px > cx - 8 && px < cx + width + 8 && py > cy - 8 && py < cy + height + 8).length;
  const [x, y] = corners.reduce((best, corner) => (covered(corner) < covered(best) ? corner : best));
  const parts = [
    `<g class="legend">`,
    `<rect x="${x}" y="${y}" width="${width}" height="${height}" rx="3" fill="#ffffff" fill-opacity="0.85" stroke="#cccccc"/>`,
  ];
  if (title) parts.push(`<text x="${x + 8}" y="${y + 16}">${escapeXml(title)}</text>`);
  const rowY = (row: number) => y + head + 19 + row * 20;
  shown.forEach((entry, i) => parts.push(entry.mark(x + 16, rowY(i) - 4), `<text x="${x + 32}" y="${rowY(i)}">${escapeXml(entry.label)}</text>`));
  if (more) parts.push(`<text class="legend-more" x="${x + 32}" y="${rowY(shown.length)}">${more}</text>`);
  parts.push(`</g>`);
  return parts;
}
