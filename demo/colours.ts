// The classes' colours, shared by the points, the legend and the regions: matplotlib's first
// tab10 colours for the points (the tutorial's blue and orange), paler tints of them for the regions.
export type Rgb = readonly [number, number, number];

export const CLASS_COLOURS: Rgb[] = [
  [31, 119, 180], // blue
  [255, 127, 14], // orange
  [44, 160, 44], // green
  [214, 39, 40], // red
  [148, 103, 189], // purple
];

// each class colour mixed halfway to white: the regions stay light enough for the points to show
export const REGION_TINT: Rgb[] = CLASS_COLOURS.map((colour) => mix([255, 255, 255], colour, 0.45));

/** The colour a share `t` (0..1) of the way from `from` to `to`. */
export function mix(from: Rgb, to: Rgb, t: number): Rgb {
  return [0, 1, 2].map((i) => Math.round(from[i] + (to[i] - from[i]) * t)) as unknown as Rgb;
}
