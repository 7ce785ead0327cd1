// Tests for what the widgets see: states and gates against the cell equations, ∂L/∂h_t against
// autodiff on the sequence split at t, the BPTT terms summing to ∂L/∂W_hh, and Jacobian norms
// against autodiff and finite differences.
import { describe, expect, it } from 'vitest';
import { noGrad } from '../autodiff/gradMode';
import { LSTM } from '../nn/recurrent';
import { gateCount, recurrence, type RecurrentMode } from '../ops/recurrence';
import { add, mul } from '../ops/elementwise';
import { sum } from '../ops/reduce';
import { narrow } from '../ops/shape';
import { Rng } from '../random';
import { randn, Tensor, zeros } from '../tensor';
import { DirectionTrace, RecurrentTrace } from './trace';

const modes: RecurrentMode[] = ['rnn_tanh', 'rnn_relu', 'lstm', 'gru'];
const [T, B, H] = [6, 3, 4];
const lengths = Int32Array.from([6, 2, 4]);

/** A random single-layer setup in float64; W_hh scaled up so gradients neither vanish nor saturate. */
function setup(mode: RecurrentMode, seed: number) {
  const rng = new Rng(seed);
  const GH = gateCount(mode) * H;
  const r = (s: number[], scale = 1): Tensor => {
    const t = randn(s, rng, { dtype: 'float64', std: scale });
    t.requiresGrad = true;
    return t;
  };
  return {
    xp: r([T, B, GH]),
    W: r([GH, H], 0.6),
    b: r([GH], 0.3),
    h0: r([B, H], 0.5),
    c0: mode === 'lstm' ? r([B, H], 0.5) : null,
    wOut: randn([T, B, H], rng, { dtype: 'float64' }),
    wN: randn([B, H], rng, { dtype: 'float64' }),
  };
}

/** L = Σ wOut ⊙ output + Σ wN ⊙ h_n, one scalar so one backward pass fills the trace. */
function lossOf(output: Tensor, hN: Tensor, s: ReturnType<typeof setup>): Tensor {
  return add(sum(mul(output, s.wOut)), sum(mul(hN, s.wN)));
}

/** Runs the op on steps [from, to) with the given initial states, lengths clipped to that window. */
function window(
  mode: RecurrentMode,
  s: ReturnType<typeof setup>,
  reverse: boolean,
  from: number,
  to: number,
  h: Tensor,
  c: Tensor | null,
) {
  const lens = Int32Array.from(lengths, (L) => Math.max(0, Math.min(L, to) - from));
  return recurrence(mode, narrow(s.xp, 0, from, to - from), s.W, s.b, h, c, { reverse, lengths: lens });
}

describe.each(modes)('trace of %s', (mode) => {
  it.each([false, true])('records states and gates that satisfy the cell equations (reverse: %s)', (reverse) => {
    const s = setup(mode, 1);
    const trace = new DirectionTrace(0, reverse ? 'reverse' : 'forward');
    const r = recurrence(mode, s.xp, s.W, s.b, s.h0, s.c0, { reverse, trace });
    expect(Array.from(trace.h().data)).toEqual(Array.from(r.output.data));
    expect(Array.from(trace.h0().data)).toEqual(Array.from(s.h0.data));
    const h = trace.h().data;
    const prev = (t: number, i: number, states: ArrayLike<number>, initial: ArrayLike<number>): number => {
      const p = reverse ? t + 1 : t - 1;
      return p < 0 || p >= T ? initial[i % (B * H)] : states[p * B * H + (i % (B * H))];
    };
    if (mode === 'lstm') {
      const [i, f, g, o] = (['i', 'f', 'g', 'o'] as const).map((n) => trace.gate(n).data);
      const c = trace.c().data;
      for (let k = 0; k < T * B * H; k++) {
        const t = Math.floor(k / (B * H));
        expect(c[k]).toBeCloseTo(f[k] * prev(t, k, c, s.c0!.data) + i[k] * g[k], 12); // c_t = f ⊙ c_{t−1} + i ⊙ g
        expect(h[k]).toBeCloseTo(o[k] * Math.tanh(c[k]), 12); //                               h_t = o ⊙ tanh(c_t)
        for (const gate of [i, f, o]) expect(gate[k]).toBeGreaterThan(0);
      }
    } else if (mode === 'gru') {
      const [z, n] = (['z', 'n'] as const).map((name) => trace.gate(name).data);
      for (let k = 0; k < T * B * H; k++) {
        const t = Math.floor(k / (B * H));
        expect(h[k]).toBeCloseTo((1 - z[k]) * n[k] + z[k] * prev(t, k, h, s.h0.data), 12); // h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}
      }
    } else {
      expect(trace.gateNames()).toEqual([]);
      expect(() => trace.gate('i')).toThrow(/has no gate 'i'/);
    }
  });

  it.each([false, true])('splits ∂L/∂W_hh into per-step terms that sum to it (reverse: %s)', (reverse) => {
    const s = setup(mode, 2);
    const trace = new DirectionTrace(0, reverse ? 'reverse' : 'forward');
    const r = recurrence(mode, s.xp, s.W, s.b, s.h0, s.c0, { reverse, lengths, trace });
    lossOf(r.output, r.hN, s).backward();
    const terms = trace.weightHHGradTerms();
    expect(terms.shape).toEqual([T, gateCount(mode) * H, H]);
    const total = new Float64Array(s.W.size);
    for (let t = 0; t < T; t++) for (let i = 0; i < s.W.size; i++) total[i] += terms.data[t * s.W.size + i];
    Array.from(s.W.grad!).forEach((g, i) => expect(total[i]).toBeCloseTo(g, 12));
    expect(terms.data.some((v) => v !== 0)).toBe(true);
  });

  it.each([false, true])('reports ∂L/∂h_t equal to autodiff on the sequence split at t (reverse: %s)', (reverse) => {
    const s = setup(mode, 3);
    const trace = new DirectionTrace(0, reverse ? 'reverse' : 'forward');
    const r = recurrence(mode, s.xp, s.W, s.b, s.h0, s.c0, { reverse, lengths, trace });
    lossOf(r.output, r.hN, s).backward();
    const dh = trace.gradH();
    const states = trace.h();
    const cells = mode === 'lstm' ? trace.c() : null;
    for (let t = 0; t < T; t++) {
      // L depends on h_t through the output at t and through the steps after it (in the direction's order).
      const [from, to] = reverse ? [0, t] : [t + 1, T];
      const hHat = narrow(states, 0, t, 1).clone();
      const h = new Tensor(hHat.data, [B, H], true);
      const c = cells && new Tensor(narrow(cells, 0, t, 1).data, [B, H]);
      const rest = window(mode, s, reverse, from, to, h, c);
      if (to > from) rest.output.backward({ grad: narrow(s.wOut, 0, from, to - from).data, retainGraph: true });
      rest.hN.backward({ grad: s.wN.data });
      for (let b = 0; b < B; b++) {
        const valid = t < lengths[b];
        for (let j = 0; j < H; j++) {
          const direct = valid ? s.wOut.data[(t * B + b) * H + j] : 0;
          expect(dh.data[(t * B + b) * H + j]).toBeCloseTo(h.grad![b * H + j] + direct, 10);
        }
      }
    }
  });

  it.each([false, true])(
    'gives Jacobian norms ‖∂h_t/∂h_k‖_F equal to autodiff and finite differences (reverse: %s)',
    (reverse) => {
      const s = setup(mode, 4);
      const trace = new DirectionTrace(0, reverse ? 'reverse' : 'forward');
      noGrad(() => recurrence(mode, s.xp, s.W, s.b, s.h0, s.c0, { reverse, lengths, trace }));
      const states = trace.h();
      const cells = mode === 'lstm' ? trace.c() : null;
      const t = reverse ? 1 : 4;
      for (let b = 0; b < B; b++) {
        const norms = trace.jacobianNorms(t, b);
        for (let k = 0; k < T; k++) {
          if (reverse ? k < t : k > t) {
            expect(norms[k]).toBe(0);
            continue;
          }
          // h_t as a function of h_k (c_k held): run the steps between them from a leaf h_k.
          const [from, to] = reverse ? [t, k] : [k + 1, t + 1];
          const hk = new Tensor(narrow(states, 0, k, 1).clone().data, [B, H], true);
          const ck = cells && new Tensor(narrow(cells, 0, k, 1).data, [B, H]);
          const end = window(mode, s, reverse, from, to, hk, ck).hN;
          let frob = 0;
          let frobFd = 0;
          const eps = 1e-6;
          for (let m = 0; m < H; m++) {
            hk.grad = null;
            const seed = zeros([B, H], { dtype: 'float64' });
            seed.data[b * H + m] = 1;
            end.backward({ grad: seed.data, retainGraph: true });
            for (let j = 0; j < H; j++) frob += (hk.grad?.[b * H + j] ?? 0) ** 2;
          }
          for (let j = 0; j < H; j++) {
            const v = hk.data[b * H + j];
            const at = (x: number): Float64Array => {
              hk.data[b * H + j] = x;
              const out = noGrad(() => window(mode, s, reverse, from, to, hk, ck).hN.data);
              hk.data[b * H + j] = v;
              return Float64Array.from(out.subarray(b * H, b * H + H));
            };
            const up = at(v + eps);
            const down = at(v - eps);
            for (let m = 0; m < H; m++) frobFd += ((up[m] - down[m]) / (2 * eps)) ** 2;
          }
          expect(norms[k]).toBeCloseTo(Math.sqrt(frob), 10);
          expect(norms[k]).toBeCloseTo(Math.sqrt(frobFd), 6);
        }
        expect(norms[t]).toBeCloseTo(Math.sqrt(H), 12);
      }
    },
  );
});

describe('RecurrentTrace on a module', () => {
  it('keeps one trace per layer and direction, and changes no result', () => {
    const x = randn([5, 2, 3], new Rng(1));
    const plain = new LSTM(3, 4, { numLayers: 2, bidirectional: true, rng: new Rng(3) });
    const traced = new LSTM(3, 4, { numLayers: 2, bidirectional: true, rng: new Rng(3) });
    const trace = new RecurrentTrace();
    const a = plain.forward(x);
    const b = traced.forward(x, { trace });
    expect(Array.from(b.output.data)).toEqual(Array.from(a.output.data));
    expect(trace.layers.map((row) => row.map((d) => d.direction))).toEqual([
      ['forward', 'reverse'],
      ['forward', 'reverse'],
    ]);
    expect(trace.at(1, 1).h().shape).toEqual([5, 2, 4]);
    expect(() => trace.at(0, 0).gradH()).toThrow(/no backward pass/);
    b.hN.backward({ grad: new Float32Array(b.hN.size).fill(1) });
    a.hN.backward({ grad: new Float32Array(a.hN.size).fill(1) });
    expect(Array.from(traced.parameters()[1].grad!)).toEqual(Array.from(plain.parameters()[1].grad!));
    // The lower layer's ∂L/∂h_t includes what flows down from the layer above.
    expect(
      trace
        .at(0, 0)
        .gradH()
        .data.some((v) => v !== 0),
    ).toBe(true);
  });
});
