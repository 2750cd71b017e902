// The CLI's held-out rows and subsets (cli/split.ts), in-process: seeded, stratified by class, and
// every row in exactly one part.
import { describe, expect, it } from 'vitest';
import { identity, shuffledOrder, splitRows } from '../../src/split';

const sorted = (rows: Uint32Array) => Array.from(rows).sort((a, b) => a - b);

describe('splitRows', () => {
  it('with no fraction, every row trains, in the file order', () => {
    expect(splitRows(5, 0, 1)).toEqual({ training: identity(5), validation: new Uint32Array(0) });
  });

  it('holds out the share of the rows (rounded), each row in exactly one part, the same for the same seed', () => {
    const split = splitRows(50, 0.2, 7);
    expect(split.validation).toHaveLength(10);
    expect(split.training).toHaveLength(40);
    expect(sorted(Uint32Array.from([...split.training, ...split.validation]))).toEqual(Array.from(identity(50)));
    expect(splitRows(50, 0.2, 7)).toEqual(split);
    expect(splitRows(50, 0.2, 8).validation).not.toEqual(split.validation);
  });

  it('with labels, holds out that share of each class: a file sorted by class validates on every class', () => {
    // iris-like: 3 classes of 50, in order
    const labels = Int32Array.from({ length: 150 }, (_, i) => Math.floor(i / 50));
    const { training, validation } = splitRows(150, 0.2, 1, labels);
    const perClass = (rows: Uint32Array) => [0, 1, 2].map((c) => Array.from(rows).filter((r) => labels[r] === c).length);
    expect(perClass(validation)).toEqual([10, 10, 10]);
    expect(perClass(training)).toEqual([40, 40, 40]);
  });

  it('a class too small for its share (rounded to none) stays all in training', () => {
    const labels = Int32Array.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1]);
    const { validation } = splitRows(labels.length, 0.2, 3, labels);
    // 9 * 0.2 = 1.8 -> 2 of class 0; 2 * 0.2 = 0.4 -> none of class 1
    expect(Array.from(validation, (r) => labels[r])).toEqual([0, 0]);
  });
});

describe('shuffledOrder', () => {
  it('is a permutation of 0..n-1, fixed by the seed; the seed\'s bits above 32 count too', () => {
    const order = shuffledOrder(100, 5);
    expect(sorted(order)).toEqual(Array.from(identity(100)));
    expect(order).not.toEqual(identity(100));
    expect(shuffledOrder(100, 5)).toEqual(order);
    expect(shuffledOrder(100, 5 + 2 ** 32)).not.toEqual(order);
  });

  it('picks the rows it always picked for a seed (model files and held-out rows depend on them)', () => {
    expect(Array.from(shuffledOrder(10, 1))).toEqual([7, 8, 3, 2, 1, 5, 9, 4, 0, 6]);
    expect(Array.from(shuffledOrder(10, 2 ** 40 + 3))).toEqual([1, 5, 0, 2, 3, 9, 7, 8, 6, 4]);
  });

  it('of no rows or one row is that', () => {
    expect(shuffledOrder(0, 1)).toEqual(new Uint32Array(0));
    expect(shuffledOrder(1, 1)).toEqual(Uint32Array.from([0]));
  });
});
