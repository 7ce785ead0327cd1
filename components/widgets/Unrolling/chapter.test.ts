// Chapter 4 against the unrolling widget: its Predict question names one of the widget's experiments, states the
// answer the trained network gives, and its explanation quotes the guesses the widget shows.
import { describe, expect, it } from 'vitest';
import { chapterSource, predictionsAbout } from '../../lib/testing/chapterPredictions';
import { percent } from './chartData';
import { guesses, SAME_GUESS_CHOICES, unrollingOutcome } from './predictions';
import { UNROLLING_PRESETS } from './state';

const FILE = '04-unrolling.mdx';
const questions = predictionsAbout(FILE, 'unrolling');

describe('chapter 4 and the unrolling widget', () => {
  it('asks about an experiment of the widget and states the answer it computes', () => {
    expect(questions.length).toBeGreaterThanOrEqual(1);
    for (const q of questions) {
      expect(UNROLLING_PRESETS.map((p) => p.id)).toContain(q.preset);
      expect(q.choices).toEqual(SAME_GUESS_CHOICES);
      expect(unrollingOutcome(q.preset!)!.choice).toBe(q.answer);
    }
  });

  it('quotes the guesses after “hel” and “hell” as the widget shows them', () => {
    const [, , third, fourth] = guesses('hello');
    expect(chapterSource(FILE)).toContain(
      `it guesses "${third.label}" at $t = 3$ (${percent(third.p)}) and "${fourth.label}" at $t = 4$ (${percent(fourth.p)})`,
    );
  });
});
