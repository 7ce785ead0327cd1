// Tests for RNN, LSTM and GRU: PyTorch's parameter names, shapes, order and initialisation, output
// shapes in every layout, packed-sequence semantics, dropout between layers, gradient checks of
// whole modules. (Numerical parity with PyTorch is tested against the fixtures elsewhere.)
import { describe, expect, it } from 'vitest';
import { narrow, select } from '../ops/shape';
import { Rng } from '../random';
import { gradCheck } from '../testing/gradCheck';
import { randn, type Tensor } from '../tensor';
import { GRU, LSTM, RNN, recurrentParameterShapes, type RecurrentBase, type RecurrentOptions } from './recurrent';

type Kind = 'rnn_tanh' | 'rnn_relu' | 'lstm' | 'gru';
const make = (
  kind: Kind,
  inputSize: number,
  hiddenSize: number,
  opts: RecurrentOptions = {},
): RecurrentBase & { forward: LSTM['forward'] } =>
  (kind === 'lstm'
    ? new LSTM(inputSize, hiddenSize, opts)
    : kind === 'gru'
      ? new GRU(inputSize, hiddenSize, opts)
      : new RNN(inputSize, hiddenSize, {
          ...opts,
          nonlinearity: kind === 'rnn_relu' ? 'relu' : 'tanh',
        })) as RecurrentBase & { forward: LSTM['forward'] };
const kinds: Kind[] = ['rnn_tanh', 'rnn_relu', 'lstm', 'gru'];

describe('parameters', () => {
  it('are named, shaped and ordered as PyTorch state_dict', () => {
    const lstm = new LSTM(3, 4, { numLayers: 2, bidirectional: true });
    const shapes = [...lstm.namedParameters()].map(([n, t]) => `${n} ${JSON.stringify(t.shape)}`);
    expect(shapes).toEqual([
      'weight_ih_l0 [16,3]',
      'weight_hh_l0 [16,4]',
      'bias_ih_l0 [16]',
      'bias_hh_l0 [16]',
      'weight_ih_l0_reverse [16,3]',
      'weight_hh_l0_reverse [16,4]',
      'bias_ih_l0_reverse [16]',
      'bias_hh_l0_reverse [16]',
      'weight_ih_l1 [16,8]',
      'weight_hh_l1 [16,4]',
      'bias_ih_l1 [16]',
      'bias_hh_l1 [16]',
      'weight_ih_l1_reverse [16,8]',
      'weight_hh_l1_reverse [16,4]',
      'bias_ih_l1_reverse [16]',
      'bias_hh_l1_reverse [16]',
    ]);
    expect([...new GRU(2, 5).namedParameters()].map(([n, t]) => `${n} ${JSON.stringify(t.shape)}`)).toEqual([
      'weight_ih_l0 [15,2]',
      'weight_hh_l0 [15,5]',
      'bias_ih_l0 [15]',
      'bias_hh_l0 [15]',
    ]);
    expect([...new RNN(2, 5, { bias: false }).namedParameters().keys()]).toEqual(['weight_ih_l0', 'weight_hh_l0']);
    expect(lstm.parameters().every((p) => p.requiresGrad)).toBe(true);
  });

  it('are the names and shapes recurrentParameterShapes lists without building the layer', () => {
    for (const kind of kinds)
      for (const numLayers of [1, 3])
        for (const bidirectional of [false, true])
          for (const bias of [false, true]) {
            const opts = { numLayers, bidirectional, bias };
            const built = [...make(kind, 3, 2, opts).namedParameters()].map(([n, t]) => [n, t.shape]);
            expect([...recurrentParameterShapes(kind, 3, 2, opts)]).toEqual(built);
          }
  });

  it('start U(−1/√H, 1/√H), drawn from the seeded generator', () => {
    const H = 16;
    const a = new GRU(3, H, { rng: new Rng(5) });
    const b = new GRU(3, H, { rng: new Rng(5) });
    const c = new GRU(3, H, { rng: new Rng(6) });
    const all = a.parameters().flatMap((p) => Array.from(p.data));
    expect(Math.max(...all.map(Math.abs))).toBeLessThanOrEqual(1 / Math.sqrt(H));
    expect(Math.max(...all.map(Math.abs))).toBeGreaterThan(0.9 / Math.sqrt(H));
    expect(b.parameters().flatMap((p) => Array.from(p.data))).toEqual(all);
    expect(c.parameters().flatMap((p) => Array.from(p.data))).not.toEqual(all);
  });
});

describe('output shapes', () => {
  it.each(kinds)('%s: time-major, batch-first and unbatched, one or two directions', (kind) => {
    const rng = new Rng(1);
    for (const bidirectional of [false, true]) {
      const D = bidirectional ? 2 : 1;
      const m = make(kind, 3, 4, { numLayers: 2, bidirectional, rng });
      const r = m.forward(randn([5, 2, 3], rng));
      expect(r.output.shape).toEqual([5, 2, D * 4]);
      expect(r.hN.shape).toEqual([2 * D, 2, 4]);
      if (kind === 'lstm') expect(r.cN.shape).toEqual([2 * D, 2, 4]);
      const bf = make(kind, 3, 4, { numLayers: 2, bidirectional, batchFirst: true, rng });
      expect(bf.forward(randn([2, 5, 3], rng)).output.shape).toEqual([2, 5, D * 4]);
      const u = m.forward(randn([5, 3], rng));
      expect(u.output.shape).toEqual([5, D * 4]);
      expect(u.hN.shape).toEqual([2 * D, 4]);
    }
  });

  it('gives the same numbers batch-first as time-major, and the last output as h_n', () => {
    const rng = new Rng(2);
    const tm = new LSTM(3, 4, { rng: new Rng(7) });
    const bf = new LSTM(3, 4, { rng: new Rng(7), batchFirst: true });
    const x = randn([5, 2, 3], rng);
    const xb = randn([2, 5, 3], rng);
    for (let t = 0; t < 5; t++)
      for (let b = 0; b < 2; b++) xb.data.set(x.data.subarray((t * 2 + b) * 3, (t * 2 + b + 1) * 3), (b * 5 + t) * 3);
    const a = tm.forward(x);
    const c = bf.forward(xb);
    expect(Array.from(c.hN.data)).toEqual(Array.from(a.hN.data));
    expect(Array.from(select(a.output, 0, 4).data)).toEqual(Array.from(a.hN.data));
  });

  it('names the layer and both shapes on a mismatch', () => {
    const m = new LSTM(3, 4, { numLayers: 2 });
    expect(() => m.forward(randn([5, 2, 6], new Rng(1)))).toThrow(
      'LSTM: input shape [5,2,6] does not match input_size 3',
    );
    expect(() => m.forward(randn([5, 2, 3], new Rng(1)), { h0: randn([1, 2, 4], new Rng(1)) })).toThrow(
      'LSTM: h0 must be [2,2,4], got [1,2,4]',
    );
    expect(() => m.forward(randn([5, 2, 3], new Rng(1)), { lengths: [5, 6] })).toThrow(
      'LSTM: lengths[1] = 6 must be an integer in [1, 5]',
    );
  });
});

describe('variable-length batches (pack_padded_sequence semantics)', () => {
  const lengths = [5, 2, 3];

  it.each(kinds)(
    '%s, 2 layers, bidirectional: each sequence gives what it gives alone, padding changes nothing and gets no gradient',
    (kind) => {
      const rng = new Rng(11);
      const m = make(kind, 3, 4, { numLayers: 2, bidirectional: true, dtype: 'float64', rng });
      const x = randn([5, 3, 3], rng, { dtype: 'float64', requiresGrad: true });
      const h0 = randn([4, 3, 4], rng, { dtype: 'float64' });
      const c0 = kind === 'lstm' ? randn([4, 3, 4], rng, { dtype: 'float64' }) : null;
      const r = m.forward(x, { h0, c0, lengths });
      for (let b = 0; b < 3; b++) {
        const L = lengths[b];
        const alone = m.forward(narrow(narrow(x, 1, b, 1), 0, 0, L), {
          h0: narrow(h0, 1, b, 1),
          c0: c0 && narrow(c0, 1, b, 1),
        });
        expect(Array.from(narrow(r.hN, 1, b, 1).data)).toEqual(
          Array.from(alone.hN.data).map((v) => expect.closeTo(v, 12)),
        );
        if (kind === 'lstm')
          expect(Array.from(narrow(r.cN, 1, b, 1).data)).toEqual(
            Array.from(alone.cN.data).map((v) => expect.closeTo(v, 12)),
          );
        const out = narrow(r.output, 1, b, 1);
        expect(Array.from(narrow(out, 0, 0, L).data)).toEqual(
          Array.from(alone.output.data).map((v) => expect.closeTo(v, 12)),
        );
        if (L < 5) expect(Array.from(narrow(out, 0, L, 5 - L).data).every((v) => v === 0)).toBe(true);
      }
      const w = randn(r.output.shape, rng, { dtype: 'float64' });
      r.output.backward({ grad: w.data, retainGraph: true });
      r.hN.backward({ grad: randn(r.hN.shape, rng, { dtype: 'float64' }).data });
      const gx = x.grad as Float64Array;
      for (let t = 0; t < 5; t++) {
        for (let b = 0; b < 3; b++) {
          const row = Array.from(gx.subarray((t * 3 + b) * 3, (t * 3 + b + 1) * 3));
          if (t >= lengths[b]) expect(row).toEqual([0, 0, 0]);
          else expect(row.some((v) => v !== 0)).toBe(true);
        }
      }
    },
  );
});

describe('gradients of whole modules', () => {
  it.each(kinds)('%s: 2 layers, bidirectional, batch-first, h0, lengths: input, states and every parameter', (kind) => {
    const rng = new Rng(21);
    const m = make(kind, 2, 3, { numLayers: 2, bidirectional: true, batchFirst: true, dtype: 'float64', rng });
    const x = randn([3, 4, 2], rng, { dtype: 'float64', requiresGrad: true });
    const h0 = randn([4, 3, 3], rng, { dtype: 'float64', requiresGrad: true });
    const c0 = randn([4, 3, 3], rng, { dtype: 'float64', requiresGrad: true });
    const leaves = [x, h0, ...(kind === 'lstm' ? [c0] : []), ...m.parameters()];
    const result = gradCheck(() => {
      const r = m.forward(x, { h0, c0: kind === 'lstm' ? c0 : null, lengths: [4, 1, 3] });
      return kind === 'lstm' ? [r.output, r.hN, r.cN] : [r.output, r.hN];
    }, leaves);
    expect(result.maxError, JSON.stringify(result.worst)).toBeLessThan(1e-6);
  });

  it('back-propagates through a 1,000-step sequence', () => {
    const rng = new Rng(4);
    const m = new LSTM(2, 3, { rng });
    const r = m.forward(randn([1000, 1, 2], rng));
    r.hN.backward({ grad: [1, 1, 1] });
    expect(m.cells[0]?.[0]?.weightHH.grad?.every(Number.isFinite)).toBe(true);
  });
});

describe('dropout between layers', () => {
  it('applies in training only, to every layer output but the last, reproducibly', () => {
    const x = randn([4, 2, 3], new Rng(1));
    const run = (training: boolean, dropout: number): Tensor => {
      const m = new GRU(3, 5, { numLayers: 2, dropout, rng: new Rng(8) });
      m.train(training);
      return m.forward(x).output;
    };
    expect(Array.from(run(true, 0.5).data)).not.toEqual(Array.from(run(false, 0.5).data));
    expect(Array.from(run(false, 0.5).data)).toEqual(Array.from(run(true, 0).data));
    expect(Array.from(run(true, 0.5).data)).toEqual(Array.from(run(true, 0.5).data));
    const single = new GRU(3, 5, { numLayers: 1, dropout: 0.5, rng: new Rng(8) });
    const eval1 = new GRU(3, 5, { numLayers: 1, rng: new Rng(8) }).eval();
    expect(Array.from(single.forward(x).output.data)).toEqual(Array.from(eval1.forward(x).output.data));
  });
});
