// The seeded generator: xoshiro128** (Blackman & Vigna). Its state is four 32-bit words and its
// arithmetic is shifts, xors and small multiplies, so the same source gives the same numbers in
// WASM (u32 wraps) and in JS (exact doubles brought back to 32 bits by `u32()`).

// a * b mod 2^32 for any u32 pair; split so each JS product stays below 2^53.
function mul32(a: u32, b: u32): u32 {
  return u32(u32(a * (b & 0xffff)) + u32(u32(a * (b >>> 16)) << 16));
}

function rotl32(x: u32, k: i32): u32 {
  return u32((x << k) | (x >>> (32 - k)));
}

// murmur3's 32-bit finaliser: spreads a seed's bits over the whole state word.
function mix32(h: u32): u32 {
  h = u32(h ^ (h >>> 16));
  h = mul32(h, 0x85ebca6b);
  h = u32(h ^ (h >>> 13));
  h = mul32(h, 0xc2b2ae35);
  return u32(h ^ (h >>> 16));
}

export class Random {
  s0: u32 = 0;
  s1: u32 = 0;
  s2: u32 = 0;
  s3: u32 = 0;

  constructor(seedLo: u32, seedHi: u32) {
    // consecutive counter values through mix32 (splitmix style) cannot all be zero
    let x = u32(mix32(seedHi) ^ seedLo);
    x = u32(x + 0x9e3779b9);
    this.s0 = mix32(x);
    x = u32(x + 0x9e3779b9);
    this.s1 = mix32(x);
    x = u32(x + 0x9e3779b9);
    this.s2 = mix32(x);
    x = u32(x + 0x9e3779b9);
    this.s3 = mix32(x);
  }

  nextU32(): u32 {
    const s0 = this.s0;
    const s1 = this.s1;
    const s2 = u32(this.s2 ^ s0);
    const s3 = u32(this.s3 ^ s1);
    const result = u32(rotl32(u32(s1 * 5), 7) * 9);
    const t = u32(s1 << 9);
    this.s0 = u32(s0 ^ s3);
    this.s1 = u32(s1 ^ s2);
    this.s2 = u32(s2 ^ t);
    this.s3 = rotl32(s3, 11);
    return result;
  }

  // uniform in [0, 1) with 53 random bits
  nextFloat(): f64 {
    const hi = this.nextU32() >>> 5;
    const lo = this.nextU32() >>> 6;
    return (f64(hi) * 67108864.0 + f64(lo)) * (1.0 / 9007199254740992.0);
  }

  // uniform in [low, high)
  uniform(low: f64, high: f64): f64 {
    return low + (high - low) * this.nextFloat();
  }

  // uniform integer in [0, n)
  nextInt(n: i32): i32 {
    return i32(Math.floor(this.nextFloat() * f64(n)));
  }
}

// Fisher-Yates, in place
export function shuffleIndices(order: Int32Array, n: i32, rng: Random): void {
  for (let i = n - 1; i > 0; i--) {
    const j = rng.nextInt(i + 1);
    const t = unchecked(order[i]);
    unchecked((order[i] = order[j]));
    unchecked((order[j] = t));
  }
}
