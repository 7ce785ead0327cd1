// Seeded pseudo-random numbers for the bench (initial weights, synthetic data), so every run and
// every contestant starts from bit-identical numbers.

/**
 * mulberry32: a small 32-bit generator, good enough for initial weights and test data.
 * @param seed any integer
 * @returns a function giving uniform floats in [0, 1)
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Fills `out` with draws from U(-bound, bound).
 * @param out array to fill in place
 */
export function fillUniform(out: Float32Array | Float64Array, bound: number, rand: () => number): void {
  for (let i = 0; i < out.length; i++) out[i] = (2 * rand() - 1) * bound;
}
