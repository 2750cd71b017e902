// The number type of a network's values: its parameters, activations, gradients and data sets.
// It is f64 here. The f32 core (`precision: 'f32'`) is this directory compiled with real-f32.ts in
// this file's place (scripts/build.js for WASM, scripts/assembly-js.js for JS), so every kernel is written once, over `real`; the settings,
// losses and histories stay f64 in both.
export type real = f64;
export type RealArray = Float64Array;

// log2 of a real's bytes, for byte addresses (simd.ts, threads.ts)
export const REAL_SHIFT = 3;

export function newRealArray(length: i32): RealArray {
  return new Float64Array(length);
}

// the Math functions the kernels call on reals, at the real's width
// @ts-ignore: decorator
@inline export function realExp(x: real): real {
  return Math.exp(x);
}

// @ts-ignore: decorator
@inline export function realTanh(x: real): real {
  return Math.tanh(x);
}

// @ts-ignore: decorator
@inline export function realAbs(x: real): real {
  return Math.abs(x);
}

// @ts-ignore: decorator
@inline export function realMax(a: real, b: real): real {
  return Math.max(a, b);
}

// @ts-ignore: decorator
@inline export function realSqrt(x: real): real {
  return Math.sqrt(x);
}
