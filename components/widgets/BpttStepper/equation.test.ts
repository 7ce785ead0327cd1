import { describe, expect, it } from 'vitest';
import katex from 'katex';
import { deltaTex, termTex, texColumn, texMatrix, texNumber } from './equation';
import { makeModel, runBptt } from './model';
import { tokensBesideKatex } from '../../lib/testing/mathmlTokens';

describe('bptt-stepper equations', () => {
  it('formats numbers for TeX with an ASCII minus and no negative zero', () => {
    expect(texNumber(-0.25)).toBe('-0.250');
    expect(texNumber(-0.0001)).toBe('0.000');
    expect(texNumber(1.23456, 2)).toBe('1.23');
    expect(texColumn([1, -2])).toBe('\\begin{bmatrix}1.000\\\\-2.000\\end{bmatrix}');
    expect(
      texMatrix(
        [
          [1, 2],
          [3, 4],
        ],
        1,
      ),
    ).toBe('\\begin{bmatrix}1.0 & 2.0\\\\3.0 & 4.0\\end{bmatrix}');
  });

  const run = runBptt(makeModel('hello', 1));
  const T = 4;

  it('writes δ_T with only the output term, and δ_t with both terms and the numbers of that step', () => {
    const last = deltaTex(run.steps[T - 1], T, run.weights.Why, run.weights.Whh);
    expect(last).toContain('\\delta_{4} &= W_{hy}^{\\top}(\\hat y_{4} - y_{4})');
    expect(last).toContain('no step after');
    expect(last).not.toContain('W_{hh}');
    const s = run.steps[1];
    const mid = deltaTex(s, T, run.weights.Why, run.weights.Whh);
    expect(mid).toContain(
      '\\delta_{2} &= W_{hy}^{\\top}(\\hat y_{2} - y_{2}) + W_{hh}^{\\top}\\big((1 - h_{3}^2) \\odot \\delta_{3}\\big)',
    );
    // The substituted numbers are this step's: ŷ_2 − y_2, 1 − h_3², δ_3 (= the previous step's δ), the two terms and δ_2.
    for (const v of [s.err, s.slopeNext, s.deltaNext, s.local, s.carried, s.delta]) expect(mid).toContain(texColumn(v));
    expect(s.deltaNext).toEqual(run.steps[2].delta);
    // W_hhᵀ: the first row of the typeset matrix is W_hh's first column.
    expect(mid).toContain(`\\begin{bmatrix}${run.weights.Whh.map((row) => texNumber(row[0])).join(' & ')}\\\\`);
  });

  it('writes the weight-gradient term as an outer product with its numbers', () => {
    const s = run.steps[2];
    const tex = termTex(s, run.h[2]);
    expect(tex).toContain('\\Delta_{3} &= \\big((1 - h_{3}^2) \\odot \\delta_{3}\\big)\\, h_{2}^{\\top}');
    expect(tex).toContain(texColumn(s.dA) + texMatrix([run.h[2]]));
    expect(tex).toContain(texMatrix(s.term));
  });

  it('gives TeX that KaTeX typesets without error at every step', () => {
    for (const s of run.steps) {
      expect(() =>
        katex.renderToString(deltaTex(s, T, run.weights.Why, run.weights.Whh), {
          throwOnError: true,
          displayMode: true,
        }),
      ).not.toThrow();
      expect(() =>
        katex.renderToString(termTex(s, run.h[s.t - 1]), { throwOnError: true, displayMode: true }),
      ).not.toThrow();
    }
  });

  it('writes as MathML (what the widget shows) the same tokens KaTeX typesets, at every step', () => {
    for (const s of run.steps) {
      for (const tex of [deltaTex(s, T, run.weights.Why, run.weights.Whh), termTex(s, run.h[s.t - 1])]) {
        const { ours, katex: theirs } = tokensBesideKatex(tex);
        expect(ours.length).toBeGreaterThan(20);
        expect(ours, tex).toEqual(theirs);
      }
    }
  });
});
