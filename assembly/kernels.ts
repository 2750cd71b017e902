// Dense-layer kernels over row-major blocks. A layer's weights W are [inSize][outSize] as in the
// tutorial (x · W + b); every array is addressed by a start offset so nothing is sliced or copied.
// These portable loops are the reference; the SIMD build swaps in simd-dense.ts (simd.ts's kernels),
// which gives the same bits, for products big enough to gain from it (below SIMD_MIN_WORK
// multiply-adds the plain loop wins).
import { denseForwardSimd, denseGradientsSimd, denseBackwardSimd } from './simd-dense';
import { activate, activateOne, primeOne, softmaxRow } from './activations';
import { SOFTMAX } from './codes';
import { real, RealArray } from './real';

const SIMD_MIN_WORK = 64;
// up to this many outputs, denseForward sums each output in a register (same order, same bits)
const NARROW = 16;

// A dense layer's forward pass: out[r][j] = f(b[j] + sum_i in[r][i] * W[i][j]), f the activation
// @ts-ignore: decorator
@inline export function denseForward(
  input: RealArray, inStart: i32, params: RealArray, wStart: i32, bStart: i32,
  out: RealArray, outStart: i32, rows: i32, inSize: i32, outSize: i32, activation: i32,
): void {
  if (ASC_FEATURE_SIMD && rows * inSize * outSize >= SIMD_MIN_WORK) {
    denseForwardSimd(input, inStart, params, wStart, bStart, out, outStart, rows, inSize, outSize);
    activate(activation, out, outStart, rows, outSize);
    return;
  }
  if (outSize <= NARROW) {
    // narrow layer: each sum in a register (W read down its columns), activated as it is stored
    const softmax = activation == SOFTMAX;
    for (let r = 0; r < rows; r++) {
      const o = outStart + r * outSize;
      const x = inStart + r * inSize;
      for (let j = 0; j < outSize; j++) {
        let sum = unchecked(params[bStart + j]);
        for (let i = 0; i < inSize; i++) sum += unchecked(input[x + i]) * unchecked(params[wStart + i * outSize + j]);
        unchecked((out[o + j] = softmax ? sum : activateOne(activation, sum)));
      }
      if (softmax) softmaxRow(out, o, outSize);
    }
    return;
  }
  // wide layer: rows of W streamed in order, the sums kept in the output row
  for (let r = 0; r < rows; r++) {
    const o = outStart + r * outSize;
    for (let j = 0; j < outSize; j++) unchecked((out[o + j] = unchecked(params[bStart + j])));
    const x = inStart + r * inSize;
    for (let i = 0; i < inSize; i++) {
      const xi = unchecked(input[x + i]);
      const w = wStart + i * outSize;
      for (let j = 0; j < outSize; j++) {
        unchecked((out[o + j] = unchecked(out[o + j]) + xi * unchecked(params[w + j])));
      }
    }
  }
  activate(activation, out, outStart, rows, outSize);
}

// gradW[i][j] += sum_r in[r][i] * delta[r][j];  gradB[j] += sum_r delta[r][j]
export function denseGradients(
  input: RealArray, inStart: i32, delta: RealArray, dStart: i32,
  grads: RealArray, wStart: i32, bStart: i32, rows: i32, inSize: i32, outSize: i32,
): void {
  if (ASC_FEATURE_SIMD && rows * inSize * outSize >= SIMD_MIN_WORK) {
    denseGradientsSimd(input, inStart, delta, dStart, grads, wStart, rows, inSize, outSize);
    for (let r = 0; r < rows; r++) {
      const d = dStart + r * outSize;
      for (let j = 0; j < outSize; j++) {
        unchecked((grads[bStart + j] = unchecked(grads[bStart + j]) + unchecked(delta[d + j])));
      }
    }
    return;
  }
  for (let r = 0; r < rows; r++) {
    const d = dStart + r * outSize;
    const x = inStart + r * inSize;
    for (let i = 0; i < inSize; i++) {
      const xi = unchecked(input[x + i]);
      const w = wStart + i * outSize;
      for (let j = 0; j < outSize; j++) {
        unchecked((grads[w + j] = unchecked(grads[w + j]) + xi * unchecked(delta[d + j])));
      }
    }
    for (let j = 0; j < outSize; j++) {
      unchecked((grads[bStart + j] = unchecked(grads[bStart + j]) + unchecked(delta[d + j])));
    }
  }
}

// deltaIn[r][i] = sum_j delta[r][j] * W[i][j]  (delta · W^T: the error sent back to the inputs);
// `transposed` is room for W^T (inSize * outSize), used by the SIMD path only
export function denseBackward(
  delta: RealArray, dStart: i32, params: RealArray, wStart: i32,
  deltaIn: RealArray, diStart: i32, rows: i32, inSize: i32, outSize: i32, transposed: RealArray,
): void {
  if (ASC_FEATURE_SIMD && rows * inSize * outSize >= SIMD_MIN_WORK) {
    denseBackwardSimd(delta, dStart, params, wStart, deltaIn, diStart, rows, inSize, outSize, transposed);
    return;
  }
  for (let r = 0; r < rows; r++) {
    const d = dStart + r * outSize;
    for (let i = 0; i < inSize; i++) {
      const w = wStart + i * outSize;
      let sum: real = 0;
      for (let j = 0; j < outSize; j++) sum += unchecked(delta[d + j]) * unchecked(params[w + j]);
      unchecked((deltaIn[diStart + r * inSize + i] = sum));
    }
  }
}

// One online-SGD step of a dense layer for one sample, fused into one pass over W: sends the error
// back through W before updating it, then updates W and b in place. The same arithmetic as
// denseGradients + denseBackward + multiplyByPrime + (addL2) + sgdStep with a batch of one, so bit
// for bit the same. `inputActivation` is the activation that produced x (for its derivative).
//   deltaIn[i] = f'(x[i]) sum_j delta[j] W[i][j]      (when backprop)
//   W[i][j]   -= lr (x[i] delta[j] + l2 W[i][j]);   b[j] -= lr delta[j]
// @ts-ignore: decorator
@inline export function denseSgdStep(
  input: RealArray, inStart: i32, delta: RealArray, params: RealArray, wStart: i32, bStart: i32,
  deltaIn: RealArray, inSize: i32, outSize: i32, lr: real, l2: real, backprop: bool, inputActivation: i32,
): void {
  for (let i = 0; i < inSize; i++) {
    const xi = unchecked(input[inStart + i]);
    const w = wStart + i * outSize;
    let sum: real = 0;
    if (l2 == 0) {
      for (let j = 0; j < outSize; j++) {
        const d = unchecked(delta[j]);
        const wij = unchecked(params[w + j]);
        sum += d * wij;
        unchecked((params[w + j] = wij - lr * (xi * d)));
      }
    } else {
      for (let j = 0; j < outSize; j++) {
        const d = unchecked(delta[j]);
        const wij = unchecked(params[w + j]);
        sum += d * wij;
        unchecked((params[w + j] = wij - lr * (xi * d + l2 * wij)));
      }
    }
    if (backprop) unchecked((deltaIn[i] = sum * primeOne(inputActivation, xi)));
  }
  for (let j = 0; j < outSize; j++) {
    unchecked((params[bStart + j] = unchecked(params[bStart + j]) - lr * unchecked(delta[j])));
  }
}
