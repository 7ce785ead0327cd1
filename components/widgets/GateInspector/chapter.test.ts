// Chapter 6 against the gate inspector: its Predict question names one of the widget's experiments, states the
// answer the trained LSTM gives, and its explanation quotes the gate values the widget shows.
import { describe, expect, it } from 'vitest';
import { chapterSource, predictionsAbout } from '../../lib/testing/chapterPredictions';
import { FORGET_CHOICES, gateAtStep, gateInspectorOutcome } from './predictions';
import { GATE_INSPECTOR_PRESETS } from './state';

const FILE = '06-variants.mdx';
const questions = predictionsAbout(FILE, 'gate-inspector');

describe('chapter 6 and the gate inspector', () => {
  it('asks about an experiment of the widget and states the answer it computes', () => {
    expect(questions.length).toBeGreaterThanOrEqual(1);
    for (const q of questions) {
      expect(GATE_INSPECTOR_PRESETS.map((p) => p.id)).toContain(q.preset);
      expect(q.choices).toEqual(FORGET_CHOICES);
      expect(gateInspectorOutcome(q.preset!)!.choice).toBe(q.answer);
    }
  });

  it('quotes the forget gates before and at the mark as the widget shows them', () => {
    const { now, before } = gateAtStep('forget-at-mark')!;
    const range = (v: number[]): string => `between ${Math.min(...v).toFixed(2)} and ${Math.max(...v).toFixed(2)}`;
    expect(chapterSource(FILE)).toContain(`from ${range(before)} at step 2 to ${range(now)} at the mark`);
  });
});
