// Tests for nested-array conversion: round trips, shapes, and errors that name the element.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FieldError, fromNested, shapeOf, toNested } from './nested';

describe('nested arrays', () => {
  it('round-trips any rectangular array through flat data', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 4 }),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        (shape, seed) => {
          const size = shape.reduce((a, b) => a * b, 1);
          const data = Float64Array.from({ length: size }, (_, i) => seed + i);
          const nested = toNested(data, shape);
          const back = fromNested(nested, 'x', shape);
          expect(Array.from(back.data)).toEqual(Array.from(data));
          expect(back.shape).toEqual(shape);
        },
      ),
    );
  });

  it('reads a bare number as shape []', () => {
    expect(shapeOf(2.5, 'x')).toEqual([]);
    expect(Array.from(fromNested(2.5, 'x').data)).toEqual([2.5]);
  });

  it('names the first bad element', () => {
    expect(() =>
      shapeOf(
        [
          [1, 2],
          [3, 'a'],
        ],
        'input',
      ),
    ).toThrow('input[1][1]: expected a finite number, got the string "a"');
    expect(() => shapeOf([[1, 2], [3]], 'input')).toThrow('input[1]: ragged nested array: expected length 2, got 1');
    expect(() => shapeOf([[1, 2], 3], 'h0')).toThrow('h0[1]: expected an array of length 2, got number 3');
    expect(() => shapeOf([1, null], 'h0')).toThrow('h0[1]: expected a finite number, got null');
  });

  it('reads a 200,000-deep array without recursion, and names a field nested deeper than it may be', () => {
    let deep: unknown = 0;
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(shapeOf(deep, 'x')).toHaveLength(200_000);
    expect(Array.from(fromNested(deep, 'x').data)).toEqual([0]);
    expect(() => shapeOf(deep, 'h0', { maxDims: 3 })).toThrow(
      new FieldError('h0', 'nested 200000 deep; a tensor here has at most 3 dimensions'),
    );
    expect(() => fromNested([[[[1]]]], 'params.bias_hh_l0', [4])).toThrow(
      'params.bias_hh_l0: nested 4 deep; a tensor here has at most 1 dimension (expected shape [4])',
    );
  });

  it('names the first bad element of a wide array, row-major', () => {
    const wide = Array.from({ length: 3 }, () => Array.from({ length: 4 }, () => [0, 1]));
    (wide[2][1] as unknown[])[1] = Infinity;
    (wide[2][3] as unknown[])[0] = 'z';
    expect(() => shapeOf(wide, 'input')).toThrow('input[2][1][1]: expected a finite number, got number Infinity');
    (wide[2][1] as unknown[])[1] = 0;
    expect(() => shapeOf(wide, 'input')).toThrow('input[2][3][0]: expected a finite number, got the string "z"');
    (wide[1] as unknown[])[2] = [0];
    expect(() => shapeOf(wide, 'input')).toThrow('input[1][2]: ragged nested array: expected length 2, got 1');
  });

  it('names the field on a shape mismatch', () => {
    try {
      fromNested([[1, 2, 3]], 'params.weight_hh_l0', [1, 2]);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(FieldError);
      expect((e as FieldError).field).toBe('params.weight_hh_l0');
      expect((e as Error).message).toBe('params.weight_hh_l0: expected shape [1, 2], got [1, 3]');
    }
  });
});
