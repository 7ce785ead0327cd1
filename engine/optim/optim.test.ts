// The optimizers against torch.optim: a few steps from the same parameters with the same fed-in
// gradients (fixtures/optim.json, float64) must agree to 1e-6; plus the option checks.
import { describe, expect, it } from 'vitest';
import { Adam, RMSprop, SGD, type Optimizer } from './index';
import { Tensor } from '../tensor';
import { fromNested, toNested } from '../nested';
import { assertClose } from '../testing/closeTo';
import fixtures from '../testing/fixtures/optim.json';

type Nested = unknown;
interface OptimCase {
  name: string;
  optimizer: 'sgd' | 'adam' | 'rmsprop';
  options: Record<string, number | boolean | number[]>;
  params: Record<string, Nested>;
  steps: { grads: Record<string, Nested>; params: Record<string, Nested> }[];
}

function leaf(value: Nested, name: string): Tensor {
  const { data, shape } = fromNested(value, name);
  return new Tensor(data, shape, true);
}

function build(c: OptimCase, params: Tensor[]): Optimizer {
  const o = c.options;
  const num = (k: string): number | undefined => o[k] as number | undefined;
  switch (c.optimizer) {
    case 'sgd':
      return new SGD(params, {
        lr: num('lr') as number,
        momentum: num('momentum'),
        dampening: num('dampening'),
        weightDecay: num('weight_decay'),
        nesterov: o.nesterov as boolean | undefined,
      });
    case 'adam':
      return new Adam(params, {
        lr: num('lr'),
        betas: o.betas as [number, number] | undefined,
        eps: num('eps'),
        weightDecay: num('weight_decay'),
        amsgrad: o.amsgrad as boolean | undefined,
      });
    case 'rmsprop':
      return new RMSprop(params, {
        lr: num('lr'),
        alpha: num('alpha'),
        eps: num('eps'),
        weightDecay: num('weight_decay'),
        momentum: num('momentum'),
        centered: o.centered as boolean | undefined,
      });
  }
}

describe('optimizers match torch.optim (float64, 1e-6)', () => {
  const cases = (fixtures as unknown as { cases: OptimCase[] }).cases;
  it('covers every optimizer and variant', () => {
    expect(cases.length).toBeGreaterThanOrEqual(13);
  });
  for (const c of cases) {
    it(c.name, () => {
      const names = Object.keys(c.params);
      const params = names.map((n) => leaf(c.params[n], n));
      const opt = build(c, params);
      c.steps.forEach((step, s) => {
        names.forEach((n, i) => {
          params[i].grad = fromNested(step.grads[n], n).data;
        });
        opt.step();
        names.forEach((n, i) =>
          assertClose(toNested(params[i].data, params[i].shape), step.params[n], `${c.name} step ${s + 1} ${n}`),
        );
      });
    });
  }
});

describe('optimizer behaviour', () => {
  it('skips a parameter without a gradient, and Adam does not advance its step count', () => {
    const a = new Tensor(Float64Array.of(1), [1], true);
    const b = new Tensor(Float64Array.of(1), [1], true);
    const opt = new Adam([a, b], { lr: 0.1 });
    a.grad = Float64Array.of(1);
    opt.step();
    expect(b.data[0]).toBe(1);
    b.grad = Float64Array.of(1);
    a.grad = null;
    opt.step();
    // b's first step: the bias-corrected Adam step is lr·sign(g) (up to ε).
    expect(b.data[0]).toBeCloseTo(0.9, 6);
    expect(a.data[0]).toBeCloseTo(0.9, 6);
  });

  it('zeroGrad clears gradients in place', () => {
    const p = new Tensor(Float64Array.of(1, 2), [2], true);
    p.grad = Float64Array.of(3, 4);
    const g = p.grad;
    new SGD([p], { lr: 1 }).zeroGrad();
    expect(p.grad).toBe(g);
    expect(Array.from(p.grad)).toEqual([0, 0]);
  });

  it('rejects invalid options, naming them', () => {
    const p = [new Tensor(Float64Array.of(1), [1], true)];
    expect(() => new SGD(p, { lr: -1 })).toThrow('invalid lr');
    expect(() => new SGD(p, { lr: 1, nesterov: true })).toThrow('Nesterov');
    expect(() => new Adam(p, { betas: [1, 0.9] })).toThrow('invalid betas[0]');
    expect(() => new RMSprop(p, { momentum: -0.1 })).toThrow('invalid momentum');
  });

  it('updates float32 parameters in their own dtype', () => {
    const p = new Tensor(Float32Array.of(1, -1), [2], true);
    p.grad = Float32Array.of(0.5, -0.5);
    new SGD([p], { lr: 0.1, momentum: 0.9 }).step();
    expect(p.data).toBeInstanceOf(Float32Array);
    expect(Array.from(p.data)).toEqual([Math.fround(0.95), Math.fround(-0.95)]);
  });
});
