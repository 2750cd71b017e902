// How both apps write numbers and losses for people (shared/format.ts, shared/loss-labels.ts).
import { describe, expect, it } from 'vitest';
import { duration, percent } from '../../shared/format';
import { LOSS_LABELS, lossLabel } from '../../shared/loss-labels';

describe('percent', () => {
  it("one decimal; a whole share without it in the CLI's sentences, with it in the playground's columns", () => {
    expect([percent(0.975), percent(1), percent(0), percent(0.12345)]).toEqual(['97.5%', '100%', '0%', '12.3%']);
    expect([percent(0.975, true), percent(1, true), percent(0, true)]).toEqual(['97.5%', '100.0%', '0.0%']);
  });
});

describe('duration', () => {
  it('whole milliseconds under a second, else seconds to the given places', () => {
    expect([duration(83.4, 1), duration(999.4, 2), duration(1234, 1), duration(1234, 2)]).toEqual(['83 ms', '999 ms', '1.2 s', '1.23 s']);
  });
});

describe('loss labels', () => {
  it('in full, brief and abbreviated; a name the library does not have as it is', () => {
    expect(lossLabel('binaryCrossEntropy')).toBe('binary cross-entropy');
    expect(LOSS_LABELS.binaryCrossEntropy).toEqual({ full: 'binary cross-entropy', brief: 'binary CE', abbreviation: 'bce' });
    expect(lossLabel('hinge')).toBe('hinge');
    expect(lossLabel('toString')).toBe('toString');
  });
});
