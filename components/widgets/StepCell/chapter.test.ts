// Chapter 2 against the step-cell widget: its Predict question names one of the widget's experiments, states the
// answer the cell computes, and the numbers of its explanation are the ones the widget shows.
import { describe, expect, it } from 'vitest';
import { chapterSource, predictionsAbout } from '../../lib/testing/chapterPredictions';
import { cellStep, carriedState } from './model';
import { presetState, SATURATED_CHOICES, stepCellOutcome } from './predictions';
import { STEP_CELL_PRESETS } from './state';

const FILE = '02-how-it-works.mdx';
const questions = predictionsAbout(FILE, 'step-cell');

describe('chapter 2 and the step cell', () => {
  it('asks about an experiment of the widget and states the answer it computes', () => {
    expect(questions.length).toBeGreaterThanOrEqual(1);
    for (const q of questions) {
      expect(STEP_CELL_PRESETS.map((p) => p.id)).toContain(q.preset);
      expect(q.choices).toEqual(SATURATED_CHOICES);
      expect(stepCellOutcome(q.preset!)!.choice).toBe(q.answer);
    }
  });

  it('quotes h₂ and the saturated unit’s pre-activation for the input (5, 5) as the widget computes them', () => {
    const mdx = chapterSource(FILE);
    const h = presetState('five-five')!;
    const seq = STEP_CELL_PRESETS[0].state.seq;
    const a = cellStep(seq[1], carriedState(seq, 1)).a;
    expect(mdx).toContain(`$a = ${a[1].toFixed(2)}$ and $h = ${h[1].toFixed(3)}$`);
    expect(mdx).toContain(`stay at $${h[0].toFixed(3)}$ and $${h[2].toFixed(3)}$`);
  });
});
