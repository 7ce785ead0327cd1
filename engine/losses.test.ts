// crossEntropy and mseLoss against F.cross_entropy / F.mse_loss (fixtures/losses.json, float64,
// 1e-6) and finite differences: the loss value and input gradient; plus reductions, errors and dtypes.
import { describe, expect, it } from 'vitest';
import { crossEntropy, mseLoss, type Reduction } from './losses';
import { randn, Tensor, tensor } from './tensor';
import { fromNested, toNested } from './nested';
import { assertClose } from './testing/closeTo';
import { gradCheck } from './testing/gradCheck';
import { Rng } from './random';
import fixtures from './testing/fixtures/losses.json';

interface LossCase {
  name: string;
  loss: 'cross_entropy' | 'mse';
  input: unknown;
  target: unknown;
  ignore_index?: number;
  reduction: Reduction;
  value: number;
  grad_input: unknown;
}

function leaf(value: unknown, requiresGrad = true): Tensor {
  const { data, shape } = fromNested(value, 'x');
  return new Tensor(data, shape, requiresGrad);
}

describe('losses match torch.nn.functional (float64, 1e-6)', () => {
  for (const c of (fixtures as unknown as { cases: LossCase[] }).cases) {
    it(c.name, () => {
      const x = leaf(c.input);
      const loss =
        c.loss === 'cross_entropy'
          ? crossEntropy(x, c.target as number[], { ignoreIndex: c.ignore_index, reduction: c.reduction })
          : mseLoss(x, leaf(c.target, false), c.reduction);
      expect(loss.shape).toEqual([]);
      assertClose(loss.item(), c.value, `${c.name} value`);
      loss.backward();
      assertClose(toNested(x.grad as Float64Array, x.shape), c.grad_input, `${c.name} grad`);
    });
  }
});

describe('crossEntropy', () => {
  it("'none' gives one loss per row, zero where ignored, and sums to 'sum'", () => {
    const x = tensor(
      [
        [1, 2, 3],
        [0, 0, 0],
        [3, -1, 2],
      ],
      { dtype: 'float64' },
    );
    const none = crossEntropy(x, [2, -100, 0], { reduction: 'none' });
    const sum = crossEntropy(x, [2, -100, 0], { reduction: 'sum' }).item();
    expect(none.shape).toEqual([3]);
    expect(none.data[1]).toBe(0);
    expect(none.data[0] + none.data[2]).toBeCloseTo(sum, 14);
    expect(none.data[0]).toBeCloseTo(Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)) - 3, 14);
  });

  it('is stable for large logits', () => {
    const loss = crossEntropy(tensor([[1000, 0]], { dtype: 'float64' }), [1]).item();
    expect(loss).toBeCloseTo(1000, 10);
  });

  it('takes [C] logits with one target', () => {
    expect(crossEntropy(tensor([0, 0], { dtype: 'float64' }), 1).item()).toBeCloseTo(Math.LN2, 15);
  });

  it('is NaN for a mean over no targets, as PyTorch', () => {
    expect(crossEntropy(tensor([[1, 2]]), [-100]).item()).toBeNaN();
  });

  it('names bad targets and shapes', () => {
    const x = tensor([
      [1, 2],
      [3, 4],
    ]);
    expect(() => crossEntropy(x, [0, 2])).toThrow('target[1] = 2 is not a class index in [0, 2)');
    expect(() => crossEntropy(x, [0])).toThrow('logits [2,2] need 2 targets, got 1 targets');
    expect(() => crossEntropy(tensor([[[1]]]), [0])).toThrow('logits must be [N, C] or [C]');
  });

  it('keeps float32 in float32', () => {
    const x = tensor([[1, 2]], { requiresGrad: true });
    const loss = crossEntropy(x, [0]);
    expect(loss.dtype).toBe('float32');
    loss.backward();
    expect(x.grad).toBeInstanceOf(Float32Array);
  });
});

describe('mseLoss', () => {
  it('sends the opposite gradient to a target that requires it', () => {
    const x = tensor([1, 2], { dtype: 'float64', requiresGrad: true });
    const y = tensor([0, 4], { dtype: 'float64', requiresGrad: true });
    mseLoss(x, y).backward();
    expect(Array.from(x.grad as Float64Array)).toEqual([1, -2]);
    expect(Array.from(y.grad as Float64Array)).toEqual([-1, 2]);
  });

  it("'none' keeps the shape", () => {
    const out = mseLoss(tensor([[1], [2]]), tensor([[0], [0]]), 'none');
    expect(out.shape).toEqual([2, 1]);
    expect(Array.from(out.data)).toEqual([1, 4]);
  });

  it('rejects different shapes, naming both', () => {
    expect(() => mseLoss(tensor([1, 2]), tensor([[1, 2]]))).toThrow(
      'mseLoss: input [2] and target [1,2] must have the same shape',
    );
  });
});

describe('loss gradients against finite differences (gradCheck, float64)', () => {
  const rng = new Rng(7);
  const leaf64 = (shape: number[]): Tensor => randn(shape, rng, { dtype: 'float64', requiresGrad: true });
  const rows: [string, () => { f: (...xs: Tensor[]) => Tensor; inputs: Tensor[] }][] = [
    ['crossEntropy mean', () => ({ f: (x) => crossEntropy(x, [0, 3, 1, 3]), inputs: [leaf64([4, 5])] })],
    [
      'crossEntropy sum, ignoreIndex 1',
      () => ({ f: (x) => crossEntropy(x, [1, 2, 0], { ignoreIndex: 1, reduction: 'sum' }), inputs: [leaf64([3, 3])] }),
    ],
    [
      'crossEntropy none',
      () => ({ f: (x) => crossEntropy(x, [2, -100, 0], { reduction: 'none' }), inputs: [leaf64([3, 4])] }),
    ],
    ['crossEntropy [C]', () => ({ f: (x) => crossEntropy(x, 4), inputs: [leaf64([6])] })],
    ['mseLoss mean, both sides', () => ({ f: (x, y) => mseLoss(x, y), inputs: [leaf64([2, 3]), leaf64([2, 3])] })],
    ['mseLoss sum', () => ({ f: (x, y) => mseLoss(x, y, 'sum'), inputs: [leaf64([4]), leaf64([4])] })],
    ['mseLoss none', () => ({ f: (x, y) => mseLoss(x, y, 'none'), inputs: [leaf64([3, 2]), leaf64([3, 2])] })],
  ];
  for (const [name, make] of rows) {
    it(name, () => {
      const { f, inputs } = make();
      const r = gradCheck(f, inputs);
      expect(r.maxError, JSON.stringify(r.worst)).toBeLessThan(1e-7);
    });
  }
});
