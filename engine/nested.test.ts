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
