// Python's `random.Random(seed)` reproduced draw for draw (the Mersenne Twister MT19937, seeded the way CPython seeds
// it from an int), for the one thing the course must do identically in both languages: shuffle a data set before it
// is split, so that the lab in the browser and the chapter's PyTorch script train and test on the same sentences.

const N = 624;
const M = 397;
const UPPER = 0x80000000;
const LOWER = 0x7fffffff;
const MATRIX_A = 0x9908b0df;

/**
 * `random.Random(seed)` of CPython 3: `getrandbits(k)` for k ≤ 32, `randbelow(n)` (`_randbelow_with_getrandbits`) and
 * `shuffle` give the same numbers and the same order as Python for the same seed. Other methods of Python's class
 * (floats, choices) are not needed here and not provided.
 */
export class PythonRandom {
  private readonly mt = new Uint32Array(N);
  private index = N;

  /** @param seed a whole number from 0 to 2^53 − 1 (Python takes its absolute value; so does this). */
  constructor(seed: number) {
    const n = Math.abs(seed);
    if (!Number.isSafeInteger(n)) throw new RangeError(`PythonRandom: seed must be a whole number, got ${seed}`);
    // CPython splits |seed| into 32-bit words, least significant first (one word for 0).
    const key = n < 2 ** 32 ? [n] : [n % 2 ** 32, Math.floor(n / 2 ** 32)];
    this.initByArray(key);
  }

  /** The next 32 random bits (`genrand_uint32`). */
  nextUint32(): number {
    const mt = this.mt;
    if (this.index >= N) {
      for (let k = 0; k < N; k++) {
        const y = (mt[k] & UPPER) | (mt[(k + 1) % N] & LOWER);
        mt[k] = mt[(k + M) % N] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
      }
      this.index = 0;
    }
    let y = mt[this.index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** `getrandbits(k)` for 1 ≤ k ≤ 32: the top k bits of one 32-bit draw. */
  getrandbits(k: number): number {
    if (!Number.isInteger(k) || k < 1 || k > 32)
      throw new RangeError(`PythonRandom.getrandbits: k must be from 1 to 32, got ${k}`);
    return k === 32 ? this.nextUint32() : this.nextUint32() >>> (32 - k);
  }

  /** `_randbelow(n)`: a whole number in [0, n), drawn with n's bit length and redrawn until below n. */
  randbelow(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n >= 2 ** 32)
      throw new RangeError(`PythonRandom.randbelow: n must be from 1 to 2^32 − 1, got ${n}`);
    // n.bit_length()
    const k = 32 - Math.clz32(n);
    let r = this.getrandbits(k);
    while (r >= n) r = this.getrandbits(k);
    return r;
  }

  /** `shuffle(items)`: Fisher–Yates from the end, as Python; shuffles in place and returns `items`. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.randbelow(i + 1);
      const tmp = items[i];
      items[i] = items[j];
      items[j] = tmp;
    }
    return items;
  }

  /** MT19937's `init_genrand`: the state from one 32-bit number. */
  private initGenrand(s: number): void {
    const mt = this.mt;
    mt[0] = s >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] = (Math.imul(1812433253, prev) + i) >>> 0;
    }
    this.index = N;
  }

  /** MT19937's `init_by_array`, which CPython seeds from. */
  private initByArray(key: readonly number[]): void {
    const mt = this.mt;
    this.initGenrand(19650218);
    let i = 1;
    let j = 0;
    for (let k = Math.max(N, key.length); k > 0; k--) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] = ((mt[i] ^ Math.imul(prev, 1664525)) + key[j] + j) >>> 0;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
      if (j >= key.length) j = 0;
    }
    for (let k = N - 1; k > 0; k--) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] = ((mt[i] ^ Math.imul(prev, 1566083941)) - i) >>> 0;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
    }
    mt[0] = 0x80000000;
    this.index = N;
  }
}
