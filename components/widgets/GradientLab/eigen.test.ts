import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { eigenvalues, modulus, spectralRadius, withSpectralRadius, type Complex } from './eigen';

const sorted = (zs: Complex[]): Complex[] => [...zs].sort((a, b) => a.re - b.re || a.im - b.im);
const matmul = (a: number[][], b: number[][]): number[][] =>
  a.map((row) => b[0].map((_, j) => row.reduce((s, v, k) => s + v * b[k][j], 0)));
const trace = (a: number[][]): number => a.reduce((s, row, i) => s + row[i], 0);
/** Σ λᵢᵏ as a complex number. */
const powerSum = (zs: Complex[], k: number): Complex =>
  zs.reduce(
    (acc, z) => {
      let re = 1,
        im = 0;
      for (let i = 0; i < k; i++) [re, im] = [re * z.re - im * z.im, re * z.im + im * z.re];
      return { re: acc.re + re, im: acc.im + im };
    },
    { re: 0, im: 0 },
  );

describe('eigenvalues', () => {
  it('finds the eigenvalues of the chapter’s symmetric example, 1.1 and 0.5', () => {
    expect(
      sorted(
        eigenvalues([
          [0.8, 0.3],
          [0.3, 0.8],
        ]),
      ).map((z) => [z.re, z.im]),
    ).toEqual([
      [expect.closeTo(0.5, 12), 0],
      [expect.closeTo(1.1, 12), 0],
    ]);
  });

  it('finds a complex pair ±i for a rotation by 90°, and cos θ ± i sin θ in general', () => {
    const zs = sorted(
      eigenvalues([
        [0, -1],
        [1, 0],
      ]),
    );
    expect(zs[0].re).toBeCloseTo(0, 12);
    expect(zs[0].im).toBeCloseTo(-1, 12);
    expect(zs[1].im).toBeCloseTo(1, 12);
    const th = 0.7;
    const r = sorted(
      eigenvalues([
        [Math.cos(th), -Math.sin(th), 0],
        [Math.sin(th), Math.cos(th), 0],
        [0, 0, 2],
      ]),
    );
    expect(r.map((z) => [z.re, z.im]).flat()).toEqual(
      [Math.cos(th), -Math.sin(th), Math.cos(th), Math.sin(th), 2, 0].map((v) => expect.closeTo(v, 10)),
    );
  });

  it('reads a triangular matrix’s diagonal, and a 1×1 matrix', () => {
    expect(
      sorted(
        eigenvalues([
          [3, 1, 4],
          [0, -1, 5],
          [0, 0, 2],
        ]),
      ).map((z) => z.re),
    ).toEqual([-1, 2, 3].map((v) => expect.closeTo(v, 12)));
    expect(eigenvalues([[-0.4]])).toEqual([{ re: -0.4, im: 0 }]);
  });

  it('finds the roots 1..5 of a companion matrix', () => {
    // (x−1)(x−2)(x−3)(x−4)(x−5) = x⁵ − 15x⁴ + 85x³ − 225x² + 274x − 120
    const c = [
      [15, -85, 225, -274, 120],
      [1, 0, 0, 0, 0],
      [0, 1, 0, 0, 0],
      [0, 0, 1, 0, 0],
      [0, 0, 0, 1, 0],
    ];
    const zs = sorted(eigenvalues(c));
    zs.forEach((z, i) => {
      expect(z.re).toBeCloseTo(i + 1, 8);
      expect(Math.abs(z.im)).toBeLessThan(1e-8);
    });
  });

  it('matches tr(Aᵏ) = Σ λᵢᵏ for k = 1..n on random matrices up to 10×10 (which pins down every eigenvalue)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 }).chain((n) =>
          fc.array(fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: n, maxLength: n }), {
            minLength: n,
            maxLength: n,
          }),
        ),
        (a) => {
          const zs = eigenvalues(a);
          expect(zs).toHaveLength(a.length);
          let ak = a;
          for (let k = 1; k <= a.length; k++) {
            const ps = powerSum(zs, k);
            const scale = Math.max(1, ...zs.map((z) => modulus(z) ** k)) * a.length;
            expect(Math.abs(ps.re - trace(ak))).toBeLessThan(1e-8 * scale);
            expect(Math.abs(ps.im)).toBeLessThan(1e-8 * scale);
            ak = matmul(ak, a);
          }
          // Complex eigenvalues come in conjugate pairs.
          for (const z of zs)
            if (z.im !== 0)
              expect(zs.some((w) => Math.abs(w.re - z.re) < 1e-9 && Math.abs(w.im + z.im) < 1e-9)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('converges on matrices with denormal and wildly scaled entries', () => {
    const a = [
      5e-324, 0, 1.5878657653273753e-263, 0, 0.5773502692049701, 0, 0, 0.3333333333421923, -1.7576729827429124e-90, 0,
      -4.481476919788632e-129, 0, -7e-323, 2.7025744310117737e-15, 0, 0,
    ];
    const m = [0, 1, 2, 3].map((i) => a.slice(4 * i, 4 * i + 4));
    expect(eigenvalues(m).every((z) => Number.isFinite(z.re) && Number.isFinite(z.im))).toBe(true);
    expect(
      spectralRadius([
        [0, -5e-171, 0, 0],
        [1.5e-323, 0, 8e-211, 0],
        [7e-156, 0, 0, 1e-106],
        [1e-262, 4e-91, 0, -4e-75],
      ]),
    ).toBeCloseTo(4e-75, 80);
  });

  it('rejects a non-square or non-finite matrix', () => {
    expect(() => eigenvalues([[1, 2]])).toThrow(/square/);
    expect(() => eigenvalues([[Number.NaN]])).toThrow(/finite/);
  });
});

describe('spectral radius', () => {
  it('is the largest |λ|', () => {
    expect(
      spectralRadius([
        [0.8, 0.3],
        [0.3, 0.8],
      ]),
    ).toBeCloseTo(1.1, 12);
    expect(
      spectralRadius([
        [0, -2],
        [2, 0],
      ]),
    ).toBeCloseTo(2, 12);
  });

  it('rescales a matrix to any radius, keeping its eigenvalues’ directions', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 16, maxLength: 16 }),
        fc.double({ min: 0.05, max: 2, noNaN: true }),
        (flat, rho) => {
          const a = [0, 1, 2, 3].map((i) => flat.slice(4 * i, 4 * i + 4));
          fc.pre(spectralRadius(a) > 1e-3);
          const { matrix: b, eigenvalues: eb } = withSpectralRadius(a, rho);
          expect(Math.abs(spectralRadius(b) - rho)).toBeLessThan(1e-7 * rho);
          expect(Math.abs(Math.max(...eb.map(modulus)) - rho)).toBeLessThan(1e-12 * rho);
          const k = rho / spectralRadius(a);
          b.forEach((row, i) => row.forEach((v, j) => expect(v).toBe(a[i][j] * k)));
          // The eigenvalues it reports are the rescaled matrix's own (checked through the trace of B and B²).
          const tr = (m: number[][]): number => m.reduce((acc, row, i) => acc + row[i], 0);
          const sq = b.map((row) => b[0].map((_, j) => row.reduce((acc, v, l) => acc + v * b[l][j], 0)));
          expect(eb.reduce((acc, z) => acc + z.re, 0)).toBeCloseTo(tr(b), 9);
          expect(eb.reduce((acc, z) => acc + z.re * z.re - z.im * z.im, 0)).toBeCloseTo(tr(sq), 9);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses to rescale a nilpotent matrix (ρ = 0)', () => {
    expect(() =>
      withSpectralRadius(
        [
          [0, 1],
          [0, 0],
        ],
        1,
      ),
    ).toThrow(/spectral radius 0/);
  });
});
