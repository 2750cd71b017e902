// The apps' seeded generator and shuffle (shared/random.ts): the CLI's held-out rows and the tests'
// data come from these numbers, so they must not change.
import { describe, expect, it } from 'vitest';
import { mulberry32, shuffleInPlace } from '../../shared/random';

describe('mulberry32', () => {
  it('draws the numbers it always drew for a seed (the first ones of seed 1)', () => {
    const random = mulberry32(1);
    expect([random(), random(), random()]).toEqual([0.6270739405881613, 0.002735721180215478, 0.5274470399599522]);
  });

  it('takes the bits of a seed above 32 into account (up to 2^53)', () => {
    expect(mulberry32(2 ** 40 + 3)()).toBe(0.4020573515444994);
    expect(mulberry32(2 ** 40 + 3)()).not.toBe(mulberry32(3)());
  });

  it('stays in [0, 1)', () => {
    const random = mulberry32(9);
    for (let i = 0; i < 10_000; i++) {
      const x = random();
      expect(x >= 0 && x < 1).toBe(true);
    }
  });
});

describe('shuffleInPlace', () => {
  it('reorders any indexable list in place, every item kept', () => {
    const items = Uint32Array.from({ length: 20 }, (_, i) => i);
    shuffleInPlace(items, mulberry32(4));
    expect(Array.from(items).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    const plain = Array.from({ length: 20 }, (_, i) => i);
    shuffleInPlace(plain, mulberry32(4));
    expect(plain).toEqual(Array.from(items));
  });
});
