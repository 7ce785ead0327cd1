// The sentiment classifier briefly trained on the course corpus, the real review sentences and a reader's CSV: the
// loss falls, the bag-of-words baselines match the corpus README, padding does not change a prediction, runs repeat,
// the split follows its own seed, "train on one, test on another" tests on the other file, and the report's model
// file loads back (as a starting point, or to evaluate) with identical predictions.
import { describe, expect, it } from 'vitest';
import { loadLabelledSentences, loadSentimentCorpus } from '../../../scripts/data/datasets';
import { parseSentimentCsv } from '../../data/csv';
import { splitExamples } from '../../data/labelledSentences';
import { createRun } from '../trainer';
import { runConfigFor } from './configs';
import { createSentimentTask, type SentimentTask } from './sentiment';
import { SENTIMENT_DEFAULTS, type SentimentConfig } from './sentimentConfig';

const corpus = loadSentimentCorpus();
const data = { kind: 'corpus', corpus } as const;
const labelled = { kind: 'labelled', sources: loadLabelledSentences() } as const;
const small: SentimentConfig = { ...SENTIMENT_DEFAULTS, embeddingDim: 16, hiddenSize: 32, epochs: 1 };
/** The same, step by step as every task (no epochs): 60 steps, evaluated every 30. */
const stepwise: SentimentConfig = {
  ...SENTIMENT_DEFAULTS,
  embeddingDim: 16,
  hiddenSize: 32,
  maxSteps: 60,
  evalEvery: 30,
};
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Trains a task through the trainer to the end of its schedule; returns the run. */
function trainToEnd(task: SentimentTask, config: SentimentConfig) {
  const run = createRun(task, runConfigFor(config, task));
  const losses: number[] = [];
  while (run.status === 'running') losses.push(run.step().loss);
  return { run, losses };
}

describe('sentiment task on the course corpus', () => {
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
    expect(task.schedule).toEqual({ maxSteps: 66, evalEvery: 66 });
  });

  it('learns: the training loss falls and validation accuracy rises above chance', () => {
    // Step by step: a small GRU at a high rate leaves the 0.69 plateau (guessing) after about 50 steps.
    const config: SentimentConfig = { ...stepwise, cell: 'gru', learningRate: 2e-2, maxSteps: 80, evalEvery: 80 };
    const task = createSentimentTask(config, data);
    const { run, losses } = trainToEnd(task, config);
    expect([run.status, run.stepsDone]).toEqual(['done', 80]);
    expect(mean(losses.slice(-10))).toBeLessThan(mean(losses.slice(0, 10)) - 0.1);
    const { metrics } = run.last!.eval!;
    expect(Object.keys(metrics).sort()).toEqual(['accuracy', 'contrastAccuracy', 'negationAccuracy']);
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

  it('takes chapter 7’s settings too: stacked layers with dropout and another optimizer', () => {
    const config: SentimentConfig = { ...stepwise, numLayers: 2, dropout: 0.2, optimizer: 'sgd', learningRate: 0.1 };
    const task = createSentimentTask(config, data);
    expect(task.schedule).toBeUndefined();
    expect([...task.namedParameters!().keys()]).toContain('rnn.weight_hh_l1');
    for (let s = 0; s < 3; s++) expect(Number.isFinite(task.step().loss)).toBe(true);
    expect(Number.isFinite(task.evaluate().valLoss)).toBe(true);
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

  it('uses a new learning rate from the next step: a rate of 1e-30 leaves the weights as they are', () => {
    const task = createSentimentTask(small, data);
    const run = createRun(task, runConfigFor(small, task));
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

describe('sentiment task on the real review sentences', () => {
  it('trains on one source 800/100/100 and can test on another source’s test split', () => {
    const imdb = createSentimentTask(small, labelled);
    expect(imdb.sizes).toEqual({ train: 800, validation: 100, test: 100 });
    const crossed = createSentimentTask({ ...small, testSource: 'yelp' }, labelled);
    expect(crossed.vocab.getItos()).toEqual(imdb.vocab.getItos());
    crossed.step();
    const report = crossed.report();
    expect(report.test.texts).toEqual(splitExamples(labelled.sources.yelp).test.map((e) => e.text));
    expect(report.finished).toBe(false);
  });

  it('reports the best epoch’s model, its test predictions and a file that loads back with the same predictions', () => {
    const config: SentimentConfig = { ...small, epochs: 2, learningRate: 5e-3 };
    const task = createSentimentTask(config, labelled);
    const { run } = trainToEnd(task, config);
    expect(run.status).toBe('done');
    const report = task.report();
    expect(report.finished).toBe(true);
    expect(report.epochsDone).toBe(2);
    expect([1, 2]).toContain(report.bestEpoch);
    expect(report.tensors.map((t) => t.name)).toEqual([...task.namedParameters!().keys()]);
    expect(report.test.rnn).toEqual(task.predict(report.test.texts));
    expect(report.test.bow.length).toBe(100);
    expect(report.vocab).toEqual(task.vocab.getItos());

    // Loaded to be evaluated: no steps, the same predictions; loaded to train further: a fresh optimizer from them.
    const file = JSON.parse(report.file) as unknown;
    const loaded = createSentimentTask({ ...config, epochs: 0 }, labelled, file);
    expect(loaded.schedule?.maxSteps).toBe(0);
    const again = loaded.report();
    expect(again.finished).toBe(true);
    expect(again.test.rnn).toEqual(report.test.rnn);
    expect(again.tensors.map((t) => t.data)).toEqual(report.tensors.map((t) => t.data));
    // The file's LSTM(32) replaces the config's GRU(7).
    const further = createSentimentTask({ ...config, epochs: 1, cell: 'gru', hiddenSize: 7 }, labelled, file);
    expect(further.namedParameters!().get('rnn.weight_hh_l0')!.shape).toEqual([4 * 32, 32]);
    expect(Number.isFinite(further.step().loss)).toBe(true);
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

  it('splits it 80/10/10 by the split seed, not the model seed, and trains on it', () => {
    const task = createSentimentTask(small, { kind: 'examples', examples });
    expect(task.sizes).toEqual({ train: 320, validation: 40, test: 40 });
    const { run, losses } = trainToEnd(task, small);
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(run.last!.eval!.metrics.accuracy).toBeGreaterThanOrEqual(0);
    const vocabOf = (over: Partial<SentimentConfig>) =>
      createSentimentTask({ ...small, ...over }, { kind: 'examples', examples }).vocab.getItos();
    expect(vocabOf({ seed: 2 })).toEqual(task.vocab.getItos());
    expect(vocabOf({ splitSeed: 2 })).not.toEqual(task.vocab.getItos());
  });

  it('refuses a set too small to split, saying how many it needs', () => {
    expect(() => createSentimentTask(small, { kind: 'examples', examples: examples.slice(0, 5) })).toThrow(
      /5 reviews are too few .* use at least 10/,
    );
  });
});
