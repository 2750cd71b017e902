// Seeded row orders: the held-out validation rows, and subsets of the large built-in sets. The
// library's generator is inside its core, so the CLI draws from the apps' own (shared/random.ts):
// the same seed picks the same rows on every backend. Row indices are Uint32Arrays: millions of rows stay small.
import { mulberry32, shuffleInPlace } from '../../shared/random';

/** 0 .. n-1 in a seeded random order. */
export function shuffledOrder(n: number, seed: number): Uint32Array {
  const order = identity(n);
  shuffleInPlace(order, mulberry32(seed));
  return order;
}

export interface Split {
  training: Uint32Array;
  validation: Uint32Array;
}

/**
 * Holds out `fraction` of the rows, in a seeded random order; with labels, that share of each class
 * (stratified), so a small or sorted file (iris is sorted by species) still validates on every
 * class. With no fraction, every row trains, in the file's order.
 */
export function splitRows(count: number, fraction: number, seed: number, labels?: Int32Array): Split {
  if (fraction === 0) return { training: identity(count), validation: new Uint32Array(0) };
  const order = shuffledOrder(count, seed);
  const groupOf = (row: number) => (labels ? labels[row] : 0);
  let groups = 1;
  if (labels) for (const label of labels) groups = Math.max(groups, label + 1);
  const sizes = new Float64Array(groups);
  for (let row = 0; row < count; row++) sizes[groupOf(row)]++;
  const quota = sizes.map((size) => Math.round(size * fraction));
  const validation = new Uint32Array(quota.reduce((a, b) => a + b, 0));
  const training = new Uint32Array(count - validation.length);
  const heldOut = new Float64Array(groups);
  let [v, t] = [0, 0];
  for (const row of order) {
    const group = groupOf(row);
    if (heldOut[group] < quota[group]) {
      heldOut[group]++;
      validation[v++] = row;
    } else {
      training[t++] = row;
    }
  }
  return { training, validation };
}

/** 0 .. count-1 in order. */
export function identity(count: number): Uint32Array {
  const rows = new Uint32Array(count);
  for (let i = 0; i < count; i++) rows[i] = i;
  return rows;
}
