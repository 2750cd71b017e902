// The apps' own seeded generator (mulberry32), for what they draw outside the library: the CLI's
// held-out rows and subsets, the tests' data. The library's generator lives inside its core; this
// one draws the same numbers in every app and on every core.

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
