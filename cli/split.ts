// Seeded row orders: the held-out validation rows, and subsets of the large built-in sets. The
// library's generator is inside its core, so the CLI has its own small one (mulberry32): the same
// seed picks the same rows on every backend. Row indices are Uint32Arrays: millions of rows stay small.

function generator(seed: number): () => number {
  let state = (seed >>> 0) ^ Math.imul(Math.floor(seed / 2 ** 32), 0x9e3779b9);
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** 0 .. n-1 in a seeded random order (Fisher-Yates). */
export function shuffledOrder(n: number, seed: number): Uint32Array {
  const random = generator(seed);
  const order = identity(n);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const swapped = order[i];
    order[i] = order[j];
    order[j] = swapped;
  }
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
