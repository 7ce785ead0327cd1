// Chapter 3 against the live-equation widget: its Predict question names one of the widget's experiments, states the
// answer the widget computes, and the numbers of its explanation are the ones the widget shows.
import { describe, expect, it } from 'vitest';
import { fmt } from '../../lib/format';
import { chapterSource, predictionsAbout } from '../../lib/testing/chapterPredictions';
import { runSequence } from './model';
import { liveEquationOutcome, presetStep, ZERO_UNITS_CHOICES } from './predictions';
import { DEFAULT_SEQUENCE, LIVE_EQUATION_PRESETS } from './state';

const FILE = '03-the-math.mdx';
const questions = predictionsAbout(FILE, 'live-equation');
/** A number as the chapter's TeX writes it: three decimals, a plain minus. */
const tex = (x: number): string => fmt(x).replace('−', '-');

describe('chapter 3 and the live equation', () => {
  it('asks about an experiment of the widget and states the answer it computes', () => {
    expect(questions.length).toBeGreaterThanOrEqual(1);
    for (const q of questions) {
      expect(LIVE_EQUATION_PRESETS.map((p) => p.id)).toContain(q.preset);
      expect(q.choices).toEqual(ZERO_UNITS_CHOICES);
      expect(liveEquationOutcome(q.preset!)!.choice).toBe(q.answer);
    }
  });

  it('quotes a₄ and h₄ under ReLU, and the zero at t = 1, as the widget computes them', () => {
    const mdx = chapterSource(FILE);
    const step = presetStep('relu-step-4')!;
    expect(mdx).toContain(`$a_4 = (${step.a.map(tex).join(',\\ ')})$`);
    expect(mdx).toContain(`$h_4 = (${step.h.map((v) => (v === 0 ? '0' : tex(v))).join(',\\ ')})$`);
    const [, , a3] = step.a;
    expect(a3).toBeGreaterThan(0);
    expect(mdx).toContain(`$${tex(Math.tanh(step.a[0]))}$ and $${tex(Math.tanh(step.a[1]))}$`);
    expect(runSequence(DEFAULT_SEQUENCE, 'relu')[0].h.filter((v) => v === 0)).toHaveLength(1);
    expect(mdx).toContain('At $t = 1$ one unit is already 0.');
  });
});
