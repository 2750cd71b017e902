// The classes' and series' colours in both apps: matplotlib's tab10, the tutorial's pictures'
// (blue for the first class and the loss curve, orange for the second).
export const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];

/** A '#rrggbb' colour's red, green and blue (0-255). */
export function rgbOf(hex: string): [number, number, number] {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}
