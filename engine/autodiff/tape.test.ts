// Tests for the tape: accumulation into shared inputs, reverse order, deep unrolls without
// recursion, no-grad mode, freed graphs and zeroGrad. The two ops here are local to the test.
import { describe, expect, it } from 'vitest';
import { Tensor, tensor } from '../tensor';
import { noGrad, isGradEnabled } from './gradMode';
import { backward, needsGrad, record, zeroGrad } from './tape';

/** out = a ⊙ b, elementwise, same shape. */
function mulT(a: Tensor, b: Tensor): Tensor {
  const out = new Tensor(
    a.data.map((v, i) => v * b.data[i]),
    a.shape,
  );
  if (needsGrad(a, b)) {
    record(out, 'mul', [a, b], () => {
      const g = out.grad as Float32Array | Float64Array;
      if (a.requiresGrad) {
        const ga = a.ensureGrad();
        for (let i = 0; i < g.length; i++) ga[i] = ga[i] + g[i] * b.data[i];
      }
      if (b.requiresGrad) {
        const gb = b.ensureGrad();
        for (let i = 0; i < g.length; i++) gb[i] = gb[i] + g[i] * a.data[i];
      }
    });
  }
  return out;
}

/** out = tanh(a · w) with a scalar weight w; a stand-in for one recurrent step. */
function stepT(h: Tensor, w: Tensor): Tensor {
  const wv = w.data[0];
  const out = new Tensor(
    h.data.map((v) => Math.tanh(v * wv)),
    h.shape,
  );
  if (needsGrad(h, w)) {
    record(out, 'step', [h, w], () => {
      const g = out.grad as Float32Array | Float64Array;
      let gw = 0;
      for (let i = 0; i < g.length; i++) {
        const d = g[i] * (1 - out.data[i] ** 2);
        if (h.requiresGrad) {
          const gh = h.ensureGrad();
          gh[i] = gh[i] + d * wv;
        }
        gw += d * h.data[i];
      }
      if (w.requiresGrad) {
        const g0 = w.ensureGrad();
        g0[0] = g0[0] + gw;
      }
    });
  }
  return out;
}

describe('tape', () => {
  it('accumulates both contributions into an input used twice', () => {
    const x = tensor([3], { dtype: 'float64', requiresGrad: true });
    const y = mulT(x, x);
    y.backward();
    expect(x.grad?.[0]).toBe(6);
  });

  it('runs closures in reverse creation order through a diamond', () => {
    const x = tensor([2], { dtype: 'float64', requiresGrad: true });
    const a = mulT(x, x); // x²
    const b = mulT(a, x); // x³
    const c = mulT(a, b); // x⁵
    c.backward();
    expect(x.grad?.[0]).toBe(5 * 2 ** 4);
    expect(a.grad?.[0]).toBe(16); // total ∂c/∂a = b + a·x = 2x³; op outputs keep their gradient
  });

  it('back-propagates through a 10,000-step unroll without overflowing the stack', () => {
    const w = tensor([0.9], { dtype: 'float64', requiresGrad: true });
    const h0 = tensor([0.5, -0.3], { dtype: 'float64', requiresGrad: true });
    let h = h0;
    for (let t = 0; t < 10000; t++) h = stepT(h, w);
    const loss = mulT(h, tensor([1, 1], { dtype: 'float64' }));
    loss.backward({ grad: [1, 1] });
    expect(Number.isFinite(w.grad?.[0])).toBe(true);
    expect(h0.grad).not.toBeNull();
  });

  it('matches a finite difference through a short unroll', () => {
    const run = (wv: number): number => {
      let h = tensor([0.5, -0.3], { dtype: 'float64' });
      const w = tensor([wv], { dtype: 'float64' });
      for (let t = 0; t < 20; t++) h = stepT(h, w);
      return h.data[0] + h.data[1];
    };
    const w = tensor([1.3], { dtype: 'float64', requiresGrad: true });
    let h = tensor([0.5, -0.3], { dtype: 'float64' });
    for (let t = 0; t < 20; t++) h = stepT(h, w);
    h.backward({ grad: [1, 1] });
    const eps = 1e-6;
    const fd = (run(1.3 + eps) - run(1.3 - eps)) / (2 * eps);
    expect(w.grad?.[0]).toBeCloseTo(fd, 7);
  });

  it('records nothing under noGrad and restores the mode afterwards, even on throw', () => {
    const x = tensor([1], { requiresGrad: true });
    const y = noGrad(() => mulT(x, x));
    expect(y.requiresGrad).toBe(false);
    expect(y.gradNode).toBeNull();
    expect(() =>
      noGrad(() => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(isGradEnabled()).toBe(true);
  });

  it('accumulates leaf gradients across passes until zeroGrad', () => {
    const x = tensor([3], { dtype: 'float64', requiresGrad: true });
    mulT(x, x).backward();
    mulT(x, x).backward();
    expect(x.grad?.[0]).toBe(12);
    zeroGrad([x]);
    expect(x.grad?.[0]).toBe(0);
  });

  it('frees the graph after backward unless retainGraph, and says so on a second pass', () => {
    const x = tensor([3], { dtype: 'float64', requiresGrad: true });
    const y = mulT(x, x);
    y.backward({ retainGraph: true });
    y.backward();
    expect(x.grad?.[0]).toBe(12);
    expect(() => y.backward()).toThrow(/freed/);
  });

  it('refuses a non-scalar root without a seed, and a root that needs no grad', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const y = mulT(x, x);
    expect(() => backward(y)).toThrow(/not a scalar/);
    expect(() => backward(tensor([1]))).toThrow(/does not require grad/);
  });
  it("lends an op output's gradient buffer for one pass: the next pass takes it back and reuses it", () => {
    const x = tensor([1, 2, 3], { dtype: 'float64', requiresGrad: true });
    const w = tensor([0.5], { dtype: 'float64', requiresGrad: true });
    const a = stepT(x, w);
    const y = mulT(a, a);
    y.backward({ grad: [1, 1, 1] });
    expect(Array.from(a.grad ?? [])).toEqual(Array.from(a.data, (v) => 2 * v));
    const firstPass = [a.grad, y.grad];
    const xGrad = x.grad;
    const b = stepT(x, w);
    const z = mulT(b, b);
    z.backward({ grad: [1, 1, 1] });
    expect(a.grad).toBeNull(); // taken back when the second pass began
    expect(y.grad).toBeNull();
    expect(new Set([b.grad, z.grad])).toEqual(new Set(firstPass)); // the same buffers, zeroed and refilled
    expect(Array.from(b.grad ?? [])).toEqual(Array.from(b.data, (v) => 2 * v));
    expect(x.grad).toBe(xGrad); // leaves keep theirs, accumulating
  });

  it('does not take back a gradient the user replaced or cleared', () => {
    const x = tensor([1, 2], { dtype: 'float64', requiresGrad: true });
    const a = mulT(x, x);
    a.backward({ grad: [1, 1] });
    const mine = new Float64Array([7, 7]);
    a.grad = mine;
    const b = mulT(x, x);
    b.backward({ grad: [1, 1] });
    expect(a.grad).toBe(mine);
    expect(b.grad).not.toBe(mine);
    expect(Array.from(mine)).toEqual([7, 7]);
  });

  it('gives a retained graph the same gradients on a second pass', () => {
    const x = tensor([0.3, -0.7], { dtype: 'float64', requiresGrad: true });
    const w = tensor([1.1], { dtype: 'float64', requiresGrad: true });
    const h = stepT(stepT(x, w), w);
    const y = mulT(h, h);
    y.backward({ grad: [1, 1], retainGraph: true });
    const once = Array.from(w.grad ?? []);
    const hGrad = Array.from(h.grad ?? []);
    zeroGrad([x, w]);
    y.backward({ grad: [1, 1] });
    expect(Array.from(w.grad ?? [])).toEqual(once);
    expect(Array.from(h.grad ?? [])).toEqual(hGrad);
  });
});
