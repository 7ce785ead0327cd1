// Tests for the Tensor container and its constructors: shapes, dtypes, nesting and error messages.
import { describe, expect, it } from 'vitest';
import { Rng } from './random';
import { fromArray, full, ones, randn, tensor, Tensor, uniform, zeros } from './tensor';

describe('Tensor', () => {
  it('reads the shape from nested arrays and round-trips through toNested', () => {
    const t = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(t.shape).toEqual([2, 3]);
    expect(t.size).toBe(6);
    expect(t.dtype).toBe('float32');
    expect(t.data).toBeInstanceOf(Float32Array);
    expect(t.toNested()).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(tensor(3.5).shape).toEqual([]);
    expect(tensor(3.5).item()).toBe(3.5);
  });

  it('keeps float64 exactly when asked', () => {
    const t = tensor([0.1, 0.2], { dtype: 'float64' });
    expect(t.data).toBeInstanceOf(Float64Array);
    expect(t.toNested()).toEqual([0.1, 0.2]);
    expect(tensor([0.1]).toNested()).not.toEqual([0.1]);
  });

  it('rejects ragged arrays and data that does not fit the shape', () => {
    expect(() => tensor([[1, 2], [3]])).toThrow(/ragged/);
    expect(() => fromArray([1, 2, 3], [2, 2])).toThrow(/3 elements but shape \[2,2\] needs 4/);
    expect(() => tensor([1, 2]).item()).toThrow(/item/);
  });

  it('wraps a typed array of the same dtype without copying, and copies anything else', () => {
    const buf = new Float32Array([1, 2, 3, 4]);
    const t = fromArray(buf, [2, 2]);
    buf[0] = 9;
    expect(t.data[0]).toBe(9);
    const u = fromArray(buf, [4], { dtype: 'float64' });
    buf[1] = 9;
    expect(u.data[1]).toBe(2);
  });

  it('builds zeros, ones, full and random tensors, reproducibly', () => {
    expect(zeros([2, 2]).toNested()).toEqual([
      [0, 0],
      [0, 0],
    ]);
    expect(ones([3], { dtype: 'float64' }).toNested()).toEqual([1, 1, 1]);
    expect(full([2], 7).toNested()).toEqual([7, 7]);
    expect(randn([5], new Rng(3)).toNested()).toEqual(randn([5], new Rng(3)).toNested());
    const u = uniform([1000], -0.5, 0.5, new Rng(1));
    expect(Math.max(...u.data)).toBeLessThan(0.5);
    expect(Math.min(...u.data)).toBeGreaterThanOrEqual(-0.5);
  });

  it('allocates the gradient lazily, with the same dtype', () => {
    const t = zeros([3], { dtype: 'float64', requiresGrad: true });
    expect(t.grad).toBeNull();
    expect(t.ensureGrad()).toBeInstanceOf(Float64Array);
    expect(t.ensureGrad()).toBe(t.grad);
  });

  it('detaches and clones', () => {
    const t = new Tensor(new Float32Array([1, 2]), [2], true);
    const d = t.detach();
    expect(d.requiresGrad).toBe(false);
    expect(d.data).toBe(t.data);
    const c = t.clone({ dtype: 'float64' });
    expect(c.dtype).toBe('float64');
    expect(c.data).not.toBe(t.data);
  });
});
