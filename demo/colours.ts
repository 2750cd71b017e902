// The classes' colours, shared by the points, the legend and the regions: the apps' palette
// (shared/palette.ts, the tutorial's blue and orange first) for the points, paler tints of it for the regions.
import { PALETTE, rgbOf } from '../shared/palette';

export type Rgb = readonly [number, number, number];

export const CLASS_COLOURS: Rgb[] = PALETTE.map(rgbOf);

// each class colour mixed halfway to white: the regions stay light enough for the points to show
export const REGION_TINT: Rgb[] = CLASS_COLOURS.map((colour) => mix([255, 255, 255], colour, 0.45));

/** The colour a share `t` (0..1) of the way from `from` to `to`. */
export function mix(from: Rgb, to: Rgb, t: number): Rgb {
  return [0, 1, 2].map((i) => Math.round(from[i] + (to[i] - from[i]) * t)) as unknown as Rgb;
}
