// Inverted dropout, in training only: each output of a layer is kept with probability 1 - rate and
// then scaled by 1 / (1 - rate), so a layer's expected output is the same with and without it and
// predict needs no change. The masks come from the network's seeded generator, a draw per output.
import { Random } from './random';
import { real, RealArray } from './real';

// values *= mask over n values, the mask drawn here; undropped keeps the values before it
export function dropOut(values: RealArray, mask: RealArray, undropped: RealArray, n: i32, rate: f64, rng: Random): void {
  const scale = <real>(1.0 / (1.0 - rate));
  for (let i = 0; i < n; i++) {
    const m: real = rng.nextFloat() < rate ? 0.0 : scale;
    const v = unchecked(values[i]);
    unchecked((undropped[i] = v));
    unchecked((mask[i] = m));
    unchecked((values[i] = v * m));
  }
}

// delta *= mask: a dropped output passes no gradient back, a kept one its scaled share
export function multiplyByMask(delta: RealArray, mask: RealArray, n: i32): void {
  for (let i = 0; i < n; i++) unchecked((delta[i] = unchecked(delta[i]) * unchecked(mask[i])));
}
