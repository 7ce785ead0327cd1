import { describe, expect, it } from 'vitest';
import type { Spec } from '../../lib/urlState';
import { bpttStepperSpec, bpttStepperUrl, wordProblem } from './state';

const parse = (query: string) => bpttStepperUrl.parse(new URLSearchParams(query));

describe('bptt-stepper URL state', () => {
  it('defaults to “hello”, seed 1, starting at the last step', () => {
    expect(parse('')).toEqual({ state: { word: 'hello', seed: 1, t: null }, notices: [] });
  });

  it('reads a word, a seed and a step, and writes them back', () => {
    const { state, notices } = parse('bptt-stepper.word=banana&bptt-stepper.seed=42&bptt-stepper.t=2');
    expect(notices).toEqual([]);
    expect(state).toEqual({ word: 'banana', seed: 42, t: 2 });
    const params = new URLSearchParams('other.x=1');
    bpttStepperUrl.write(state, params);
    expect(params.toString()).toBe('other.x=1&bptt-stepper.word=banana&bptt-stepper.seed=42&bptt-stepper.t=2');
    bpttStepperUrl.write(bpttStepperUrl.defaults(), params);
    expect(params.toString()).toBe('other.x=1');
  });

  it('replaces a bad word, seed or step by its default and says why', () => {
    const { state, notices } = parse('bptt-stepper.word=Hi!&bptt-stepper.seed=-3&bptt-stepper.t=12');
    expect(state).toEqual({ word: 'hello', seed: 1, t: null });
    expect(notices).toHaveLength(3);
    expect(notices[0]).toContain('bptt-stepper.word=Hi!');
  });

  it('explains what is wrong with a word', () => {
    expect(wordProblem('hello')).toBeNull();
    expect(wordProblem('ab')).toMatch(/3 to 10 letters/);
    expect(wordProblem('abcdefghijk')).toMatch(/3 to 10 letters/);
    expect(wordProblem('héllo')).toMatch(/a to z/);
    expect(wordProblem('aaaa')).toMatch(/two different/);
  });

  it('documents every field for the instructors’ page, with a printable default', () => {
    for (const f of Object.values(bpttStepperSpec as Spec)) {
      expect(f.doc.length).toBeGreaterThan(10);
      expect(typeof f.codec.format(f.default)).toBe('string');
    }
  });

  it('starts the backward pass at T when the step is past the end of the word, and says so', () => {
    const { state, notices } = parse('bptt-stepper.word=cat&bptt-stepper.t=5');
    expect(state).toEqual({ word: 'cat', seed: 1, t: null });
    expect(notices).toEqual(['Step 5 is past the end of “cat” (T = 2); starting at t = 2.']);
    expect(parse('bptt-stepper.word=cat&bptt-stepper.t=2')).toEqual({
      state: { word: 'cat', seed: 1, t: 2 },
      notices: [],
    });
  });
});
