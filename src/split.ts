// Seeded row orders, for Model.train and the CLI alike: the held-out validation rows (stratified by
// class), subsets of large sets, and the generator they draw from (mulberry32), which draws the same
// numbers in every app and on every core. (The network's own generator lives inside the core.) Row
// indices are Uint32Arrays: millions of rows stay small.

/** Uniform numbers in [0, 1) from a seed (any whole number up to 2^53: the high bits are mixed in). */
export function mulberry32(seed: number): () => number {
  let state = (seed >>> 0) ^ Math.imul(Math.floor(seed / 2 ** 32), 0x9e3779b9);
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** Shuffles in place (Fisher-Yates), each swap drawn from `random` (uniform in [0, 1)). */
export function shuffleInPlace(items: { [index: number]: number; length: number }, random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const swapped = items[i];
    items[i] = items[j];
    items[j] = swapped;
  }
}

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
