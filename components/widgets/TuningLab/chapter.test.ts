// Chapter 8 against the tuning lab: the overfitting questions name searches the lab answers, with the chapter's
// choices, and the lab reads its answer from the trials' validation curves as the chapter describes them.
import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../lib/runHistory';
import { predictionsAbout } from '../../lib/testing/chapterPredictions';
import { ANSWERING_PRESETS, OVERFIT_CHOICES, SMALL_MODEL_CHOICES, tuningOutcome } from './predictions';
import type { Trial } from './runner';
import { PRESETS } from './state';

const questions = predictionsAbout('08-tuning.mdx', 'tuning-lab');

/** A finished trial of `hidden` units whose validation losses, one per epoch of 6 steps, are `val`. */
function trial(hidden: number, val: number[], flagged: number | null): Trial {
  const evals = val.map((valLoss, i) => ({ step: 6 * (i + 1), valLoss, metrics: {}, trainLoss: NaN }));
  const best = val.indexOf(Math.min(...val));
  return {
    number: hidden,
    settings: { hidden, layers: 1, lr: 3e-3, cell: 'lstm' },
    rung: 0,
    budget: 180,
    record: { evals } as unknown as RunRecord,
    parameters: 0,
    score: Math.min(...val),
    overfit: flagged === null ? null : { turnStep: 6 * (best + 1), flaggedStep: flagged },
    promotedTo: null,
    slot: null,
  };
}

describe('chapter 8 and the tuning lab', () => {
  it('asks the overfitting questions of searches the lab answers, with the choices it answers with', () => {
    expect(questions.map((q) => q.preset)).toEqual(ANSWERING_PRESETS);
    for (const preset of ANSWERING_PRESETS) expect(PRESETS[preset]).toBeDefined();
    expect(questions[0].choices).toEqual(OVERFIT_CHOICES);
    expect(questions[1].choices).toEqual(SMALL_MODEL_CHOICES);
    expect(PRESETS['overfit-sizes'].state).toEqual({ ...PRESETS.overfit.state, hidden: [16, 128] });
  });

  it('reads a turn, a level and a steady fall from one trial’s validation curve', () => {
    const turned = tuningOutcome('overfit', [trial(128, [0.9, 0.6, 0.57, 0.65, 0.67], 30)])!;
    expect(turned.choice).toBe(questions[0].answer);
    expect(turned.summary).toBe(
      'The lab’s run: validation loss lowest at epoch 3 (step 18), 0.570; at the end 0.670, 18% above it, ' +
        'flagged as overfitting at step 30.',
    );
    expect(tuningOutcome('overfit', [trial(128, [0.9, 0.6, 0.55, 0.5], null)])!.choice).toBe(0);
    expect(tuningOutcome('overfit', [trial(128, [0.9, 0.6, 0.55, 0.57], null)])!.choice).toBe(1);
  });

  it('compares when and how far the small and the large model turn', () => {
    const large = trial(128, [0.9, 0.57, 0.6, 0.62, 0.66, 0.66], 24);
    const later = trial(16, [0.9, 0.7, 0.6, 0.5, 0.48, 0.52], null);
    expect(tuningOutcome('overfit-sizes', [later, large])!.choice).toBe(questions[1].answer);
    const never = trial(16, [0.9, 0.7, 0.6, 0.5, 0.48, 0.48], null);
    expect(tuningOutcome('overfit-sizes', [never, large])!.choice).toBe(0);
    const sooner = trial(16, [0.5, 0.7, 0.8, 0.9, 0.9, 0.9], 18);
    expect(tuningOutcome('overfit-sizes', [sooner, large])!.choice).toBe(2);
    expect(tuningOutcome('overfit-sizes', [large])).toBeNull();
    expect(tuningOutcome('grid', [large])).toBeNull();
  });
});
