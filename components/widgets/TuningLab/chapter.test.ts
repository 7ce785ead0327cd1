// Chapter 8 against the tuning lab: the overfitting and search questions name searches the lab answers, with the
// chapter's choices, and the lab reads its answer from the trials' validation curves and scores as the chapter
// describes them (searches.test.ts reads them from the committed searches).
import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../lib/runHistory';
import { predictionsAbout } from '../../lib/testing/chapterPredictions';
import {
  ANSWERING_PRESETS,
  GRID_LR_CHOICES,
  HALVING_CHOICES,
  OVERFIT_CHOICES,
  QUOTED_BEST,
  RANDOM_CHOICES,
  SMALL_MODEL_CHOICES,
  tuningOutcome,
} from './predictions';
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
    expect(questions[2].choices).toEqual(GRID_LR_CHOICES);
    expect(questions[3].choices).toEqual(RANDOM_CHOICES);
    expect(questions[4].choices).toEqual(HALVING_CHOICES);
    // The search questions quote the figures the lab compares with.
    expect(questions[3].question).toContain(`reached ${QUOTED_BEST.grid.toFixed(2)} nats per character`);
    expect(questions[4].question).toContain(`reached ${QUOTED_BEST.random.toFixed(2)} nats per character`);
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

  /** A finished trial of the character model: its settings, rung and budget, and its score. */
  const scored = (
    hidden: number,
    lr: number,
    cell: 'gru' | 'lstm',
    score: number,
    rung = 0,
    budget = 100,
    layers = 1,
  ): Trial => ({
    ...trial(hidden, [score], null),
    settings: { hidden, layers, lr, cell },
    rung,
    budget,
  });

  it('counts the grid’s pairs that differ only in the learning rate, and which rate wins them', () => {
    const pairs = (wins: number, of: number): Trial[] =>
      Array.from({ length: of }, (_, i) => [
        scored(64 + i, 1e-3, 'gru', i < wins ? 3.0 : 3.5),
        scored(64 + i, 1e-4, 'gru', 3.4),
      ]).flat();
    expect(tuningOutcome('grid', pairs(18, 18))!.choice).toBe(2);
    expect(tuningOutcome('grid', pairs(13, 18))!.choice).toBe(1);
    expect(tuningOutcome('grid', pairs(9, 18))!.choice).toBe(0);
    expect(tuningOutcome('grid', pairs(18, 18))!.summary).toBe(
      'The lab’s grid: 10⁻³ ended lower in 18 of the 18 pairs; averaged over its trials it reached 3.00 nats per ' +
        'character, 10⁻⁴ 3.40. Its best trial, a GRU of 1 layer of 64 units at a learning rate of 0.001, reached 3.00.',
    );
    // A grid of one learning rate has no pairs to answer with.
    expect(tuningOutcome('grid', [scored(64, 1e-3, 'gru', 3)])).toBeNull();
  });

  it('compares the best random trial with the grid’s, and successive halving’s last round with the random search', () => {
    const random = (best: number) => [scored(237, 0.0086, 'gru', best), scored(64, 2e-4, 'lstm', 3.4)];
    expect(tuningOutcome('random', random(2.2))!.choice).toBe(0);
    expect(tuningOutcome('random', random(2.74))!.choice).toBe(1);
    expect(tuningOutcome('random', random(2.9))!.choice).toBe(2);
    expect(tuningOutcome('random', random(2.2))!.summary).toBe(
      'The lab’s random search: its best trial, a GRU of 1 layer of 237 units at a learning rate of 0.0086, one of 2 ' +
        'different learning rates tried, reached 2.20 nats per character, against 2.72 for the grid’s best.',
    );
    // Successive halving answers with its last round: a first-round trial scoring lower does not count.
    const halving = (last: number) => [
      scored(64, 2e-4, 'lstm', 1.5, 0, 33),
      scored(237, 0.0086, 'gru', 2.9, 0, 33),
      scored(237, 0.0086, 'gru', last, 2, 297),
    ];
    expect(tuningOutcome('halving', halving(1.84))!.choice).toBe(0);
    expect(tuningOutcome('halving', halving(2.22))!.choice).toBe(1);
    expect(tuningOutcome('halving', halving(2.5))!.choice).toBe(2);
    expect(tuningOutcome('halving', halving(1.84))!.summary).toContain('after 297 steps in the last round');
    expect(tuningOutcome('random', [])).toBeNull();
  });
});
