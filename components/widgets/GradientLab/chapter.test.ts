// Chapter 5 against the gradient lab: its Predict question names one of the lab's experiments and states the answer
// the lab computes, and the ratios the chapter quotes around it are the lab's, rounded as the chapter rounds them.
import { describe, expect, it } from 'vitest';
import { chapterSource, predictionsAbout } from '../../lib/testing/chapterPredictions';
import { runLab, type Activation } from './model';
import { gradientLabOutcome, rnnGradients, VANISHING_CHOICES } from './predictions';
import { GRADIENT_LAB_PRESETS } from './state';

const FILE = '05-backpropagation-through-time.mdx';
const questions = predictionsAbout(FILE, 'gradient-lab');
const mdx = chapterSource(FILE);

/** The lab's cells at seed 1 and gate bias 1 (its defaults). */
const cells = (rho: number, activation: Activation, seqLen: number) =>
  runLab({ rho, activation, seqLen, seed: 1, gateBias: 1 }).cells;
const ratio = (g: Float64Array): number => g[0] / g[g.length - 1];
/** `m × 10^{e}` as the chapter's TeX writes it, from a number rounded to one significant digit. */
const sci1 = (x: number): string => {
  const [m, e] = x.toExponential(0).split('e');
  return `${m} \\times 10^{${Number(e)}}`;
};

describe('chapter 5 and the gradient lab', () => {
  it('asks about an experiment of the lab and states the answer it computes', () => {
    expect(questions.length).toBeGreaterThanOrEqual(1);
    for (const q of questions) {
      expect(GRADIENT_LAB_PRESETS.map((p) => p.id)).toContain(q.preset);
      expect(q.choices).toEqual(VANISHING_CHOICES);
      expect(gradientLabOutcome(q.preset!)!.choice).toBe(q.answer);
    }
  });

  it('quotes the linear ρ = 0.8 ratio and its per-step factors as the lab computes them', () => {
    const g = rnnGradients('linear-vanishing')!;
    expect(mdx).toContain(
      `the lab measures $${ratio(g)
        .toExponential(1)
        .replace(/e-(\d+)/, ' \\times 10^{-$1}')}$`,
    );
    expect(mdx).toContain(
      `$0.8^{99} \\approx ${(0.8 ** 99).toExponential(1).replace(/e-(\d+)/, ' \\times 10^{-$1}')}$`,
    );
    const factors = Array.from({ length: 20 }, (_, k) => g[98 - k] / g[99 - k]);
    expect(mdx).toContain(
      `factors from ${Math.min(...factors).toFixed(2)} to ${Math.max(...factors).toFixed(2)}, most of them below 0.8`,
    );
    expect(factors.filter((f) => f < 0.8).length).toBeGreaterThan(10);
    for (let t = 1; t < 70; t++) expect((g[t - 1] / g[t]).toFixed(2)).toBe('0.80');
  });

  it('rounds the other ratios of the contrasts as the lab gives them', () => {
    const exploding = ratio(cells(1.2, 'linear', 100).rnn.gradH);
    expect(mdx).toContain(`about $${sci1(exploding)}$ times *larger*`);
    const tanh = cells(0.8, 'tanh', 100);
    expect(Math.round(Math.log10(ratio(tanh.rnn.gradH)))).toBe(-15);
    expect(mdx).toContain('about $10^{-15}$ of the last step');
    expect(Math.round(Math.log10(ratio(tanh.lstm.gradH) / ratio(tanh.rnn.gradH)))).toBe(8);
    expect(mdx).toContain('roughly $10^{8}$ times more gradient');
    const defaults = cells(0.8, 'tanh', 50).rnn;
    const tex = (x: number): string => x.toExponential(1).replace(/e-(\d+)/, ' \\times 10^{-$1}');
    expect(mdx).toContain(`from 2.83 at $t = 50$ to $${tex(defaults.jacobian[0])}$ at $t = 1$`);
    expect(mdx).toContain(`from 1.38 to $${tex(defaults.gradH[0])}$`);
    expect(defaults.gradH[49].toFixed(2)).toBe('1.38');
  });
});
