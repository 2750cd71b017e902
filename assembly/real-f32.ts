// The f32 core's number type (`precision: 'f32'`): scripts/build.js (WASM) and
// scripts/assembly-js.js (JS) compile assembly/ with this file in real.ts's place. Float32
// storage, f32 arithmetic and f32x4 SIMD in WASM; the JS build stores f32 and computes between
// stores in JS's doubles.
export type real = f32;
export type RealArray = Float32Array;

// log2 of a real's bytes, for byte addresses (simd.ts, threads.ts)
export const REAL_SHIFT = 2;

export function newRealArray(length: i32): RealArray {
  return new Float32Array(length);
}

// the Math functions the kernels call on reals, at the real's width
// @ts-ignore: decorator
@inline export function realExp(x: real): real {
  return Mathf.exp(x);
}

// @ts-ignore: decorator
@inline export function realTanh(x: real): real {
  return Mathf.tanh(x);
}

// @ts-ignore: decorator
@inline export function realAbs(x: real): real {
  return Mathf.abs(x);
}

// @ts-ignore: decorator
@inline export function realMax(a: real, b: real): real {
  return Mathf.max(a, b);
}

// @ts-ignore: decorator
@inline export function realSqrt(x: real): real {
  return Mathf.sqrt(x);
}
