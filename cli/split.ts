// Seeded row orders: the held-out validation rows, and subsets of the large built-in sets. The
// library's generator is inside its core, so the CLI has its own small one (mulberry32): the same
// seed picks the same rows on every backend.

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
export function shuffledOrder(n: number, seed: number): number[] {
  const random = generator(seed);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

export interface Split {
  training: number[];
  validation: number[];
}

/**
 * Holds out `fraction` of the rows, in a seeded random order; with labels, that share of each class
 * (stratified), so a small or sorted file (iris is sorted by species) still validates on every
 * class. With no fraction, every row trains, in the file's order.
 */
export function splitRows(count: number, fraction: number, seed: number, labels?: readonly number[]): Split {
  const all = Array.from({ length: count }, (_, i) => i);
  if (fraction === 0) return { training: all, validation: [] };
  const order = shuffledOrder(count, seed);
  const groupOf = (row: number) => (labels ? labels[row] : 0);
  const groupSizes = new Map<number, number>();
  for (const row of order) groupSizes.set(groupOf(row), (groupSizes.get(groupOf(row)) ?? 0) + 1);
  const heldOut = new Map<number, number>();
  const training: number[] = [];
  const validation: number[] = [];
  for (const row of order) {
    const group = groupOf(row);
    const taken = heldOut.get(group) ?? 0;
    if (taken < Math.round(groupSizes.get(group)! * fraction)) {
      heldOut.set(group, taken + 1);
      validation.push(row);
    } else {
      training.push(row);
    }
  }
  return { training, validation };
}
