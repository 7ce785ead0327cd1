// clipGradNorm and clipGradValue against torch.nn.utils.clip_grad_norm_ / clip_grad_value_
// (fixtures/clip.json, float64, 1e-6): the returned norm and the clipped gradients.
import { describe, expect, it } from 'vitest';
import { clipGradNorm, clipGradValue } from './clip';
import { Tensor } from './tensor';
import { fromNested, toNested } from './nested';
import { assertClose } from './testing/closeTo';
import fixtures from './testing/fixtures/clip.json';

interface ClipCase {
  name: string;
  kind: 'norm' | 'value';
  grads: Record<string, unknown>;
  max_norm?: number;
  norm_type?: number | 'inf';
  total_norm?: number;
  clip_value?: number;
  clipped: Record<string, unknown>;
}

function withGrad(value: unknown): Tensor {
  const { data, shape } = fromNested(value, 'grad');
  const p = new Tensor(new Float64Array(data.length), shape, true);
  p.grad = data;
  return p;
}

describe('clipping matches torch.nn.utils (float64, 1e-6)', () => {
  for (const c of (fixtures as unknown as { cases: ClipCase[] }).cases) {
    it(c.name, () => {
      const names = Object.keys(c.grads);
      const params = names.map((n) => withGrad(c.grads[n]));
      if (c.kind === 'norm') {
        const normType = c.norm_type === 'inf' ? Infinity : (c.norm_type as number);
        const total = clipGradNorm(params, c.max_norm as number, normType);
        assertClose(total, c.total_norm, `${c.name} total norm`);
      } else {
        clipGradValue(params, c.clip_value as number);
      }
      names.forEach((n, i) =>
        assertClose(toNested(params[i].grad as Float64Array, params[i].shape), c.clipped[n], `${c.name} ${n}`),
      );
    });
  }
});

describe('clipping edge cases', () => {
  it('ignores parameters without a gradient and returns 0 when none has one', () => {
    const bare = new Tensor(Float64Array.of(1), [1], true);
    expect(clipGradNorm([bare], 1)).toBe(0);
    const p = withGrad([3, 4]);
    expect(clipGradNorm([bare, p], 1)).toBe(5);
    expect(Math.hypot(...(p.grad as Float64Array))).toBeCloseTo(1, 5);
    expect(bare.grad).toBeNull();
  });

  it('leaves gradients under the limit untouched', () => {
    const p = withGrad([0.3, 0.4]);
    expect(clipGradNorm([p], 1)).toBeCloseTo(0.5, 15);
    expect(Array.from(p.grad as Float64Array)).toEqual([0.3, 0.4]);
  });

  it('rejects a norm type below 1', () => {
    expect(() => clipGradNorm([], 1, 0.5)).toThrow('normType');
  });
});
