// One marker shape per class in both apps' plots, as the tutorial's circles and triangles; classes
// beyond the shapes take them again from the first.
export const MARKER_SHAPES = ['circle', 'triangle', 'square', 'diamond', 'down-triangle'] as const;

export type MarkerShape = (typeof MARKER_SHAPES)[number];

export function markerShape(classIndex: number): MarkerShape {
  return MARKER_SHAPES[classIndex % MARKER_SHAPES.length];
}
