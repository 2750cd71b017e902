// Per-sample losses and the output layer's delta dLoss/dz. The tutorial's conventions: MSE is the
// mean over the outputs of one sample; binary cross-entropy likewise; cross-entropy sums over classes.
// A sample's loss is summed in f64 in both cores (it is a report, and its logarithm is f64's); the
// deltas are reals.
import { multiplyByPrime } from './activations';
import { logWithoutTables } from './logarithm';
import { SIGMOID, SOFTMAX, MSE, BINARY_CROSS_ENTROPY, CROSS_ENTROPY } from './codes';
import { real, RealArray } from './real';

// log is guarded at the edges: a probability is taken as at least EPSILON away from 0 and 1
const EPSILON: f64 = 1e-15;

// the natural logarithm: the engine's in the JS build, a table-free one in WASM (logarithm.ts)
// @ts-ignore: decorator
@inline function ln(x: f64): f64 {
  return ASC_TARGET == 0 ? Math.log(x) : logWithoutTables(x);
}

function clampProbability(p: f64): f64 {
  return Math.min(Math.max(p, EPSILON), 1.0 - EPSILON);
}

// loss of one sample: outputs a[aStart ..+ n] against targets y[yStart ..+ n]
// @ts-ignore: decorator
@inline export function sampleLoss(
  kind: i32, a: RealArray, aStart: i32, y: RealArray, yStart: i32, n: i32,
): f64 {
  let sum: f64 = 0;
  if (kind == MSE) {
    // 1/n * sum((y - a)^2)
    for (let i = 0; i < n; i++) {
      const d = f64(unchecked(y[yStart + i])) - f64(unchecked(a[aStart + i]));
      sum += d * d;
    }
    return sum / f64(n);
  }
  if (kind == BINARY_CROSS_ENTROPY) {
    // -1/n * sum(y log p + (1 - y) log(1 - p))
    for (let i = 0; i < n; i++) {
      const p = clampProbability(f64(unchecked(a[aStart + i])));
      const t = f64(unchecked(y[yStart + i]));
      sum -= t * ln(p) + (1.0 - t) * ln(1.0 - p);
    }
    return sum / f64(n);
  }
  // CROSS_ENTROPY: -sum(y log p)
  for (let i = 0; i < n; i++) {
    const t = f64(unchecked(y[yStart + i]));
    if (t != 0) sum -= t * ln(Math.max(f64(unchecked(a[aStart + i])), EPSILON));
  }
  return sum;
}

// dLoss/da for one output, before the activation's derivative
// @ts-ignore: decorator
@inline function lossPrime(kind: i32, a: f64, t: f64, n: i32): f64 {
  if (kind == MSE) return (2.0 * (a - t)) / f64(n); // -2/n (y - a)
  if (kind == BINARY_CROSS_ENTROPY) {
    const p = clampProbability(a);
    return (p - t) / (p * (1.0 - p)) / f64(n);
  }
  return -t / Math.max(a, EPSILON); // CROSS_ENTROPY
}

// delta[dStart ..+ n] = scale * dLoss/dz for one sample whose output layer applies `activation`
export function outputDelta(
  loss: i32, activation: i32,
  a: RealArray, aStart: i32, y: RealArray, yStart: i32, n: i32,
  delta: RealArray, dStart: i32, scale: real,
): void {
  if (loss == BINARY_CROSS_ENTROPY && activation == SIGMOID) {
    // fused: (a - y) / n, exact and free of the 1 / (a (1 - a)) blow-up
    const k = scale / <real>n;
    for (let i = 0; i < n; i++) {
      unchecked((delta[dStart + i] = k * (unchecked(a[aStart + i]) - unchecked(y[yStart + i]))));
    }
    return;
  }
  if (loss == CROSS_ENTROPY && activation == SOFTMAX) {
    // fused: a * sum(y) - y  (= a - y for one-hot targets)
    let total: real = 0;
    for (let i = 0; i < n; i++) total += unchecked(y[yStart + i]);
    for (let i = 0; i < n; i++) {
      const v = unchecked(a[aStart + i]) * total - unchecked(y[yStart + i]);
      unchecked((delta[dStart + i] = scale * v));
    }
    return;
  }
  for (let i = 0; i < n; i++) {
    const g = lossPrime(loss, f64(unchecked(a[aStart + i])), f64(unchecked(y[yStart + i])), n);
    unchecked((delta[dStart + i] = <real>(f64(scale) * g)));
  }
  if (activation == SOFTMAX) {
    // softmax Jacobian-vector product: dz_j = a_j (g_j - sum_k g_k a_k)
    let dot: real = 0;
    for (let i = 0; i < n; i++) dot += unchecked(delta[dStart + i]) * unchecked(a[aStart + i]);
    for (let i = 0; i < n; i++) {
      const g = unchecked(delta[dStart + i]);
      unchecked((delta[dStart + i] = unchecked(a[aStart + i]) * (g - dot)));
    }
  } else {
    multiplyByPrime(activation, delta, dStart, a, aStart, n);
  }
}

// 1 when the sample counts as right: rounded output equals target for one output, else arg-max match
// @ts-ignore: decorator
@inline export function isCorrect(a: RealArray, aStart: i32, y: RealArray, yStart: i32, n: i32): i32 {
  if (n == 1) return Math.round(f64(unchecked(a[aStart]))) == f64(unchecked(y[yStart])) ? 1 : 0;
  return argMax(a, aStart, n) == argMax(y, yStart, n) ? 1 : 0;
}

function argMax(values: RealArray, start: i32, n: i32): i32 {
  let best = 0;
  let bestValue = unchecked(values[start]);
  for (let i = 1; i < n; i++) {
    const v = unchecked(values[start + i]);
    if (v > bestValue) {
      best = i;
      bestValue = v;
    }
  }
  return best;
}
