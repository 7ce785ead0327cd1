// Tests for RNNCell, LSTMCell and GRUCell: PyTorch's parameter names, shapes and initialisation, batched
// and unbatched calls, agreement with the full layers stepped one step at a time, finite-difference checks
// of every input and parameter, the error messages, and a decoder step with attention built from them.
// (Parity with PyTorch: testing/parity.test.ts.)
import { describe, expect, it } from 'vitest';
import { bmm } from '../ops/matmul';
import { concat, reshape, stack, transpose, unstack } from '../ops/shape';
import { softmax } from '../ops/softmax';
import { Rng } from '../random';
import { maxScaledError } from '../testing/closeTo';
import { gradCheck } from '../testing/gradCheck';
import { randn, zeros, type Tensor } from '../tensor';
import { GRUCell, LSTMCell, RNNCell, type CellBase, type CellOptions } from './cells';
import { GRU, LSTM, RNN } from './recurrent';

type Kind = 'rnn_tanh' | 'rnn_relu' | 'lstm' | 'gru';
const kinds: Kind[] = ['rnn_tanh', 'rnn_relu', 'lstm', 'gru'];

function makeCell(kind: Kind, I: number, H: number, opts: CellOptions = {}): RNNCell | LSTMCell | GRUCell {
  if (kind === 'lstm') return new LSTMCell(I, H, opts);
  if (kind === 'gru') return new GRUCell(I, H, opts);
  return new RNNCell(I, H, { ...opts, nonlinearity: kind === 'rnn_relu' ? 'relu' : 'tanh' });
}

/** Runs the cell over xs[0..T), feeding each state to the next step; returns every h (and c) in order. */
function unroll(cell: RNNCell | LSTMCell | GRUCell, xs: Tensor[], h0: Tensor | null, c0: Tensor | null): Tensor[] {
  const out: Tensor[] = [];
  let h = h0;
  let c = c0;
  for (const x of xs) {
    if (cell instanceof LSTMCell) {
      [h, c] = cell.forward(x, h === null ? null : [h, c as Tensor]);
      out.push(h, c);
    } else {
      h = cell.forward(x, h);
      out.push(h);
    }
  }
  return out;
}

describe('parameters', () => {
  it('are named, shaped and ordered as PyTorch state_dict', () => {
    const names = (c: CellBase): string[] =>
      [...c.namedParameters()].map(([n, t]) => `${n} ${JSON.stringify(t.shape)}`);
    expect(names(new GRUCell(2, 5))).toEqual(['weight_ih [15,2]', 'weight_hh [15,5]', 'bias_ih [15]', 'bias_hh [15]']);
    expect(names(new LSTMCell(3, 4))).toEqual(['weight_ih [16,3]', 'weight_hh [16,4]', 'bias_ih [16]', 'bias_hh [16]']);
    expect(names(new RNNCell(3, 4, { nonlinearity: 'relu' }))).toEqual([
      'weight_ih [4,3]',
      'weight_hh [4,4]',
      'bias_ih [4]',
      'bias_hh [4]',
    ]);
    expect(names(new LSTMCell(3, 4, { bias: false }))).toEqual(['weight_ih [16,3]', 'weight_hh [16,4]']);
    const gru = new GRUCell(2, 3, { bias: false });
    expect(gru.biasIH).toBeNull();
    expect(gru.biasHH).toBeNull();
    expect(gru.parameters().every((p) => p.requiresGrad)).toBe(true);
  });

  it('start U(−1/√H, 1/√H), drawn from the seeded generator in state_dict order', () => {
    const H = 16;
    const a = new LSTMCell(3, H, { rng: new Rng(5) });
    const all = a.parameters().flatMap((p) => Array.from(p.data));
    expect(Math.max(...all.map(Math.abs))).toBeLessThanOrEqual(1 / Math.sqrt(H));
    expect(Math.max(...all.map(Math.abs))).toBeGreaterThan(0.9 / Math.sqrt(H));
    expect(new LSTMCell(3, H, { rng: new Rng(5) }).parameters().flatMap((p) => Array.from(p.data))).toEqual(all);
    // The same draws as the one-layer LSTM, whose parameters come in the same order and shapes.
    expect(new LSTM(3, H, { rng: new Rng(5) }).parameters().flatMap((p) => Array.from(p.data))).toEqual(all);
  });
});

describe('forward', () => {
  // The layer projects all T·B inputs in one product, the cell B at a time, so only the order of some
  // sums differs: ≈1e-16 in float64; float32 (the JS or WebAssembly kernels, by vitest project) a few ulps.
  const stepCases = kinds.flatMap((kind) => [[kind, 'float64', 1e-12] as const, [kind, 'float32', 1e-5] as const]);
  it.each(stepCases)(
    '%s (%s): stepping the cell equals the one-layer layer, forward and backward',
    (kind, dtype, tol) => {
      const [T, B, I, H] = [4, 3, 5, 9];
      const rng = new Rng(11);
      const cell = makeCell(kind, I, H, { dtype, rng: new Rng(3) });
      const layerOpts = { dtype, rng: new Rng(3) };
      const layer =
        kind === 'lstm'
          ? new LSTM(I, H, layerOpts)
          : kind === 'gru'
            ? new GRU(I, H, layerOpts)
            : new RNN(I, H, { ...layerOpts, nonlinearity: kind === 'rnn_relu' ? 'relu' : 'tanh' });
      const leaf = (shape: number[]): Tensor => randn(shape, rng, { dtype, requiresGrad: true });
      const x = leaf([T, B, I]);
      const h0 = leaf([B, H]);
      const c0 = leaf([B, H]);
      const seed = randn([T, B, H], rng, { dtype });
      const grads = (ts: Tensor[]): Float64Array[] => ts.map((t) => Float64Array.from(t.grad ?? []));

      const out = unroll(cell, unstack(x, 0), h0, kind === 'lstm' ? c0 : null);
      const G = kind === 'lstm' ? 2 : 1;
      const hs = stack(
        out.filter((_, i) => i % G === 0),
        0,
      );
      hs.backward({ grad: seed.data });
      const ours = grads([x, h0, ...(kind === 'lstm' ? [c0] : []), ...cell.parameters()]);
      for (const t of [x, h0, c0]) t.grad = null;

      const ref = layer.forward(x, {
        h0: reshape(h0, [1, B, H]),
        c0: kind === 'lstm' ? reshape(c0, [1, B, H]) : null,
      }) as { output: Tensor; hN: Tensor; cN?: Tensor };
      ref.output.backward({ grad: seed.data });
      const theirs = grads([x, h0, ...(kind === 'lstm' ? [c0] : []), ...layer.parameters()]);

      expect(maxScaledError(hs.data, ref.output.data)).toBeLessThan(tol);
      expect(maxScaledError(out[out.length - G].data, ref.hN.data)).toBeLessThan(tol);
      if (kind === 'lstm') expect(maxScaledError(out[out.length - 1].data, (ref.cN as Tensor).data)).toBeLessThan(tol);
      expect(ours.map((g) => g.length)).toEqual(theirs.map((g) => g.length));
      ours.forEach((g, i) => expect(maxScaledError(g, theirs[i]), `gradient ${i}`).toBeLessThan(tol));
    },
  );

  it('takes unbatched input [I] and state [H], returning [H]', () => {
    const rng = new Rng(2);
    const x = randn([3], rng);
    const gru = new GRUCell(3, 4);
    expect(gru.forward(x).shape).toEqual([4]);
    expect(gru.forward(x, randn([4], rng)).shape).toEqual([4]);
    const [h, c] = new LSTMCell(3, 4).forward(x, [randn([4], rng), randn([4], rng)]);
    expect([h.shape, c.shape]).toEqual([[4], [4]]);
    // The same numbers as a batch of one.
    const lstm = new LSTMCell(3, 4, { rng: new Rng(1) });
    const [h1] = lstm.forward(x);
    const [hb] = lstm.forward(reshape(x, [1, 3]));
    expect(Array.from(h1.data)).toEqual(Array.from(hb.data));
  });

  it('starts from zeros without hx', () => {
    const rng = new Rng(4);
    const cell = new GRUCell(2, 3);
    const x = randn([5, 2], rng);
    expect(Array.from(cell.forward(x).data)).toEqual(Array.from(cell.forward(x, zeros([5, 3])).data));
  });

  it('names the cell and the shapes in its errors', () => {
    const rng = new Rng(0);
    expect(() => new GRUCell(3, 4).forward(randn([2, 5], rng))).toThrow(
      'GRUCell: input must be [B, 3] (or [3] unbatched), got [2,5]',
    );
    expect(() => new LSTMCell(3, 4).forward(randn([2, 3], rng), [randn([2, 4], rng), randn([3, 4], rng)])).toThrow(
      'LSTMCell: cx must be [2,4] for input [2,3], got [3,4]',
    );
    expect(() => new RNNCell(3, 4).forward(randn([3], rng), randn([1, 4], rng))).toThrow(
      'RNNCell: hx must be [4] for input [3], got [1,4]',
    );
  });
});

describe('gradients pass a finite-difference check (inputs, states and every parameter)', () => {
  const cases: [Kind, boolean, boolean, boolean][] = [];
  for (const kind of kinds)
    for (const [batched, withHx, bias] of [
      [true, true, true],
      [true, false, true],
      [true, true, false],
      [false, true, true],
    ] as const)
      cases.push([kind, batched, withHx, bias]);
  it.each(cases)('%s batched=%s hx=%s bias=%s, two steps', (kind, batched, withHx, bias) => {
    const [B, I, H] = [2, 3, 2];
    const rng = new Rng(21);
    const cell = makeCell(kind, I, H, { bias, dtype: 'float64', rng: new Rng(8) });
    const lead = batched ? [B] : [];
    const leafOf = (shape: number[]): Tensor => randn(shape, rng, { dtype: 'float64', requiresGrad: true });
    const xs = [leafOf([...lead, I]), leafOf([...lead, I])];
    const h0 = withHx ? leafOf([...lead, H]) : null;
    const c0 = withHx && kind === 'lstm' ? leafOf([...lead, H]) : null;
    const inputs = [...xs, ...(h0 ? [h0] : []), ...(c0 ? [c0] : []), ...cell.parameters()];
    const result = gradCheck(() => unroll(cell, xs, h0, c0), inputs);
    expect(result.maxError, JSON.stringify(result.worst)).toBeLessThan(1e-6);
  });
});

describe('a decoder step with dot-product attention (GRUCell, bmm, softmax over dim 1)', () => {
  it('passes a finite-difference check of the encoder states, the input, the state and every parameter', () => {
    const [B, S, I, H] = [2, 4, 3, 3];
    const rng = new Rng(31);
    const leafOf = (shape: number[]): Tensor => randn(shape, rng, { dtype: 'float64', requiresGrad: true });
    const cell = new GRUCell(I + H, H, { dtype: 'float64', rng: new Rng(9) });
    const enc = leafOf([B, S, H]); // encoder outputs
    const h = leafOf([B, H]); // decoder state before the step
    const y = leafOf([B, I]); // the previous output's embedding
    const step = (): Tensor[] => {
      const scores = bmm(enc, reshape(h, [B, H, 1])); // [B, S, 1]: e_s = enc_s · h
      const weights = softmax(scores, 1); // over the S source positions
      const context = reshape(bmm(transpose(weights, 1, 2), enc), [B, H]); // Σ_s α_s enc_s
      return [cell.forward(concat([y, context], 1), h), weights];
    };
    const [, weights] = step();
    for (let b = 0; b < B; b++) {
      let total = 0;
      for (let s = 0; s < S; s++) total += weights.data[b * S + s];
      expect(total).toBeCloseTo(1, 12);
    }
    const result = gradCheck(step, [enc, h, y, ...cell.parameters()]);
    expect(result.maxError, JSON.stringify(result.worst)).toBeLessThan(1e-6);
  });
});
