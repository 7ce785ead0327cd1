// The WebAssembly float32 kernels against the JS float32 kernels on random shapes below, at and above
// the WebAssembly blocking (4 × 8 register blocks, 64-row tiles, K in blocks of 256, 4 lanes): products
// and whole recurrent sequences within 1e-5 of the largest magnitude involved, the optimizer updates
// bit for bit (both compute in double and round where the JS loop rounds).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsKernelsFor, kernelsFor, kernelStatus, setWasmKernelsEnabled, type Kernels } from '../index';
import type { SequenceMode } from '../sequence';
import { loadWasmKernels } from './load';

let wasm: Kernels;
const js = jsKernelsFor('float32');
let wasEnabled = true;

beforeAll(async () => {
  wasEnabled = kernelStatus().float32 !== 'js';
  const status = await loadWasmKernels();
  expect(status.float32).toMatch(/^wasm-/);
  setWasmKernelsEnabled(true);
  wasm = kernelsFor('float32');
  expect(wasm).not.toBe(js);
});
afterAll(() => {
  setWasmKernelsEnabled(wasEnabled);
});

/** A size near the blocking boundaries more often than not. */
const dim = (edges: number[], max: number) => fc.oneof(fc.constantFrom(...edges), fc.integer({ min: 1, max }));

/** Float32 values in [−1, 1) from a seed (fast-check picks the seed; shrinking keeps it). */
function values(n: number, seed: number): Float32Array {
  let s = seed >>> 0 || 1;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}

/** Largest |x| of the arrays, at least 1e-30. */
function scale(...arrays: Float32Array[]): number {
  let m = 1e-30;
  for (const a of arrays) for (const x of a) m = Math.max(m, Math.abs(x));
  return m;
}

/** Every element of `got` within tol·scale of `want`, with the first miss in the message. */
function expectClose(got: Float32Array, want: Float32Array, at: number | Float32Array, tol = 1e-5): void {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < got.length; i++) {
    const s = typeof at === 'number' ? at : at[i];
    if (!(Math.abs(got[i] - want[i]) <= tol * s))
      expect.fail(`element ${i}: ${got[i]} against ${want[i]} (allowed ${tol * s})`);
  }
}

describe('WebAssembly gemm', () => {
  const layouts = ['NN', 'NT', 'TN'] as const;

  it('agrees with the JS kernels in every layout, with offsets, bias and accumulation', () => {
    fc.assert(
      fc.property(
        dim([1, 3, 4, 5, 7, 8, 9, 63, 64, 65], 70),
        dim([1, 3, 4, 5, 7, 8, 9, 16, 17], 40),
        dim([1, 2, 4, 255, 256, 257], 300),
        fc.constantFrom(...layouts),
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: 0, max: 5 }),
        fc.integer(),
        (M, N, K, layout, accumulate, withBias, off, seed) => {
          const A = values(off + M * K, seed);
          const B = values(off + N * K, seed + 1);
          const C0 = values(off + M * N, seed + 2);
          const bias = withBias && layout === 'NT' ? values(N, seed + 3) : null;
          const run = (k: Kernels): Float32Array => {
            const C = C0.slice();
            if (layout === 'NN') k.gemmNN(M, N, K, A, off, B, off, C, off, accumulate);
            else if (layout === 'NT') k.gemmNT(M, N, K, A, off, B, off, C, off, bias, accumulate);
            else k.gemmTN(M, N, K, A, off, B, off, C, off, accumulate);
            return C;
          };
          const want = run(js);
          const got = run(wasm);
          // the scale of element (i, j): |C0| + Σ_k |A(i,k) B(k,j)| + |bias|, bounded by K·max|A|·max|B| + 2
          expectClose(got, want, K * scale(A) * scale(B) + 2);
          expect(got.subarray(0, off)).toEqual(C0.subarray(0, off));
        },
      ),
      { numRuns: 150 },
    );
  });
});

const MODES: SequenceMode[] = ['rnn_tanh', 'rnn_relu', 'lstm', 'gru'];

describe('WebAssembly recurrent sequences', () => {
  it('agree with the JS kernels forward and backward, with lengths, reverse, biases and traces', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...MODES),
        fc.integer({ min: 1, max: 7 }),
        dim([1, 3, 4, 5], 6),
        dim([1, 3, 4, 5, 7, 8, 9, 13], 17),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        fc.integer(),
        (mode, T, B, H, reverse, withLengths, withBias, traced, seed) => {
          const GN = mode === 'lstm' ? 4 : mode === 'gru' ? 3 : 1;
          const GH = GN * H;
          const S = B * H;
          const lengths = withLengths
            ? Int32Array.from(values(B, seed + 9), (x) => Math.floor((x + 1) * 0.5 * (T + 1)))
            : null;
          const W = values(GH * H, seed);
          const bias = withBias ? values(GH, seed + 1) : null;
          const xProj = values(T * B * GH, seed + 2).map((x) => 2 * x);
          const h0 = values(S, seed + 3);
          const c0 = values(S, seed + 4);
          const dOut = values(T * S, seed + 5);
          const run = (k: Kernels) => {
            const first = reverse ? T * S : 0;
            const Hs = new Float32Array((T + 1) * S);
            Hs.set(h0, first);
            const Cs = mode === 'lstm' ? new Float32Array((T + 1) * S) : null;
            Cs?.set(c0, first);
            const G = GN > 1 ? new Float32Array(T * B * GH) : null;
            const TC = mode === 'lstm' ? new Float32Array(T * S) : null;
            const HN = mode === 'gru' ? new Float32Array(T * S) : null;
            k.recurrenceForward({ mode, T, B, H, reverse, lengths, W, bias, xProj, Hs, Cs, G, TC, HN });
            const dh = values(S, seed + 6);
            const dc = mode === 'lstm' ? values(S, seed + 7) : null;
            const dX = new Float32Array(T * B * GH);
            const dHp = mode === 'gru' ? new Float32Array(T * B * GH) : dX;
            const dW = values(GH * H, seed + 8);
            const db = bias === null ? null : values(GH, seed + 10);
            const dhSteps = traced ? new Float32Array(T * S) : null;
            const backward = {
              mode,
              T,
              B,
              H,
              reverse,
              lengths,
              W,
              Hs,
              Cs,
              G,
              TC,
              HN,
              dOut,
              dh,
              dc,
              dX,
              dHp,
              dW,
              db,
              dhSteps,
            };
            k.recurrenceBackward(backward);
            return { Hs, Cs, G, TC, HN, dh, dc, dX, dHp: traced ? dHp : null, dW, db, dhSteps };
          };
          const want = run(js);
          const got = run(wasm);
          for (const key of Object.keys(want) as (keyof typeof want)[]) {
            const w = want[key];
            const g = got[key];
            if (w === null || g === null) {
              expect(g).toBe(w);
              continue;
            }
            expectClose(g, w, scale(w, values(1, 0)));
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('WebAssembly optimizer updates', () => {
  /** Four state arrays, a gradient and a parameter of n elements; state kept non-negative where it is a square. */
  const setup = (n: number, seed: number) => ({
    param: values(n, seed),
    g: values(n, seed + 1),
    a: values(n, seed + 2).map(Math.abs),
    b: values(n, seed + 3).map(Math.abs),
    c: values(n, seed + 4),
    d: values(n, seed + 5).map(Math.abs),
  });
  type State = ReturnType<typeof setup>;
  const cases: [string, (k: Kernels, n: number, s: State) => void][] = [
    ['addScaled', (k, n, s) => k.addScaled(n, s.g, s.param, 0.01, s.c)],
    ['adam', (k, n, s) => k.adamUpdate(n, s.param, s.g, s.c, s.a, 0.9, 0.999, 0.003, 0.2, 1e-8)],
    ['amsgrad', (k, n, s) => k.amsgradUpdate(n, s.param, s.g, s.c, s.a, s.b, 0.9, 0.999, 0.003, 0.2, 1e-8)],
    ['rmsprop', (k, n, s) => k.rmspropUpdate(n, s.param, s.g, s.a, 0.99, 0.01, 1e-8)],
    ['rmsprop momentum', (k, n, s) => k.rmspropMomentumUpdate(n, s.param, s.g, s.a, s.c, 0.99, 0.9, 0.01, 1e-8)],
    ['rmsprop centered', (k, n, s) => k.rmspropCenteredUpdate(n, s.param, s.g, s.a, s.c, 0.99, 0.01, 1e-8)],
    [
      'rmsprop centered momentum',
      (k, n, s) => k.rmspropCenteredMomentumUpdate(n, s.param, s.g, s.d, s.c, s.b, 0.99, 0.9, 0.01, 1e-8),
    ],
    ['sgd', (k, n, s) => k.sgdUpdate(n, s.param, s.g, 0.1)],
    ['sgd momentum', (k, n, s) => k.sgdMomentumUpdate(n, s.param, s.g, s.c, 0.9, 1, 0.1)],
    ['sgd nesterov', (k, n, s) => k.sgdNesterovUpdate(n, s.param, s.g, s.c, 0.9, 0.8, 0.9, 0.1)],
  ];

  it.each(cases)('%s gives the JS loop’s bits', (_, update) => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 41 }), fc.integer(), (n, seed) => {
        const want = setup(n, seed);
        const got = setup(n, seed);
        update(js, n, want);
        update(wasm, n, got);
        expect(got).toEqual(want);
      }),
      { numRuns: 60 },
    );
  });
});
