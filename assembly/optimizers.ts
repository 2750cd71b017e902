// Optimizer steps: one loop over the whole parameter array (every layer's W and b, one layout).
// The SIMD build swaps in simd-dense.ts's optimizerStepSimd, which gives the same bits (and in the
// threads build shares the parameters among the threads).
import { optimizerStepSimd } from './simd-dense';
import { SGD, MOMENTUM, ADAM } from './codes';
import { real, RealArray, realSqrt } from './real';

// w -= lr * g
export function sgdStep(params: RealArray, grads: RealArray, n: i32, lr: real): void {
  if (ASC_FEATURE_SIMD) {
    optimizerStepSimd(SGD, params, grads, params, params, n, lr, 0, 0, 0, 0, 0);
    return;
  }
  for (let i = 0; i < n; i++) {
    unchecked((params[i] = unchecked(params[i]) - lr * unchecked(grads[i])));
  }
}

// v = mu * v - lr * g;  w += v  (classical momentum)
export function momentumStep(
  params: RealArray, grads: RealArray, velocity: RealArray, n: i32, lr: real, mu: real,
): void {
  if (ASC_FEATURE_SIMD) {
    optimizerStepSimd(MOMENTUM, params, grads, velocity, params, n, lr, mu, 0, 0, 0, 0);
    return;
  }
  for (let i = 0; i < n; i++) {
    const v = mu * unchecked(velocity[i]) - lr * unchecked(grads[i]);
    unchecked((velocity[i] = v));
    unchecked((params[i] = unchecked(params[i]) + v));
  }
}

// Adam (Kingma & Ba 2015, Algorithm 1), with the bias corrections c1 = 1 - beta1^t, c2 = 1 - beta2^t
export function adamStep(
  params: RealArray, grads: RealArray, m: RealArray, v: RealArray, n: i32,
  lr: real, beta1: real, beta2: real, epsilon: real, c1: real, c2: real,
): void {
  if (ASC_FEATURE_SIMD) {
    optimizerStepSimd(ADAM, params, grads, m, v, n, lr, beta1, beta2, epsilon, c1, c2);
    return;
  }
  for (let i = 0; i < n; i++) {
    const g = unchecked(grads[i]);
    const mi = beta1 * unchecked(m[i]) + (1.0 - beta1) * g;
    const vi = beta2 * unchecked(v[i]) + (1.0 - beta2) * g * g;
    unchecked((m[i] = mi));
    unchecked((v[i] = vi));
    unchecked((params[i] = unchecked(params[i]) - (lr * (mi / c1)) / (realSqrt(vi / c2) + epsilon)));
  }
}

// g += l2 * w over params[start, end): weight decay on weights only, never on biases
export function addL2(params: RealArray, grads: RealArray, start: i32, end: i32, l2: real): void {
  for (let i = start; i < end; i++) {
    unchecked((grads[i] = unchecked(grads[i]) + l2 * unchecked(params[i])));
  }
}
