// WASM-only fast path of the dense products in kernels.ts, with f64x2 SIMD and register blocking.
// Compiled only into the SIMD build (kernels.ts calls it under `if (ASC_FEATURE_SIMD)`).
//
// One micro-kernel serves all three products: C (+)= A · B, where the two SIMD lanes run over
// columns of C. Each element of C is still summed in the scalar kernels' order (its init, then the
// k terms in ascending order, each a multiply then an add: WASM SIMD has no fused multiply-add),
// so the SIMD build gives the same bits as the scalar kernels, not merely close ones.

// (tsc checks assembly/ as portable TypeScript, which has no v128: this file is WASM-only.)
// @ts-nocheck

import { parallelGemm, parallelOptimizer } from './threads';
import { MOMENTUM, ADAM } from './codes';

export const INIT_ZERO = 0; // C = A · B
export const INIT_BIAS = 1; // C = bias (one row, repeated) + A · B
export const INIT_ACCUMULATE = 2; // C += A · B

// Byte-addressed operands: A[m][k] at pA + m * aRow + k * aCol (any strides, so A may be a
// transposed view); B row-major with rows bRow bytes apart; C row-major with rows cRow bytes apart.
export function gemm(
  pA: usize, aRow: usize, aCol: usize, pB: usize, bRow: usize, pC: usize, cRow: usize,
  m: i32, n: i32, k: i32, init: i32, pBias: usize,
): void {
  let r = 0;
  for (; r + 6 <= m; r += 6) {
    const a = pA + <usize>r * aRow;
    const c = pC + <usize>r * cRow;
    let j = 0;
    for (; j + 4 <= n; j += 4) {
      const offset = <usize>j << 3;
      block6x4(a, aRow, aCol, pB + offset, bRow, c + offset, cRow, k, init, pBias + offset);
    }
    if (j < n) {
      for (let i = 0; i < 6; i++) {
        row(a + <usize>i * aRow, aCol, pB, bRow, c + <usize>i * cRow, j, n, k, init, pBias);
      }
    }
  }
  for (; r < m; r++) row(pA + <usize>r * aRow, aCol, pB, bRow, pC + <usize>r * cRow, 0, n, k, init, pBias);
}

// 6 rows x 4 columns of C in 12 f64x2 registers (with the 2 of B and a splat, 15 of the 16 an x64
// engine has); per k: 2 loads of B, 6 splats of A, 12 mul + 12 add. The 1 to 5 rows left go through
// row() (a 4 x 4 block for them measured no faster).
function block6x4(
  a: usize, aRow: usize, aCol: usize, b: usize, bRow: usize, c: usize, cRow: usize,
  k: i32, init: i32, bias: usize,
): void {
  const c1 = c + cRow;
  const c2 = c1 + cRow;
  const c3 = c2 + cRow;
  const c4 = c3 + cRow;
  const c5 = c4 + cRow;
  let s00: v128, s01: v128, s10: v128, s11: v128, s20: v128, s21: v128, s30: v128, s31: v128, s40: v128, s41: v128, s50: v128, s51: v128;
  if (init == INIT_ACCUMULATE) {
    s00 = v128.load(c); s01 = v128.load(c, 16);
    s10 = v128.load(c1); s11 = v128.load(c1, 16);
    s20 = v128.load(c2); s21 = v128.load(c2, 16);
    s30 = v128.load(c3); s31 = v128.load(c3, 16);
    s40 = v128.load(c4); s41 = v128.load(c4, 16);
    s50 = v128.load(c5); s51 = v128.load(c5, 16);
  } else {
    const z0 = init == INIT_BIAS ? v128.load(bias) : f64x2.splat(0);
    const z1 = init == INIT_BIAS ? v128.load(bias, 16) : f64x2.splat(0);
    s00 = z0; s01 = z1; s10 = z0; s11 = z1; s20 = z0; s21 = z1; s30 = z0; s31 = z1; s40 = z0; s41 = z1; s50 = z0; s51 = z1;
  }
  const a1 = aRow;
  const a2 = aRow << 1;
  const a3 = a2 + aRow;
  const a4 = aRow << 2;
  const a5 = a4 + aRow;
  for (let i = 0; i < k; i++) {
    const b0 = v128.load(b);
    const b1 = v128.load(b, 16);
    let x = v128.load64_splat(a);
    s00 = f64x2.add(s00, f64x2.mul(x, b0));
    s01 = f64x2.add(s01, f64x2.mul(x, b1));
    x = v128.load64_splat(a + a1);
    s10 = f64x2.add(s10, f64x2.mul(x, b0));
    s11 = f64x2.add(s11, f64x2.mul(x, b1));
    x = v128.load64_splat(a + a2);
    s20 = f64x2.add(s20, f64x2.mul(x, b0));
    s21 = f64x2.add(s21, f64x2.mul(x, b1));
    x = v128.load64_splat(a + a3);
    s30 = f64x2.add(s30, f64x2.mul(x, b0));
    s31 = f64x2.add(s31, f64x2.mul(x, b1));
    x = v128.load64_splat(a + a4);
    s40 = f64x2.add(s40, f64x2.mul(x, b0));
    s41 = f64x2.add(s41, f64x2.mul(x, b1));
    x = v128.load64_splat(a + a5);
    s50 = f64x2.add(s50, f64x2.mul(x, b0));
    s51 = f64x2.add(s51, f64x2.mul(x, b1));
    a += aCol;
    b += bRow;
  }
  v128.store(c, s00); v128.store(c, s01, 16);
  v128.store(c1, s10); v128.store(c1, s11, 16);
  v128.store(c2, s20); v128.store(c2, s21, 16);
  v128.store(c3, s30); v128.store(c3, s31, 16);
  v128.store(c4, s40); v128.store(c4, s41, 16);
  v128.store(c5, s50); v128.store(c5, s51, 16);
}

// One row of C, columns [from, to): 16 columns at a time in 8 independent f64x2 sums (one sum per
// pair would wait on its own additions), then pairs, then a last odd column.
function row(
  a: usize, aCol: usize, pB: usize, bRow: usize, c: usize, from: i32, to: i32,
  k: i32, init: i32, pBias: usize,
): void {
  let j = from;
  for (; j + 16 <= to; j += 16) {
    const offset = <usize>j << 3;
    const cj = c + offset;
    let s0: v128, s1: v128, s2: v128, s3: v128, s4: v128, s5: v128, s6: v128, s7: v128;
    if (init == INIT_ZERO) {
      s0 = f64x2.splat(0); s1 = s0; s2 = s0; s3 = s0; s4 = s0; s5 = s0; s6 = s0; s7 = s0;
    } else {
      const from = init == INIT_BIAS ? pBias + offset : cj;
      s0 = v128.load(from); s1 = v128.load(from, 16); s2 = v128.load(from, 32); s3 = v128.load(from, 48);
      s4 = v128.load(from, 64); s5 = v128.load(from, 80); s6 = v128.load(from, 96); s7 = v128.load(from, 112);
    }
    let x = a;
    let b = pB + offset;
    for (let i = 0; i < k; i++) {
      const xi = v128.load64_splat(x);
      s0 = f64x2.add(s0, f64x2.mul(xi, v128.load(b)));
      s1 = f64x2.add(s1, f64x2.mul(xi, v128.load(b, 16)));
      s2 = f64x2.add(s2, f64x2.mul(xi, v128.load(b, 32)));
      s3 = f64x2.add(s3, f64x2.mul(xi, v128.load(b, 48)));
      s4 = f64x2.add(s4, f64x2.mul(xi, v128.load(b, 64)));
      s5 = f64x2.add(s5, f64x2.mul(xi, v128.load(b, 80)));
      s6 = f64x2.add(s6, f64x2.mul(xi, v128.load(b, 96)));
      s7 = f64x2.add(s7, f64x2.mul(xi, v128.load(b, 112)));
      x += aCol;
      b += bRow;
    }
    v128.store(cj, s0); v128.store(cj, s1, 16); v128.store(cj, s2, 32); v128.store(cj, s3, 48);
    v128.store(cj, s4, 64); v128.store(cj, s5, 80); v128.store(cj, s6, 96); v128.store(cj, s7, 112);
  }
  for (; j + 2 <= to; j += 2) {
    const offset = <usize>j << 3;
    let s: v128 = init == INIT_ACCUMULATE ? v128.load(c + offset) : init == INIT_BIAS ? v128.load(pBias + offset) : f64x2.splat(0);
    let x = a;
    let b = pB + offset;
    for (let i = 0; i < k; i++) {
      s = f64x2.add(s, f64x2.mul(v128.load64_splat(x), v128.load(b)));
      x += aCol;
      b += bRow;
    }
    v128.store(c + offset, s);
  }
  if (j < to) {
    const offset = <usize>j << 3;
    let s: f64 = init == INIT_ACCUMULATE ? load<f64>(c + offset) : init == INIT_BIAS ? load<f64>(pBias + offset) : 0;
    let x = a;
    let b = pB + offset;
    for (let i = 0; i < k; i++) {
      s += load<f64>(x) * load<f64>(b);
      x += aCol;
      b += bRow;
    }
    store<f64>(c + offset, s);
  }
}

// t[j][i] = W[i][j] for a rows x cols matrix (byte addresses)
export function transpose(pW: usize, pT: usize, rows: i32, cols: i32): void {
  for (let i = 0; i < rows; i++) {
    const w = pW + ((<usize>i * <usize>cols) << 3);
    for (let j = 0; j < cols; j++) {
      store<f64>(pT + ((<usize>j * <usize>rows + <usize>i) << 3), load<f64>(w + (<usize>j << 3)));
    }
  }
}

// The three dense products of kernels.ts over typed arrays (see there for each formula).

// gemm, shared among threads in the threads build (threads.ts), which gives the same bits
// @ts-ignore: decorator
@inline function product(
  pA: usize, aRow: usize, aCol: usize, pB: usize, bRow: usize, pC: usize, cRow: usize,
  m: i32, n: i32, k: i32, init: i32, pBias: usize,
): void {
  if (ASC_FEATURE_THREADS) parallelGemm(pA, aRow, aCol, pB, bRow, pC, cRow, m, n, k, init, pBias);
  else gemm(pA, aRow, aCol, pB, bRow, pC, cRow, m, n, k, init, pBias);
}

export function denseForwardSimd(
  input: Float64Array, inStart: i32, params: Float64Array, wStart: i32, bStart: i32,
  out: Float64Array, outStart: i32, rows: i32, inSize: i32, outSize: i32,
): void {
  product(
    input.dataStart + (<usize>inStart << 3), <usize>inSize << 3, 8,
    params.dataStart + (<usize>wStart << 3), <usize>outSize << 3,
    out.dataStart + (<usize>outStart << 3), <usize>outSize << 3,
    rows, outSize, inSize, INIT_BIAS, params.dataStart + (<usize>bStart << 3),
  );
}

// gradW += in^T · delta: A is the input block read transposed
export function denseGradientsSimd(
  input: Float64Array, inStart: i32, delta: Float64Array, dStart: i32,
  grads: Float64Array, wStart: i32, rows: i32, inSize: i32, outSize: i32,
): void {
  product(
    input.dataStart + (<usize>inStart << 3), 8, <usize>inSize << 3,
    delta.dataStart + (<usize>dStart << 3), <usize>outSize << 3,
    grads.dataStart + (<usize>wStart << 3), <usize>outSize << 3,
    inSize, outSize, rows, INIT_ACCUMULATE, 0,
  );
}

// deltaIn = delta · W^T, through W^T laid out in `transposed` so the lanes run along its rows
export function denseBackwardSimd(
  delta: Float64Array, dStart: i32, params: Float64Array, wStart: i32,
  deltaIn: Float64Array, diStart: i32, rows: i32, inSize: i32, outSize: i32, transposed: Float64Array,
): void {
  transpose(params.dataStart + (<usize>wStart << 3), transposed.dataStart, inSize, outSize);
  product(
    delta.dataStart + (<usize>dStart << 3), <usize>outSize << 3, 8,
    transposed.dataStart, <usize>inSize << 3,
    deltaIn.dataStart + (<usize>diStart << 3), <usize>inSize << 3,
    rows, inSize, outSize, INIT_ZERO, 0,
  );
}

// The optimizer steps of optimizers.ts (see there for each formula) over parameters [from, to),
// two lanes at a time: add, mul, div and sqrt round exactly as the scalar ones, so the bits are the
// same. `kind` is SGD, MOMENTUM (x1 = mu) or ADAM (x1..x5 = beta1, beta2, epsilon, c1, c2); m and v
// are byte addresses of the velocity (and Adam's squares).
export function optimizerRange(
  kind: i32, pW: usize, pG: usize, pM: usize, pV: usize, from: i32, to: i32,
  lr: f64, x1: f64, x2: f64, x3: f64, x4: f64, x5: f64,
): void {
  let i = from;
  const rate = f64x2.splat(lr);
  if (kind == ADAM) {
    const b1 = f64x2.splat(x1);
    const b2 = f64x2.splat(x2);
    const eps = f64x2.splat(x3);
    const c1 = f64x2.splat(x4);
    const c2 = f64x2.splat(x5);
    const k1 = f64x2.splat(1.0 - x1);
    const k2 = f64x2.splat(1.0 - x2);
    for (; i + 2 <= to; i += 2) {
      const at = <usize>i << 3;
      const g = v128.load(pG + at);
      const mi = f64x2.add(f64x2.mul(b1, v128.load(pM + at)), f64x2.mul(k1, g));
      const vi = f64x2.add(f64x2.mul(b2, v128.load(pV + at)), f64x2.mul(f64x2.mul(k2, g), g));
      v128.store(pM + at, mi);
      v128.store(pV + at, vi);
      const update = f64x2.div(f64x2.mul(rate, f64x2.div(mi, c1)), f64x2.add(f64x2.sqrt(f64x2.div(vi, c2)), eps));
      v128.store(pW + at, f64x2.sub(v128.load(pW + at), update));
    }
    for (; i < to; i++) {
      const at = <usize>i << 3;
      const g = load<f64>(pG + at);
      const mi = x1 * load<f64>(pM + at) + (1.0 - x1) * g;
      const vi = x2 * load<f64>(pV + at) + (1.0 - x2) * g * g;
      store<f64>(pM + at, mi);
      store<f64>(pV + at, vi);
      store<f64>(pW + at, load<f64>(pW + at) - (lr * (mi / x4)) / (Math.sqrt(vi / x5) + x3));
    }
  } else if (kind == MOMENTUM) {
    const mu = f64x2.splat(x1);
    for (; i + 2 <= to; i += 2) {
      const at = <usize>i << 3;
      const v = f64x2.sub(f64x2.mul(mu, v128.load(pM + at)), f64x2.mul(rate, v128.load(pG + at)));
      v128.store(pM + at, v);
      v128.store(pW + at, f64x2.add(v128.load(pW + at), v));
    }
    for (; i < to; i++) {
      const at = <usize>i << 3;
      const v = x1 * load<f64>(pM + at) - lr * load<f64>(pG + at);
      store<f64>(pM + at, v);
      store<f64>(pW + at, load<f64>(pW + at) + v);
    }
  } else {
    for (; i + 2 <= to; i += 2) {
      const at = <usize>i << 3;
      v128.store(pW + at, f64x2.sub(v128.load(pW + at), f64x2.mul(rate, v128.load(pG + at))));
    }
    for (; i < to; i++) {
      const at = <usize>i << 3;
      store<f64>(pW + at, load<f64>(pW + at) - lr * load<f64>(pG + at));
    }
  }
}

// An optimizer step over all n parameters (typed arrays; m and v may be any array for SGD)
export function optimizerStepSimd(
  kind: i32, params: Float64Array, grads: Float64Array, m: Float64Array, v: Float64Array, n: i32,
  lr: f64, x1: f64, x2: f64, x3: f64, x4: f64, x5: f64,
): void {
  if (ASC_FEATURE_THREADS) {
    parallelOptimizer(kind, params.dataStart, grads.dataStart, m.dataStart, v.dataStart, n, lr, x1, x2, x3, x4, x5);
  } else {
    optimizerRange(kind, params.dataStart, grads.dataStart, m.dataStart, v.dataStart, 0, n, lr, x1, x2, x3, x4, x5);
  }
}
