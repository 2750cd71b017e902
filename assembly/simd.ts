// WASM-only fast path of the dense products in kernels.ts, with SIMD and register blocking: f64x2
// in the f64 core, f32x4 in the f32 core (the same code over real.ts's `real`, LANES to a v128).
// Compiled only into the SIMD build, through simd-dense.ts (kernels.ts and optimizers.ts call it
// under `if (ASC_FEATURE_SIMD)`), which threads.ts's shared jobs also run.
//
// One micro-kernel serves all three products: C (+)= A · B, where the SIMD lanes run over
// columns of C. Each element of C is still summed in the scalar kernels' order (its init, then the
// k terms in ascending order, each a multiply then an add: WASM SIMD has no fused multiply-add),
// so the SIMD build gives the same bits as the scalar kernels, not merely close ones.

// (tsc checks assembly/ as portable TypeScript, which has no v128: this file is WASM-only.)
// @ts-nocheck

import { MOMENTUM, ADAM } from './codes';
import { real, RealArray, REAL_SHIFT, realSqrt } from './real';

// reals to a v128, and the bytes of one
const LANES = 16 >> REAL_SHIFT;
const REAL_BYTES: usize = 1 << REAL_SHIFT;
// the register block's columns: two v128s (4 in f64, 8 in f32); threads.ts cuts C's columns in these
export const BLOCK_COLUMNS = 2 * LANES;

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
    for (; j + BLOCK_COLUMNS <= n; j += BLOCK_COLUMNS) {
      const offset = <usize>j << REAL_SHIFT;
      block6(a, aRow, aCol, pB + offset, bRow, c + offset, cRow, k, init, pBias + offset);
    }
    if (j < n) {
      for (let i = 0; i < 6; i++) {
        row(a + <usize>i * aRow, aCol, pB, bRow, c + <usize>i * cRow, j, n, k, init, pBias);
      }
    }
  }
  for (; r < m; r++) row(pA + <usize>r * aRow, aCol, pB, bRow, pC + <usize>r * cRow, 0, n, k, init, pBias);
}

// 6 rows x 2 v128s of columns of C in 12 registers (with the 2 of B and a splat, 15 of the 16 an
// x64 engine has): 6 x 4 in f64, 6 x 8 in f32; per k: 2 loads of B, 6 splats of A, 12 mul + 12 add.
// The 1 to 5 rows left go through row() (a 4 x 4 block for them measured no faster).
function block6(
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
    const z0 = init == INIT_BIAS ? v128.load(bias) : v128.splat<real>(0);
    const z1 = init == INIT_BIAS ? v128.load(bias, 16) : v128.splat<real>(0);
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
    let x = v128.load_splat<real>(a);
    s00 = v128.add<real>(s00, v128.mul<real>(x, b0));
    s01 = v128.add<real>(s01, v128.mul<real>(x, b1));
    x = v128.load_splat<real>(a + a1);
    s10 = v128.add<real>(s10, v128.mul<real>(x, b0));
    s11 = v128.add<real>(s11, v128.mul<real>(x, b1));
    x = v128.load_splat<real>(a + a2);
    s20 = v128.add<real>(s20, v128.mul<real>(x, b0));
    s21 = v128.add<real>(s21, v128.mul<real>(x, b1));
    x = v128.load_splat<real>(a + a3);
    s30 = v128.add<real>(s30, v128.mul<real>(x, b0));
    s31 = v128.add<real>(s31, v128.mul<real>(x, b1));
    x = v128.load_splat<real>(a + a4);
    s40 = v128.add<real>(s40, v128.mul<real>(x, b0));
    s41 = v128.add<real>(s41, v128.mul<real>(x, b1));
    x = v128.load_splat<real>(a + a5);
    s50 = v128.add<real>(s50, v128.mul<real>(x, b0));
    s51 = v128.add<real>(s51, v128.mul<real>(x, b1));
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

// One row of C, columns [from, to): 8 v128s of columns at a time in 8 independent sums (one sum per
// v128 would wait on its own additions), then a v128 at a time, then (f32) a pair, then the last
// columns one by one.
function row(
  a: usize, aCol: usize, pB: usize, bRow: usize, c: usize, from: i32, to: i32,
  k: i32, init: i32, pBias: usize,
): void {
  let j = from;
  for (; j + 8 * LANES <= to; j += 8 * LANES) {
    const offset = <usize>j << REAL_SHIFT;
    const cj = c + offset;
    let s0: v128, s1: v128, s2: v128, s3: v128, s4: v128, s5: v128, s6: v128, s7: v128;
    if (init == INIT_ZERO) {
      s0 = v128.splat<real>(0); s1 = s0; s2 = s0; s3 = s0; s4 = s0; s5 = s0; s6 = s0; s7 = s0;
    } else {
      const from = init == INIT_BIAS ? pBias + offset : cj;
      s0 = v128.load(from); s1 = v128.load(from, 16); s2 = v128.load(from, 32); s3 = v128.load(from, 48);
      s4 = v128.load(from, 64); s5 = v128.load(from, 80); s6 = v128.load(from, 96); s7 = v128.load(from, 112);
    }
    let x = a;
    let b = pB + offset;
    for (let i = 0; i < k; i++) {
      const xi = v128.load_splat<real>(x);
      s0 = v128.add<real>(s0, v128.mul<real>(xi, v128.load(b)));
      s1 = v128.add<real>(s1, v128.mul<real>(xi, v128.load(b, 16)));
      s2 = v128.add<real>(s2, v128.mul<real>(xi, v128.load(b, 32)));
      s3 = v128.add<real>(s3, v128.mul<real>(xi, v128.load(b, 48)));
      s4 = v128.add<real>(s4, v128.mul<real>(xi, v128.load(b, 64)));
      s5 = v128.add<real>(s5, v128.mul<real>(xi, v128.load(b, 80)));
      s6 = v128.add<real>(s6, v128.mul<real>(xi, v128.load(b, 96)));
      s7 = v128.add<real>(s7, v128.mul<real>(xi, v128.load(b, 112)));
      x += aCol;
      b += bRow;
    }
    v128.store(cj, s0); v128.store(cj, s1, 16); v128.store(cj, s2, 32); v128.store(cj, s3, 48);
    v128.store(cj, s4, 64); v128.store(cj, s5, 80); v128.store(cj, s6, 96); v128.store(cj, s7, 112);
  }
  for (; j + LANES <= to; j += LANES) {
    const offset = <usize>j << REAL_SHIFT;
    let s: v128 = init == INIT_ACCUMULATE ? v128.load(c + offset) : init == INIT_BIAS ? v128.load(pBias + offset) : v128.splat<real>(0);
    let x = a;
    let b = pB + offset;
    for (let i = 0; i < k; i++) {
      s = v128.add<real>(s, v128.mul<real>(v128.load_splat<real>(x), v128.load(b)));
      x += aCol;
      b += bRow;
    }
    v128.store(c + offset, s);
  }
  // f32: two columns left, in the low half of a v128 (its upper lanes are never stored)
  if (LANES == 4 && j + 2 <= to) {
    const offset = <usize>j << REAL_SHIFT;
    let s: v128 = init == INIT_ACCUMULATE ? v128.load64_zero(c + offset) : init == INIT_BIAS ? v128.load64_zero(pBias + offset) : v128.splat<real>(0);
    let x = a;
    let b = pB + offset;
    for (let i = 0; i < k; i++) {
      s = v128.add<real>(s, v128.mul<real>(v128.load_splat<real>(x), v128.load64_zero(b)));
      x += aCol;
      b += bRow;
    }
    v128.store64_lane(c + offset, s, 0);
    j += 2;
  }
  for (; j < to; j++) {
    const offset = <usize>j << REAL_SHIFT;
    let s: real = init == INIT_ACCUMULATE ? load<real>(c + offset) : init == INIT_BIAS ? load<real>(pBias + offset) : 0;
    let x = a;
    let b = pB + offset;
    for (let i = 0; i < k; i++) {
      s += load<real>(x) * load<real>(b);
      x += aCol;
      b += bRow;
    }
    store<real>(c + offset, s);
  }
}

// t[j][i] = W[i][j] for a rows x cols matrix (byte addresses)
export function transpose(pW: usize, pT: usize, rows: i32, cols: i32): void {
  for (let i = 0; i < rows; i++) {
    const w = pW + ((<usize>i * <usize>cols) << REAL_SHIFT);
    for (let j = 0; j < cols; j++) {
      store<real>(pT + ((<usize>j * <usize>rows + <usize>i) << REAL_SHIFT), load<real>(w + (<usize>j << REAL_SHIFT)));
    }
  }
}

// The optimizer steps of optimizers.ts (see there for each formula) over parameters [from, to),
// LANES at a time: add, mul, div and sqrt round exactly as the scalar ones, so the bits are the
// same. `kind` is SGD, MOMENTUM (x1 = mu) or ADAM (x1..x5 = beta1, beta2, epsilon, c1, c2); m and v
// are byte addresses of the velocity (and Adam's squares).
export function optimizerRange(
  kind: i32, pW: usize, pG: usize, pM: usize, pV: usize, from: i32, to: i32,
  lr: real, x1: real, x2: real, x3: real, x4: real, x5: real,
): void {
  let i = from;
  const rate = v128.splat<real>(lr);
  if (kind == ADAM) {
    const b1 = v128.splat<real>(x1);
    const b2 = v128.splat<real>(x2);
    const eps = v128.splat<real>(x3);
    const c1 = v128.splat<real>(x4);
    const c2 = v128.splat<real>(x5);
    const k1 = v128.splat<real>(1.0 - x1);
    const k2 = v128.splat<real>(1.0 - x2);
    for (; i + LANES <= to; i += LANES) {
      const at = <usize>i << REAL_SHIFT;
      const g = v128.load(pG + at);
      const mi = v128.add<real>(v128.mul<real>(b1, v128.load(pM + at)), v128.mul<real>(k1, g));
      const vi = v128.add<real>(v128.mul<real>(b2, v128.load(pV + at)), v128.mul<real>(v128.mul<real>(k2, g), g));
      v128.store(pM + at, mi);
      v128.store(pV + at, vi);
      const update = v128.div<real>(v128.mul<real>(rate, v128.div<real>(mi, c1)), v128.add<real>(v128.sqrt<real>(v128.div<real>(vi, c2)), eps));
      v128.store(pW + at, v128.sub<real>(v128.load(pW + at), update));
    }
    for (; i < to; i++) {
      const at = <usize>i << REAL_SHIFT;
      const g = load<real>(pG + at);
      const mi = x1 * load<real>(pM + at) + (1.0 - x1) * g;
      const vi = x2 * load<real>(pV + at) + (1.0 - x2) * g * g;
      store<real>(pM + at, mi);
      store<real>(pV + at, vi);
      store<real>(pW + at, load<real>(pW + at) - (lr * (mi / x4)) / (realSqrt(vi / x5) + x3));
    }
  } else if (kind == MOMENTUM) {
    const mu = v128.splat<real>(x1);
    for (; i + LANES <= to; i += LANES) {
      const at = <usize>i << REAL_SHIFT;
      const v = v128.sub<real>(v128.mul<real>(mu, v128.load(pM + at)), v128.mul<real>(rate, v128.load(pG + at)));
      v128.store(pM + at, v);
      v128.store(pW + at, v128.add<real>(v128.load(pW + at), v));
    }
    for (; i < to; i++) {
      const at = <usize>i << REAL_SHIFT;
      const v = x1 * load<real>(pM + at) - lr * load<real>(pG + at);
      store<real>(pM + at, v);
      store<real>(pW + at, load<real>(pW + at) + v);
    }
  } else {
    for (; i + LANES <= to; i += LANES) {
      const at = <usize>i << REAL_SHIFT;
      v128.store(pW + at, v128.sub<real>(v128.load(pW + at), v128.mul<real>(rate, v128.load(pG + at))));
    }
    for (; i < to; i++) {
      const at = <usize>i << REAL_SHIFT;
      store<real>(pW + at, load<real>(pW + at) - lr * load<real>(pG + at));
    }
  }
}
