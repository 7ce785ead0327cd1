// Chapter 8's figures against the committed outputs of the scripts that produce them: the overfitting run
// (scripts/tuning-lab/overfitRun.ts → overfit-run.txt, overfit-run-16.txt) and the three searches with the lab's seed
// (scripts/tuning-lab/search.ts → search-grid.txt, search-random.txt, search-halving.txt). The search questions'
// answers are read from those trials by the lab's own tuningOutcome, as the lab reads them when the search ends.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CellType } from '../../../engine/ops/recurrentLayout';
import type { RunRecord } from '../../lib/runHistory';
import { chapterSource, predictionsAbout } from '../../lib/testing/chapterPredictions';
import { learningRatePairs, QUOTED_BEST, tuningOutcome } from './predictions';
import type { Trial } from './runner';

const mdx = chapterSource('08-tuning.mdx');
/** The chapter's text with its bold marks taken out, for figures quoted in a table. */
const plain = mdx.replaceAll('**', '');
const output = (file: string): string =>
  readFileSync(new URL(`../../../scripts/tuning-lab/${file}`, import.meta.url), 'utf8');
const questions = predictionsAbout('08-tuning.mdx', 'tuning-lab');
const question = (preset: string) => questions.find((q) => q.preset === preset)!;

/** The trials of a committed search output (its CSV part), as the lab holds them when the search ends. */
function trialsOf(file: string): Trial[] {
  const lines = output(file).split('\n');
  const header = lines[0].split(',');
  const col = (row: string[], name: string): string => row[header.indexOf(name)];
  return lines
    .slice(1)
    .filter((l) => /^\d+,/.test(l))
    .map((line) => {
      const row = line.split(',');
      const score = col(row, 'best_val_loss') === '' ? Infinity : Number(col(row, 'best_val_loss'));
      const step = Number(col(row, 'best_step'));
      return {
        number: Number(col(row, 'trial')),
        settings: {
          hidden: Number(col(row, 'hidden_size')),
          layers: Number(col(row, 'num_layers')),
          lr: Number(col(row, 'lr')),
          cell: col(row, 'cell') as CellType,
        },
        rung: Number(col(row, 'rung')) - 1,
        budget: Number(col(row, 'steps')),
        record: { evals: [{ step, valLoss: score, metrics: {}, trainLoss: NaN }] } as unknown as RunRecord,
        parameters: Number(col(row, 'parameters')),
        score,
        overfit: null,
        promotedTo: null,
        slot: null,
      };
    });
}

/** A summary line of a committed output, by its start. */
const line = (file: string, start: string): string =>
  output(file)
    .split('\n')
    .find((l) => l.startsWith(start))!;

describe('chapter 8 and the overfitting run’s committed output', () => {
  it('quotes the 128-unit run: its table, lowest and last validation loss, its size and flag', () => {
    const out = output('overfit-run.txt');
    expect(out).toContain('LSTM of 128 units, 92,418 parameters');
    expect(mdx).toContain('92,418 parameters');
    for (const row of out.split('\n').filter((l) => l.startsWith('| '))) expect(plain).toContain(row);
    expect(out).toContain('lowest validation loss 0.574 at epoch 12 (accuracy 72.4%)');
    expect(out).toContain('final validation loss 0.667 (16% above the lowest)');
    expect(out).toContain('first epoch with every training sequence right: 28');
    expect(out).toContain('the lab flags overfitting at step 102 (the validation loss turned at step 72)');
    expect(mdx).toContain(
      "with the lab's seed (1) the validation loss is lowest at epoch 12, 0.574, and ends at 0.667, 16% above it",
    );
    expect(mdx).toContain('by epoch 28 the model gets every one of its 200 training sequences right');
    expect(mdx).toContain('here that happens at step 102');
  });

  it('quotes the 16-unit run: its size, lowest validation loss, rise and training accuracy', () => {
    const out = output('overfit-run-16.txt');
    expect(out).toContain('LSTM of 16 units, 4,386 parameters');
    expect(out).toContain('lowest validation loss 0.482 at epoch 22 (accuracy 75.0%)');
    expect(out).toContain('final validation loss 0.525 (9% above the lowest)');
    expect(out).toContain('none (99.0% at the end)');
    expect(mdx).toContain('an LSTM of 16 units (4,386 parameters instead of 92,418)');
    expect(mdx).toContain('its validation loss is lowest at epoch 22 (0.482) and ends 9% above it');
    expect(mdx).toContain('reaches its lowest validation loss at epoch 22 (step 132), 0.482');
    expect(mdx).toContain('gets 99.0% of its training sequences right');
    expect(mdx).toContain('75.0% validation accuracy at its best epoch, against 72.4%');
  });
});

describe('chapter 8 and the grid’s committed output', () => {
  const trials = trialsOf('search-grid.txt');

  it('answers the learning-rate question as the chapter states, read by the lab from the grid’s trials', () => {
    expect(trials).toHaveLength(36);
    const result = tuningOutcome('grid', trials)!;
    expect(result.choice).toBe(question('grid').answer);
    const p = learningRatePairs(trials)!;
    expect(p).toMatchObject({ high: 1e-3, low: 1e-4, pairs: 18, wins: 18 });
    expect(line('search-grid.txt', 'lr:')).toBe(
      `lr: 0.001: mean ${p.meanHigh.toFixed(3)}, 0.0001: mean ${p.meanLow.toFixed(3)}`,
    );
    const means = `$10^{-3}$ reaches ${p.meanHigh.toFixed(2)} nats per character and $10^{-4}$ ${p.meanLow.toFixed(2)}`;
    expect(mdx).toContain(means);
    expect(mdx).toContain(
      `it reaches a validation loss of ${p.meanHigh.toFixed(2)} nats per character, against ${p.meanLow.toFixed(2)} for $10^{-4}$`,
    );
    expect(result.summary).toContain('10⁻³ ended lower in 18 of the 18 pairs');
  });

  it('quotes the grid’s best trial, the cells’ pairs, and where the other trials end', () => {
    const best = trials.reduce((a, t) => (t.score < a.score ? t : a));
    expect(best.settings).toEqual({ hidden: 256, layers: 2, lr: 1e-3, cell: 'gru' });
    expect(best.score.toFixed(2)).toBe(QUOTED_BEST.grid.toFixed(2));
    expect(mdx).toContain(
      `The best trial is a GRU with two layers of 256 units at $10^{-3}$: ${best.score.toFixed(2)}`,
    );
    expect(mdx).toContain(`The grid's best trial reached ${best.score.toFixed(2)} nats per character`);
    const key = (t: Trial) => `${t.settings.hidden}/${t.settings.layers}/${t.settings.lr}`;
    const lstm = new Map(trials.filter((t) => t.settings.cell === 'lstm').map((t) => [key(t), t.score]));
    const gruWins = trials.filter((t) => t.settings.cell === 'gru' && t.score < lstm.get(key(t))!).length;
    expect(gruWins).toBe(17);
    expect(mdx).toContain('The GRU beats the LSTM in 17 of the 18 pairs');
    const others = trials.filter((t) => t.settings.lr === 1e-3 && t !== best).map((t) => t.score);
    // To the tenth the chapter writes (the lowest is 2.898).
    expect(Number(Math.min(...others).toFixed(1))).toBeGreaterThanOrEqual(2.9);
    expect(Number(Math.max(...others).toFixed(1))).toBeLessThanOrEqual(3.1);
    expect(mdx).toContain('Every other trial at $10^{-3}$ ends between 2.9 and 3.1');
    expect(trials.filter((t) => t.settings.lr === 1e-4 && t.score > 4)).toHaveLength(3);
    expect(mdx).toContain('leaves three small models above 4');
  });
});

describe('chapter 8 and the random search’s committed output', () => {
  const trials = trialsOf('search-random.txt');
  const gridBest = Math.min(...trialsOf('search-grid.txt').map((t) => t.score));

  it('answers the random-against-grid question as the chapter states, read by the lab from the trials', () => {
    expect(trials).toHaveLength(36);
    expect(tuningOutcome('random', trials)!.choice).toBe(question('random').answer);
    const best = trials.reduce((a, t) => (t.score < a.score ? t : a));
    expect(best.settings).toEqual({ hidden: 237, layers: 1, lr: 0.0086, cell: 'gru' });
    expect(best.score.toFixed(2)).toBe(QUOTED_BEST.random.toFixed(2));
    expect(mdx).toContain(`Better: the best random trial reaches ${best.score.toFixed(2)} nats per character`);
    expect(mdx).toContain(
      `its best trial, a GRU of one layer of 237 units with a learning rate of 0.0086, reaches ${best.score.toFixed(2)} nats per character`,
    );
  });

  it('quotes how many trials beat the grid, their learning rates, and the rates tried', () => {
    const beat = trials.filter((t) => t.score < gridBest);
    expect(beat).toHaveLength(4);
    expect(mdx).toContain("and three more trials beat the grid's best too. All four have learning rates above 0.002");
    expect(beat.every((t) => t.settings.lr > 0.002)).toBe(true);
    expect(trials.filter((t) => t.settings.lr > 1e-3)).toHaveLength(15);
    expect(mdx).toContain('15 of the 36 random trials drew a learning rate above $10^{-3}$');
    const distinct = new Set(trials.map((t) => t.settings.lr)).size;
    expect(line('search-random.txt', 'distinct learning rates tried:')).toContain(`tried: ${distinct};`);
    expect(distinct).toBe(35);
    expect(mdx).toContain('the 35 distinct rates they tried');
    expect(mdx).toContain('Random search tried 35 different learning rates');
  });
});

describe('chapter 8 and successive halving’s committed output', () => {
  const trials = trialsOf('search-halving.txt');
  const rung = (k: number) => trials.filter((t) => t.rung === k);
  const f3 = (x: number) => x.toFixed(3);

  it('answers the halving-against-random question as the chapter states, read by the lab from the last round', () => {
    expect(trials.map((t) => t.rung).filter((r) => r === 0)).toHaveLength(36);
    expect(tuningOutcome('halving', trials)!.choice).toBe(question('halving').answer);
    const last = rung(2).sort((a, b) => a.score - b.score);
    expect(last.map((t) => t.score.toFixed(2))).toEqual(['1.84', '2.05', '2.15', '2.16']);
    expect(last[0].settings).toEqual({ hidden: 237, layers: 1, lr: 0.0086, cell: 'gru' });
    expect(mdx).toContain('Lower: 1.84 nats per character');
    expect(mdx).toContain("successive halving's best trial ends at 1.84 nats per character");
    expect(mdx).toContain('The other three trials of the last round end at 2.05, 2.15 and 2.16');
    // The four of the last round are the four random trials that beat the grid's best.
    const gridBest = Math.min(...trialsOf('search-grid.txt').map((t) => t.score));
    const beat = trialsOf('search-random.txt').filter((t) => t.score < gridBest);
    const key = (t: Trial) => JSON.stringify(t.settings);
    expect(last.map(key).sort()).toEqual(beat.map(key).sort());
    const steps = (k: number) => rung(k).reduce((n, t) => n + t.budget, 0);
    expect([steps(0), steps(1), steps(2)]).toEqual([1188, 1188, 1188]);
    expect(mdx).toContain('1,188 of the 3,564 steps went to the four configurations');
  });

  it('quotes what the first round decided on: the scores around the cut, the learning rates, the layers', () => {
    const first = rung(0).sort((a, b) => a.score - b.score);
    expect(first.filter((t) => t.score < 3.04)).toHaveLength(3);
    expect([f3(first[3].score), f3(first[11].score), f3(first[12].score)]).toEqual(['3.059', '3.070', '3.072']);
    expect(mdx).toContain('the next nine lie between 3.059 and 3.070');
    expect(mdx).toContain('the last trial promoted scored 3.070, the first one dropped 3.072');
    const promoted = rung(1);
    expect(promoted).toHaveLength(12);
    expect(promoted.every((t) => t.settings.lr > 1e-3)).toBe(true);
    expect(first.filter((t) => t.settings.lr > 1e-3)).toHaveLength(15);
    expect(mdx).toContain('All 12 promoted trials are among the 15 that drew a learning rate above $10^{-3}$');
    const deep = promoted.filter((t) => t.settings.layers === 3);
    expect(deep).toHaveLength(5);
    const lstms = deep.filter((t) => t.settings.cell === 'lstm').map((t) => t.score);
    expect(lstms).toHaveLength(4);
    expect([f3(Math.min(...lstms)), f3(Math.max(...lstms))]).toEqual(['3.055', '3.060']);
    expect(mdx).toContain(
      'four of those five (the LSTMs) were still just above the unigram level after 99 steps (3.055 to 3.060)',
    );
  });
});
