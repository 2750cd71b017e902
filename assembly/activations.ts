// Activation functions, applied in place to a block of rows, and their derivatives written in
// terms of the activation's output (so training keeps only outputs, never pre-activations).

import { SIGMOID, TANH, RELU, LEAKY_RELU, LINEAR, SOFTMAX } from './codes';
import { real, RealArray, realExp, realAbs, realTanh, realMax } from './real';

const LEAKY_SLOPE: real = 0.01;

// 1 / (1 + e^-z), evaluated as e^-|z| so the exponent cannot overflow: 1 / (1 + e^-z) for z >= 0,
// e^z / (1 + e^z) below; one division with its numerator chosen, so no branch to mispredict
export function sigmoid(z: real): real {
  const e = realExp(-realAbs(z));
  return (z >= 0 ? 1.0 : e) / (1.0 + e);
}

// a = f(z) for one value of an element-wise activation (not softmax)
// @ts-ignore: decorator
@inline export function activateOne(kind: i32, z: real): real {
  if (kind == SIGMOID) return sigmoid(z);
  if (kind == TANH) return realTanh(z);
  if (kind == RELU) return z > 0 ? z : 0.0;
  if (kind == LEAKY_RELU) return z > 0 ? z : LEAKY_SLOPE * z;
  return z; // LINEAR
}

// da/dz written through the output a = f(z), for one value (not softmax)
// @ts-ignore: decorator
@inline export function primeOne(kind: i32, a: real): real {
  if (kind == SIGMOID) return a * (1.0 - a);
  if (kind == TANH) return 1.0 - a * a;
  if (kind == RELU) return a > 0 ? 1.0 : 0.0;
  if (kind == LEAKY_RELU) return a > 0 ? 1.0 : LEAKY_SLOPE;
  return 1.0; // LINEAR
}

// a = f(z) over values[start .. start + rows * width), row by row
// @ts-ignore: decorator
@inline export function activate(kind: i32, values: RealArray, start: i32, rows: i32, width: i32): void {
  const end = start + rows * width;
  if (kind == SIGMOID) {
    for (let i = start; i < end; i++) unchecked((values[i] = sigmoid(unchecked(values[i]))));
  } else if (kind == TANH) {
    for (let i = start; i < end; i++) unchecked((values[i] = realTanh(unchecked(values[i]))));
  } else if (kind == RELU) {
    for (let i = start; i < end; i++) {
      const z = unchecked(values[i]);
      unchecked((values[i] = z > 0 ? z : 0.0));
    }
  } else if (kind == LEAKY_RELU) {
    for (let i = start; i < end; i++) {
      const z = unchecked(values[i]);
      unchecked((values[i] = z > 0 ? z : LEAKY_SLOPE * z));
    }
  } else if (kind == SOFTMAX) {
    for (let row = start; row < end; row += width) softmaxRow(values, row, width);
  }
  // LINEAR: identity
}

// e^(z - max) / sum: subtracting the row maximum keeps every exponent <= 0
export function softmaxRow(values: RealArray, start: i32, width: i32): void {
  const end = start + width;
  let max = unchecked(values[start]);
  for (let i = start + 1; i < end; i++) max = realMax(max, unchecked(values[i]));
  let sum: real = 0;
  for (let i = start; i < end; i++) {
    const e = realExp(unchecked(values[i]) - max);
    unchecked((values[i] = e));
    sum += e;
  }
  const inv: real = 1.0 / sum;
  for (let i = start; i < end; i++) unchecked((values[i] = unchecked(values[i]) * inv));
}

// delta[i] *= f'(a[i]) over n values: turns dLoss/da into dLoss/dz (one loop per kind, so the
// kind is tested once, not per element)
export function multiplyByPrime(
  kind: i32, delta: RealArray, deltaStart: i32, outputs: RealArray, outStart: i32, n: i32,
): void {
  const d = deltaStart - outStart;
  const end = outStart + n;
  if (kind == SIGMOID) {
    for (let i = outStart; i < end; i++) {
      const a = unchecked(outputs[i]);
      unchecked((delta[d + i] = unchecked(delta[d + i]) * (a * (1.0 - a))));
    }
  } else if (kind == TANH) {
    for (let i = outStart; i < end; i++) {
      const a = unchecked(outputs[i]);
      unchecked((delta[d + i] = unchecked(delta[d + i]) * (1.0 - a * a)));
    }
  } else if (kind == RELU) {
    for (let i = outStart; i < end; i++) {
      if (unchecked(outputs[i]) <= 0) unchecked((delta[d + i] = unchecked(delta[d + i]) * 0.0));
    }
  } else if (kind == LEAKY_RELU) {
    for (let i = outStart; i < end; i++) {
      if (unchecked(outputs[i]) <= 0) unchecked((delta[d + i] = unchecked(delta[d + i]) * LEAKY_SLOPE));
    }
  }
  // LINEAR: f' = 1
}
