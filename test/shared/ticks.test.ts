// Axis ticks for both apps' plots (shared/ticks.ts).
import { describe, expect, it } from 'vitest';
import { axisTicks } from '../../shared/ticks';

describe('axisTicks', () => {
  it('round values 1, 2 or 5 times a power of ten apart, inside the range, about 6 of them', () => {
    expect(axisTicks({ low: 0, high: 1 })).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(axisTicks({ low: -1.3, high: 2.2 })).toEqual([-1, 0, 1, 2]);
    expect(axisTicks({ low: 3, high: 6000 })).toEqual([1000, 2000, 3000, 4000, 5000, 6000]);
    expect(axisTicks({ low: 0, high: 10 }, 2)).toEqual([0, 5, 10]);
  });

  it('round numbers, not the sums of steps (0.3, not 0.30000000000000004)', () => {
    expect(axisTicks({ low: 0, high: 0.55 })).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5]);
  });
});
