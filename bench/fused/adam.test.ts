// FlatAdam against closed forms of PyTorch's rule: with a constant gradient the bias-corrected
// moments are exactly g and g², so every step moves each parameter by lr·g / (|g| + ε).
import { describe, expect, it } from 'vitest';
import { FlatAdam } from './adam';

describe('FlatAdam', () => {
  it('moves by lr·g/(|g|+ε) per step under a constant gradient', () => {
    const params = Float64Array.from([1, -2, 0.5]);
    const grads = Float64Array.from([0.3, -4, 1e-9]);
    const adam = new FlatAdam(params, grads, { lr: 0.01, betas: [0.9, 0.999], eps: 1e-8 });
    for (let s = 0; s < 5; s++) adam.step();
    const expected = [1, -2, 0.5].map((p0, i) => p0 - 5 * 0.01 * (grads[i] / (Math.abs(grads[i]) + 1e-8)));
    expected.forEach((e, i) => expect(params[i]).toBeCloseTo(e, 12));
  });

  it('matches the two-step update worked out by hand', () => {
    const params = Float64Array.from([0]);
    const grads = Float64Array.from([1]);
    const adam = new FlatAdam(params, grads, { lr: 0.1, betas: [0.5, 0.75], eps: 0 });
    adam.step();
    expect(params[0]).toBeCloseTo(-0.1, 12);
    grads[0] = -1;
    adam.step();
    // m = 0.5·0.5 − 0.5 = −0.25, m̂ = −0.25/0.75 = −1/3; v = 0.75·0.25 + 0.25 = 0.4375, v̂ = 0.4375/0.4375 = 1
    expect(params[0]).toBeCloseTo(-0.1 + 0.1 / 3, 12);
  });
});
