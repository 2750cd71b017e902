// The SIMD build's entry points over typed arrays (kernels.ts and optimizers.ts call them under
// `if (ASC_FEATURE_SIMD)`): the three dense products and the optimizer step, run by simd.ts's
// kernels on the calling thread, or in the threads build shared among threads (threads.ts), which
// gives the same bits. The layer above both, so that neither imports the other.

// (tsc checks assembly/ as portable TypeScript, which has no v128: this file is WASM-only.)
// @ts-nocheck

import { gemm, optimizerRange, transpose, INIT_ZERO, INIT_BIAS, INIT_ACCUMULATE } from './simd';
import { parallelGemm, parallelOptimizer } from './threads';
import { RealArray, REAL_SHIFT, real } from './real';

const REAL_BYTES: usize = 1 << REAL_SHIFT;

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
  input: RealArray, inStart: i32, params: RealArray, wStart: i32, bStart: i32,
  output: RealArray, outStart: i32, rows: i32, inSize: i32, outSize: i32,
): void {
  // (not `out`: after `<< REAL_SHIFT,` esbuild's TypeScript parser takes it for a variance modifier)
  product(
    input.dataStart + (<usize>inStart << REAL_SHIFT), <usize>inSize << REAL_SHIFT, REAL_BYTES,
    params.dataStart + (<usize>wStart << REAL_SHIFT), <usize>outSize << REAL_SHIFT,
    output.dataStart + (<usize>outStart << REAL_SHIFT), <usize>outSize << REAL_SHIFT,
    rows, outSize, inSize, INIT_BIAS, params.dataStart + (<usize>bStart << REAL_SHIFT),
  );
}

// gradW += in^T · delta: A is the input block read transposed
export function denseGradientsSimd(
  input: RealArray, inStart: i32, delta: RealArray, dStart: i32,
  grads: RealArray, wStart: i32, rows: i32, inSize: i32, outSize: i32,
): void {
  product(
    input.dataStart + (<usize>inStart << REAL_SHIFT), REAL_BYTES, <usize>inSize << REAL_SHIFT,
    delta.dataStart + (<usize>dStart << REAL_SHIFT), <usize>outSize << REAL_SHIFT,
    grads.dataStart + (<usize>wStart << REAL_SHIFT), <usize>outSize << REAL_SHIFT,
    inSize, outSize, rows, INIT_ACCUMULATE, 0,
  );
}

// deltaIn = delta · W^T, through W^T laid out in `transposed` so the lanes run along its rows
export function denseBackwardSimd(
  delta: RealArray, dStart: i32, params: RealArray, wStart: i32,
  deltaIn: RealArray, diStart: i32, rows: i32, inSize: i32, outSize: i32, transposed: RealArray,
): void {
  transpose(params.dataStart + (<usize>wStart << REAL_SHIFT), transposed.dataStart, inSize, outSize);
  product(
    delta.dataStart + (<usize>dStart << REAL_SHIFT), <usize>outSize << REAL_SHIFT, REAL_BYTES,
    transposed.dataStart, <usize>inSize << REAL_SHIFT,
    deltaIn.dataStart + (<usize>diStart << REAL_SHIFT), <usize>inSize << REAL_SHIFT,
    rows, inSize, outSize, INIT_ZERO, 0,
  );
}

// An optimizer step over all n parameters (typed arrays; m and v may be any array for SGD)
export function optimizerStepSimd(
  kind: i32, params: RealArray, grads: RealArray, m: RealArray, v: RealArray, n: i32,
  lr: real, x1: real, x2: real, x3: real, x4: real, x5: real,
): void {
  if (ASC_FEATURE_THREADS) {
    parallelOptimizer(kind, params.dataStart, grads.dataStart, m.dataStart, v.dataStart, n, lr, x1, x2, x3, x4, x5);
  } else {
    optimizerRange(kind, params.dataStart, grads.dataStart, m.dataStart, v.dataStart, 0, n, lr, x1, x2, x3, x4, x5);
  }
}
