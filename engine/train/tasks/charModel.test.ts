// The char model on the real book, at toy sizes: the loss falls below the unigram baseline, runs are
// bit-identical for a seed, sampling is seeded and leaves training alone, and a wild learning rate diverges.
import { describe, expect, it } from 'vitest';
import { loadMobyDick } from '../../../scripts/data/datasets';
import { createRun } from '../trainer';
import { createCharModelTask } from './charModel';
import { CHAR_MODEL_DEFAULTS, type CharModelConfig } from './charModelConfig';

// The first chapters only, so a task builds in milliseconds; the validation part is their last tenth.
const text = loadMobyDick().slice(0, 60_000);
const small: CharModelConfig = {
  ...CHAR_MODEL_DEFAULTS,
  cell: 'lstm',
  hiddenSize: 32,
  seqLen: 16,
  batchSize: 8,
  learningRate: 1e-2,
  maxSteps: 80,
  evalEvery: 40,
  evalChars: 2_000,
};

function losses(
  config: CharModelConfig,
  steps: number,
  between?: (task: ReturnType<typeof createCharModelTask>) => void,
): number[] {
  const task = createCharModelTask(config, { text });
  const out = [];
  for (let s = 0; s < steps; s++) {
    out.push(task.step().loss);
    between?.(task);
  }
  return out;
}

describe('char-model task', () => {
  it('learns: the validation loss falls from uniform guessing to below the unigram model', () => {
    const task = createCharModelTask(small, { text });
    const V = task.vocab.length;
    const before = task.evaluate();
    // Small random weights give nearly uniform predictions: ln V nats per character.
    expect(before.valLoss).toBeCloseTo(Math.log(V), 1);
    const run = createRun(task, small);
    const train = [];
    while (run.status === 'running') train.push(run.step().loss);
    const after = run.last!.eval!;
    const unigram = task.baselines.valLoss;
    expect(unigram).toBeLessThan(Math.log(V));
    expect(after.valLoss).toBeLessThan(unigram);
    expect(after.metrics.perplexity).toBeCloseTo(Math.exp(after.valLoss), 6);
    expect(after.metrics.bitsPerChar).toBeCloseTo(after.valLoss / Math.LN2, 6);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(train.slice(-10))).toBeLessThan(mean(train.slice(0, 10)) - 0.5);
  });

  it('gives a bit-identical loss curve for the same config and seed, and a different one for another seed', () => {
    const a = losses(small, 12);
    expect(losses(small, 12)).toEqual(a);
    expect(losses({ ...small, seed: 2 }, 12)).not.toEqual(a);
  });

  it('samples text of the asked length over its vocabulary, the same for the same seed, without touching training', () => {
    const task = createCharModelTask(small, { text });
    for (let s = 0; s < 5; s++) task.step();
    const one = task.sample({ prime: 'Call me', length: 50, temperature: 0.8, seed: 3 });
    expect(one).toHaveLength(50);
    for (const ch of one) expect(task.vocab.has(ch)).toBe(true);
    expect(task.sample({ prime: 'Call me', length: 50, temperature: 0.8, seed: 3 })).toBe(one);
    expect(task.sample({ prime: 'Call me', length: 50, temperature: 0.8, seed: 4 })).not.toBe(one);
    // Temperature 0 is the arg max: the seed no longer matters.
    expect(task.sample({ prime: 'Call', length: 20, temperature: 0, seed: 1 })).toBe(
      task.sample({ prime: 'Call', length: 20, temperature: 0, seed: 2 }),
    );
    // Characters outside the vocabulary are skipped; an empty prime starts from a newline.
    expect(task.sample({ prime: '\u00a7\u00a7', length: 5, seed: 1 })).toBe(
      task.sample({ prime: '', length: 5, seed: 1 }),
    );
    expect(task.showcase()).toMatchObject({ prime: 'The whale', temperature: 0.7 });

    // Sampling and evaluating between steps leave the loss curve exactly as it was.
    const plain = losses(small, 8);
    const interleaved = losses(small, 8, (t) => {
      t.sample({ length: 10, seed: 9 });
      t.evaluate();
    });
    expect(interleaved).toEqual(plain);
  });

  it('stops as diverged, with a sentence, when a wild learning rate blows the loss up', () => {
    // With Adam every update is bounded by the rate, so the loss does not reach NaN: it jumps to hundreds and stays.
    const config: CharModelConfig = { ...small, learningRate: 10, clip: 0, maxSteps: 50 };
    const run = createRun(createCharModelTask(config, { text }), config);
    while (run.status === 'running') run.step();
    expect(run.status).toBe('diverged');
    expect(run.divergence?.what).toBe('exploded');
    expect(run.stepsDone).toBeLessThan(10);
    expect(run.message).toMatch(
      /^The loss blew up at step \d: .* The learning rate 10 is probably too high for this model — try 1, or turn gradient clipping on\.$/,
    );
  });

  it('names a bad setting', () => {
    expect(() => createCharModelTask({ ...small, seqLen: 0 }, { text })).toThrow(
      'char-model: seqLen must be a whole number from 1 to 1000, got 0',
    );
    expect(() => createCharModelTask({ ...small, validationFraction: 1 }, { text })).toThrow(
      'char-model: validationFraction must be a number above 0 and below 1, got 1',
    );
    expect(() => createCharModelTask({ ...small, batchSize: 200 }, { text: text.slice(0, 3000) })).toThrow(
      /too short for 200 streams/,
    );
  });
});
