// @vitest-environment happy-dom
// Number inputs from a URL table: the bounds come from the codec, an entry is read by the same codec, a refused one
// is put back with a sentence; codecs over an engine bound refuse a range that leaves it.
import { describe, expect, it } from 'vitest';
import { BASE_BOUNDS } from '../../engine/train/config';
import { numberInput } from './numberInput';
import { field, int, intIn, num, numIn } from './urlState';

const type = (input: HTMLInputElement, text: string): void => {
  input.value = text;
  input.dispatchEvent(new Event('change'));
};

describe('numberInput', () => {
  it('takes min, max and step from the codec and reads entries through it', () => {
    const values: number[] = [];
    const notices: string[] = [];
    const input = numberInput(field(int(0, 99), 1, 'seed'), {
      value: 1,
      label: 'The seed',
      attrs: { 'aria-label': 'Seed', class: 'x' },
      onValue: (v) => values.push(v),
      onNotice: (t) => notices.push(t),
    });
    expect([input.min, input.max, input.step, input.value, input.inputMode]).toEqual(['0', '99', '1', '1', 'numeric']);
    expect(input.getAttribute('aria-label')).toBe('Seed');
    type(input, '42');
    type(input, '120');
    type(input, '2.5');
    expect(values).toEqual([42]);
    expect(notices).toEqual([
      '',
      'The seed must be a whole number from 0 to 99; keeping 42.',
      'The seed must be a whole number from 0 to 99; keeping 42.',
    ]);
    expect(input.value).toBe('42');
  });

  it('offers any step for a number codec unless it names a grid', () => {
    const lr = numberInput(field(num(0.0001, 1), 0.003, 'lr'), {
      value: 0.003,
      label: 'The learning rate',
      onValue: () => undefined,
      onNotice: () => undefined,
    });
    expect([lr.min, lr.max, lr.step, lr.value, lr.inputMode]).toEqual(['0.0001', '1', 'any', '0.003', 'decimal']);
    expect(num(0.1, 2, 0.1).step).toBe(0.1);
  });
});

describe('codecs over an engine bound', () => {
  it('narrow the bound and refuse a range outside it', () => {
    expect(intIn({ kind: 'int', min: 1, max: 1024 })).toMatchObject({ min: 1, max: 1024, step: 1, integer: true });
    expect(intIn({ kind: 'int', min: 1, max: 1024 }, { min: 8, max: 256 })).toMatchObject({ min: 8, max: 256 });
    expect(() => intIn({ kind: 'int', min: 1, max: 1024 }, { max: 2048 })).toThrow(
      "the range 1 to 2048 is not inside the engine's bound, a whole number from 1 to 1024",
    );
    expect(numIn(BASE_BOUNDS.learningRate, { min: 0.0001, max: 1 })).toMatchObject({ min: 0.0001, max: 1 });
    // The learning rate's bound leaves 0 out, so a range may not include it.
    expect(() => numIn(BASE_BOUNDS.learningRate, { min: 0, max: 1 })).toThrow('a number above 0 and at most 100');
  });
});
