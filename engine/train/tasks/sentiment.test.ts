// The sentiment classifier on the course corpus and on a reader's CSV, briefly trained: the loss falls,
// the bag-of-words baselines match the corpus README, padding does not change a prediction, runs repeat,
// early stopping and learning-rate changes act on a real run.
import { describe, expect, it } from 'vitest';
import { loadSentimentCorpus } from '../../../scripts/data/datasets';
import { parseSentimentCsv } from '../../data/csv';
import { createRun } from '../trainer';
import { createSentimentTask } from './sentiment';
import { SENTIMENT_DEFAULTS, type SentimentConfig } from './sentimentConfig';

const corpus = loadSentimentCorpus();
const data = { kind: 'corpus', corpus } as const;
const small: SentimentConfig = { ...SENTIMENT_DEFAULTS, embeddingDim: 16, hiddenSize: 32, maxSteps: 60, evalEvery: 30 };
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('sentiment task on the corpus', () => {
  it('measures against the better bag-of-words baseline, as in the corpus README', () => {
    const task = createSentimentTask(small, data);
    expect(task.sizes).toEqual({ train: 2096, validation: 452, test: 452 });
    // README: naive Bayes 66.2% overall, logistic regression 46.7% on negation and 56.6% on contrast (validation).
    expect(task.baselines.accuracy).toBeCloseTo(0.662, 3);
    expect(task.baselines.negationAccuracy).toBeCloseTo(0.467, 3);
    expect(task.baselines.contrastAccuracy).toBeCloseTo(0.566, 3);
    expect(task.baselines.testNegationAccuracy).toBeCloseTo(0.48, 3);
    // Their better cross-entropy on validation, the loss chart's baseline: below guessing's ln 2 ≈ 0.693.
    expect(task.baselines.valLoss).toBeCloseTo(0.6445, 4);
    expect(task.vocab.lookupToken(0)).toBe('<unk>');
    expect(task.vocab.lookupToken(1)).toBe('<pad>');
  });

  it('learns: the training loss falls and validation accuracy rises above chance', () => {
    // A small model at a high rate leaves the 0.69 plateau (guessing) after about 50 steps.
    const config: SentimentConfig = { ...small, learningRate: 2e-2, maxSteps: 80, evalEvery: 80 };
    const task = createSentimentTask(config, data);
    const run = createRun(task, config);
    const losses = [];
    while (run.status === 'running') losses.push(run.step().loss);
    expect(mean(losses.slice(-10))).toBeLessThan(mean(losses.slice(0, 10)) - 0.1);
    const { metrics } = run.last!.eval!;
    expect(Object.keys(metrics).sort()).toEqual([
      'accuracy',
      'contrastAccuracy',
      'negationAccuracy',
      'testAccuracy',
      'testContrastAccuracy',
      'testNegationAccuracy',
    ]);
    expect(metrics.accuracy).toBeGreaterThan(0.6);
    const shown = task.showcase();
    expect(shown.length).toBe(8);
    for (const p of shown) {
      expect(p.positive).toBeGreaterThanOrEqual(0);
      expect(p.positive).toBeLessThanOrEqual(1);
    }
  });

  it('predicts a review the same alone or padded beside a longer one (packed semantics)', () => {
    const task = createSentimentTask(small, data);
    for (let s = 0; s < 10; s++) task.step();
    const short = 'Not a bad film at all.';
    const long =
      'The plot is thin and the pacing is slow, but the acting is powerful and the score is haunting throughout.';
    const [alone] = task.predict([short]);
    const [padded] = task.predict([short, long]);
    expect(padded).toBeCloseTo(alone, 6);
    // An empty text reads as one <unk>, as the outline's `or [vocab.unk_index]`.
    expect(task.predict(['']).length).toBe(1);
    expect(task.predict([])).toEqual([]);
  });

  it('gives a bit-identical loss curve for the same seed', () => {
    const curve = (config: SentimentConfig) => {
      const task = createSentimentTask(config, data);
      return Array.from({ length: 8 }, () => task.step().loss);
    };
    const a = curve(small);
    expect(curve(small)).toEqual(a);
    expect(curve({ ...small, seed: 9 })).not.toEqual(a);
    expect(curve({ ...small, cell: 'gru' })).not.toEqual(a);
  });

  it('stops early on a real run when the validation loss stops improving', () => {
    // A high rate and an evaluation after every step: the first evaluation that is worse than the best ends it.
    const config: SentimentConfig = { ...small, learningRate: 0.05, maxSteps: 100, evalEvery: 1, patience: 1 };
    const run = createRun(createSentimentTask(config, data), config);
    while (run.status === 'running') run.step();
    expect(run.status).toBe('early-stopped');
    expect(run.stepsDone).toBeLessThan(100);
    expect(run.best!.step).toBe(run.stepsDone - 1);
    expect(run.message).toMatch(
      /^Stopped early at step \d+: the validation loss has not improved for 1 evaluation \(best/,
    );
  });

  it('uses a new learning rate from the next step: a rate of 1e-30 leaves the weights as they are', () => {
    const task = createSentimentTask(small, data);
    const run = createRun(task, small);
    run.step();
    const snapshot = () => [...task.namedParameters!().values()].map((p) => Float32Array.from(p.data));
    run.setLearningRate(1e-30);
    const before = snapshot();
    expect(run.step().learningRate).toBe(1e-30);
    expect(snapshot()).toEqual(before);
    run.setLearningRate(5e-3);
    run.step();
    expect(snapshot()).not.toEqual(before);
    expect([...task.namedParameters!().keys()]).toEqual([
      'embedding.weight',
      'rnn.weight_ih_l0',
      'rnn.weight_hh_l0',
      'rnn.bias_ih_l0',
      'rnn.bias_hh_l0',
      'fc.weight',
      'fc.bias',
    ]);
  });
});

describe("sentiment task on the reader's data", () => {
  // A reader's CSV: 400 corpus sentences written out and parsed back by the CSV reader.
  const rows = corpus.train.slice(0, 400);
  const csv = [
    'text,label',
    ...rows.map((e) => `"${e.text.replace(/"/g, '""')}",${e.label === 1 ? 'pos' : 'neg'}`),
  ].join('\n');
  const examples = parseSentimentCsv(csv, { file: 'mine.csv' });

  it('splits it by seed into 70/15/15 and trains on it', () => {
    const config: SentimentConfig = { ...small, maxSteps: 20, evalEvery: 20 };
    const task = createSentimentTask(config, { kind: 'examples', examples });
    expect(task.sizes).toEqual({ train: 280, validation: 60, test: 60 });
    const run = createRun(task, config);
    const losses = [];
    while (run.status === 'running') losses.push(run.step().loss);
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(run.last!.eval!.metrics.accuracy).toBeGreaterThanOrEqual(0);
    // The split follows the seed.
    const other = createSentimentTask({ ...config, seed: 2 }, { kind: 'examples', examples });
    expect(other.vocab.getItos()).not.toEqual(task.vocab.getItos());
  });

  it('refuses a set too small to split, saying how many it needs', () => {
    expect(() => createSentimentTask(small, { kind: 'examples', examples: examples.slice(0, 5) })).toThrow(
      /5 reviews are too few .* use at least 10/,
    );
  });
});
