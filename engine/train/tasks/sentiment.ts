// Sentiment classification, chapter 9's practical example, as a task the worker and the bench drive one step at a
// time: the model and its training loop are sentimentRnn.ts (the listing the lab shows), run on the real review
// sentences, the course's controlled corpus or the reader's own, beside a bag-of-words logistic regression.
import {
  accuracyBySubset,
  trainLogisticRegression,
  trainNaiveBayes,
  type BagOfWordsModel,
  type TokenizedExample,
} from '../../data/bagOfWords';
import { splitExamples, type LabelledSource, type Splits } from '../../data/labelledSentences';
import { tagSentence, type SentimentCorpus } from '../../data/sentiment';
import type { SentimentExample } from '../../data/sentimentLabels';
import { basicEnglish } from '../../data/tokenize';
import { buildWordVocab, type Vocab } from '../../data/vocab';
import { checkedConfig } from '../config';
import type { EvalReport, StepReport, Task } from '../task';
import { allFinite, makeOptimizer } from '../common';
import { Rng } from '../../random';
import { readSentimentFile, writeSentimentFile } from './sentimentFile';
import {
  encode,
  evaluate,
  prepare,
  RNNModel,
  shuffledBatches,
  train,
  trainOneEpoch,
  type Settings,
} from './sentimentRnn';
import { parseSentimentConfig, SENTIMENT_DEFAULTS, type SentimentConfig } from './sentimentConfig';

/**
 * What the classifier trains on: the course corpus with its fixed splits, the labelled-sentences files (split per
 * file by `splitExamples`), or the reader's own reviews (split the same way).
 */
export type SentimentData =
  | { kind: 'corpus'; corpus: SentimentCorpus }
  | { kind: 'labelled'; sources: Readonly<Record<LabelledSource, readonly SentimentExample[]>> }
  | { kind: 'examples'; examples: readonly SentimentExample[] };

/** A prediction shown to the reader. */
export interface SentimentPrediction {
  text: string;
  /** The true label, when known (0 negative, 1 positive). */
  label?: number;
  /** P(positive) under the model. */
  positive: number;
}

/** A tensor of the model, by its PyTorch name. */
export interface NamedTensor {
  name: string;
  shape: number[];
  data: Float32Array;
}

/** What the lab shows once a run is over (or paused): the model, its test predictions and the baseline's. */
export interface SentimentReport {
  /** True when every epoch ran: the weights are then the best epoch's; otherwise they are the model as it stopped. */
  finished: boolean;
  /** Epochs completed, and the one whose weights these are (0 when not finished or not trained). */
  epochsDone: number;
  bestEpoch: number;
  /** Validation accuracy of the best epoch (NaN when not finished or not trained). */
  bestValidAccuracy: number;
  settings: Settings;
  /** The vocabulary in index order (<unk> 0, <pad> 1) and the weights, state_dict order. */
  vocab: string[];
  tensors: NamedTensor[];
  /** The test split: each sentence, its label, P(positive) from the RNN and from the bag-of-words model, and its tags. */
  test: {
    texts: string[];
    labels: number[];
    rnn: number[];
    bow: number[];
    negation: boolean[];
    contrast: boolean[];
  };
  /** The model as the file "Download for PyTorch" saves (format: sentimentFile.ts). */
  file: string;
  /** For a model loaded from a file: who trained it, as the file says (e.g. "PyTorch 2.3.0"); null when trained here. */
  loadedFrom: string | null;
}

/** The sentiment task, with predictions and the lab's report on top of the Task contract. */
export interface SentimentTask extends Task {
  readonly name: 'sentiment';
  readonly baselines: Readonly<Record<string, number>>;
  readonly vocab: Vocab;
  /** Example counts of the three splits. */
  readonly sizes: { train: number; validation: number; test: number };
  /** With `epochs`: every epoch's steps, an evaluation at the end of each (0 steps for a loaded model to evaluate). */
  readonly schedule?: { maxSteps: number; evalEvery: number };
  /** P(positive) for each text (e.g. a sentence the reader typed), with gradients off. */
  predict(texts: readonly string[]): number[];
  /** Predictions on sentences with negation and contrast from the validation split. */
  showcase(): SentimentPrediction[];
  report(): SentimentReport;
}

/** A sentence with the tags of the subsets measured apart. */
interface Tagged extends SentimentExample {
  negation: boolean;
  contrast: boolean;
}

/** The fewest reviews of the reader's own that the task accepts. */
const MIN_EXAMPLES = 10;

const tagged = (e: SentimentExample): Tagged => ({ ...e, ...tagSentence(e.text) });

/** The three splits of whatever data the task was given, as `config` selects and cuts them. */
function splitsOf(data: SentimentData, config: SentimentConfig): Splits<Tagged> {
  const D = SENTIMENT_DEFAULTS;
  const seed = config.splitSeed ?? D.splitSeed;
  const fractions = {
    validation: config.validationFraction ?? D.validationFraction,
    test: config.testFraction ?? D.testFraction,
  };
  if (data.kind === 'corpus') {
    const { train, validation, test } = data.corpus;
    return { train, validation, test };
  }
  if (data.kind === 'labelled') {
    const source = config.source ?? D.source;
    const testSource = config.testSource ?? source;
    const own = splitExamples(data.sources[source].map(tagged), seed, fractions);
    return testSource === source
      ? own
      : { ...own, test: splitExamples(data.sources[testSource].map(tagged), seed, fractions).test };
  }
  const split = splitExamples(data.examples.map(tagged), seed, fractions);
  if (
    data.examples.length < MIN_EXAMPLES ||
    split.train.length < 2 ||
    split.validation.length < 1 ||
    split.test.length < 1
  ) {
    throw new RangeError(
      `sentiment: ${data.examples.length} reviews are too few to split into training, validation and test sets; use at least ${MIN_EXAMPLES}`,
    );
  }
  return split;
}

/**
 * A fixed share of the training examples, the same for every seed (a shuffle with its own generator), with both
 * labels in it: at least 2 examples.
 */
function sliceOf<E extends SentimentExample>(examples: readonly E[], fraction: number): E[] {
  const order = new Rng(0x511ce).shuffle(Array.from({ length: examples.length }, (_, i) => i));
  const n = Math.min(examples.length, Math.max(2, Math.round(examples.length * fraction)));
  const picked = order.slice(0, n).map((i) => examples[i]);
  // Naive Bayes needs both classes. At most one can be missing; then every pick has the other label, so the last
  // pick gives way to the first unpicked example of the missing one.
  for (const label of [0, 1]) {
    if (picked.some((e) => e.label === label)) continue;
    const other = order.slice(n).find((i) => examples[i].label === label);
    if (other !== undefined) picked[picked.length - 1] = examples[other];
  }
  return picked;
}

/** `accuracy`, `negationAccuracy`, `contrastAccuracy` of P(positive) against the labels, NaN for an empty subset. */
function subsetAccuracies(
  examples: readonly Tagged[],
  positive: ArrayLike<number>,
  prefix = '',
): Record<string, number> {
  const name = (base: string) => (prefix === '' ? base : prefix + base[0].toUpperCase() + base.slice(1));
  const out: Record<string, number> = {};
  for (const [metric, keep] of [
    ['accuracy', () => true],
    ['negationAccuracy', (e: Tagged) => e.negation],
    ['contrastAccuracy', (e: Tagged) => e.contrast],
  ] as const) {
    let n = 0;
    let right = 0;
    examples.forEach((e, i) => {
      if (!keep(e)) return;
      n++;
      if ((positive[i] > 0.5 ? 1 : 0) === e.label) right++;
    });
    out[name(metric)] = n > 0 ? right / n : NaN;
  }
  return out;
}

/**
 * Builds the classifier over its data with chapter 9's code (sentimentRnn.ts): `prepare` makes the vocabulary from
 * the training split only (<unk> = 0, also for unseen words, <pad> = 1, the Embedding's padding_idx; `minFreq`,
 * `maxVocab`), the model and Adam; settings beyond chapter 9's (stacked layers, a ReLU RNN, another optimizer or
 * momentum) rebuild the model or the optimizer after it. With `trainFraction` below 1 it trains on that share of the
 * training split (a fixed random pick with both labels; the vocabulary and the bag-of-words baselines come from it).
 * `init`, a model file (sentimentFile.ts), brings its own sizes, vocabulary and weights instead. With `epochs`,
 * `step` takes the next step of the listing's `train` loop and `evaluate` (called by the trainer at each epoch's end,
 * `schedule`) returns that epoch's evaluation; without, steps go epoch after epoch through `trainOneEpoch` and
 * `evaluate` measures whenever the trainer asks. Metrics on the validation split:
 * `accuracy`, `negationAccuracy`, `contrastAccuracy`. Baselines (validation, and test with a `test` prefix): the
 * better of naive Bayes and logistic regression on unigram counts, per metric, and as `valLoss` the lower of their
 * cross-entropies on the validation split (probabilities kept within 10⁻¹² of 0 and 1); the report's baseline is the
 * logistic regression.
 * @throws RangeError naming the setting when the config is outside SENTIMENT_BOUNDS or the reader's reviews are too
 *   few; FieldError naming the field of a malformed model file
 */
export function createSentimentTask(settings: SentimentConfig, data: SentimentData, init?: unknown): SentimentTask {
  const name = 'sentiment';
  const config = checkedConfig(name, parseSentimentConfig(settings));
  const D = SENTIMENT_DEFAULTS;
  const trainFraction = config.trainFraction ?? D.trainFraction;
  const whole = splitsOf(data, config);
  const split = trainFraction < 1 ? { ...whole, train: sliceOf(whole.train, trainFraction) } : whole;
  const loaded = init === undefined ? null : readSentimentFile(init);
  const epochs = config.epochs ?? null;
  const lab: Settings = {
    cell: loaded?.cell ?? config.cell,
    embedDim: loaded?.embedDim ?? config.embeddingDim,
    hiddenDim: loaded?.hiddenDim ?? config.hiddenSize,
    epochs: epochs ?? 0,
    lr: config.learningRate,
    batchSize: config.batchSize,
    seed: config.seed,
    maxLen: loaded?.maxLen ?? config.maxLen ?? D.maxLen,
  };
  const vocabulary =
    loaded?.vocab ??
    buildWordVocab(
      split.train.map((e) => basicEnglish(e.text)),
      { minFreq: config.minFreq ?? D.minFreq, maxSize: config.maxVocab ?? D.maxVocab },
    );
  const run = prepare(split, lab, vocabulary);
  const layers = {
    numLayers: config.numLayers ?? D.numLayers,
    dropout: config.dropout ?? D.dropout,
    nonlinearity: config.nonlinearity ?? D.nonlinearity,
  };
  const optimizerName = config.optimizer ?? D.optimizer;
  const momentum = config.momentum ?? D.momentum;
  // Dropout acts between stacked layers only (PyTorch's dropout=), so with one layer the listing's model stands.
  const stacked = layers.numLayers > 1 || layers.nonlinearity !== 'tanh';
  if (stacked) {
    if (loaded)
      throw new RangeError(
        'sentiment: a loaded model has one tanh layer; leave numLayers at 1, dropout at 0 and nonlinearity at tanh',
      );
    run.model = new RNNModel(
      vocabulary.length,
      lab.embedDim,
      lab.hiddenDim,
      2,
      run.padIndex,
      lab.cell,
      run.rng,
      layers,
    );
  }
  if (stacked || optimizerName !== 'adam' || momentum !== 0)
    run.optimizer = makeOptimizer(optimizerName, run.model.parameters(), lab.lr, momentum);
  if (loaded) run.model.parameters().forEach((p, i) => p.data.set(loaded.model.parameters()[i].data));
  const { model, vocab, padIndex, data: encoded } = run;
  const params = model.parameters();
  const stepsPerEpoch = Math.ceil(split.train.length / Math.min(lab.batchSize, split.train.length));
  const maxNorm = (config.clip ?? 0) > 0 ? (config.clip as number) : Infinity;

  let stepsDone = 0;
  let epochsDone = 0;
  let finished: { bestEpoch: number; bestValidAccuracy: number } | null = null;
  // With `epochs`: the listing's whole loop. Without: one epoch's generator after another.
  const training = epochs === null ? null : train(run, lab);
  let epochSteps: ReturnType<typeof trainOneEpoch> | null = null;
  /** An epoch's evaluation that arrived before the trainer asked for it. */
  let pendingEpoch: { epoch: number; valid: ReturnType<typeof evaluate> } | null = null;

  /** The next event of the loop; a finished loop leaves the best epoch's weights in the model. */
  const advance = () => {
    const next = (training as ReturnType<typeof train>).next();
    if (next.done) {
      finished = { bestEpoch: next.value.bestEpoch, bestValidAccuracy: next.value.bestValidAccuracy };
      return null;
    }
    return next.value;
  };

  const step = (): StepReport => {
    stepsDone++;
    if (training === null) {
      for (;;) {
        epochSteps ??= trainOneEpoch(
          model,
          shuffledBatches(encoded.train, lab.batchSize, padIndex, run.rng),
          run.optimizer,
          maxNorm,
        );
        const next = epochSteps.next();
        if (!next.done) return next.value;
        epochSteps = null;
        epochsDone++;
      }
    }
    for (;;) {
      const event = advance();
      if (event === null) throw new Error('sentiment: every epoch has been trained');
      if ('loss' in event) return { loss: event.loss, gradNorm: event.gradNorm };
      pendingEpoch = event;
    }
  };

  const evaluateNow = (): EvalReport => {
    if (training === null) {
      const valid = evaluate(model, encoded.valid, padIndex);
      model.train();
      return { valLoss: valid.loss, metrics: subsetAccuracies(split.validation, valid.positive) };
    }
    let event = pendingEpoch;
    pendingEpoch = null;
    if (event === null) {
      const next = advance();
      if (next === null || 'loss' in next)
        throw new Error('sentiment: an evaluation comes only at the end of an epoch');
      event = next;
    }
    epochsDone = event.epoch;
    // After the last epoch, let the loop finish: it puts the best epoch's weights back.
    if (event.epoch === lab.epochs) advance();
    return { valLoss: event.valid.loss, metrics: subsetAccuracies(split.validation, event.valid.positive) };
  };

  const bowOf = (xs: readonly SentimentExample[]): TokenizedExample[] =>
    xs.map((x) => ({ tokens: basicEnglish(x.text), label: x.label }));
  let bow: { logistic: BagOfWordsModel; bayes: BagOfWordsModel } | undefined;
  const baselineModels = () => {
    bow ??= { logistic: trainLogisticRegression(bowOf(split.train)), bayes: trainNaiveBayes(bowOf(split.train)) };
    return bow;
  };
  let baselines: Record<string, number> | undefined;
  const computeBaselines = (): Record<string, number> => {
    const out: Record<string, number> = {};
    // valLoss: the lower cross-entropy of the two on the validation split, so the loss chart has a baseline too.
    for (const m of Object.values(baselineModels())) {
      let total = 0;
      for (const e of split.validation) {
        const p = Math.min(1 - 1e-12, Math.max(1e-12, m.probability(basicEnglish(e.text))));
        total -= Math.log(e.label === 1 ? p : 1 - p);
      }
      const loss = total / split.validation.length;
      if (!(out.valLoss <= loss)) out.valLoss = loss;
    }
    for (const m of Object.values(baselineModels())) {
      for (const [prefix, xs] of [
        ['', split.validation],
        ['test', split.test],
      ] as const) {
        const acc = accuracyBySubset(m, bowOf(xs), {
          negation: (i) => xs[i].negation,
          contrast: (i) => xs[i].contrast,
        });
        const name = (base: string) => (prefix === '' ? base : prefix + base[0].toUpperCase() + base.slice(1));
        for (const [key, metric] of [
          ['all', 'accuracy'],
          ['negation', 'negationAccuracy'],
          ['contrast', 'contrastAccuracy'],
        ] as const) {
          const a = acc[key].accuracy;
          if (!(out[name(metric)] >= a)) out[name(metric)] = a;
        }
      }
    }
    return out;
  };

  const predict = (texts: readonly string[]): number[] => {
    if (texts.length === 0) return [];
    const examples = texts.map((text) => ({ ids: encode(vocab, text, lab.maxLen), label: 0 }));
    const { positive } = evaluate(model, examples, padIndex);
    model.train();
    return Array.from(positive);
  };

  const showcase = (): SentimentPrediction[] => {
    const picked = [
      ...split.validation.filter((e) => e.negation && !e.contrast).slice(0, 4),
      ...split.validation.filter((e) => e.contrast).slice(0, 4),
    ];
    const p = predict(picked.map((e) => e.text));
    return picked.map((e, i) => ({ text: e.text, label: e.label, positive: p[i] }));
  };

  const report = (): SentimentReport => {
    // A run that took every step stops before its loop's end; finish it (evaluation only, no training).
    if (training !== null && finished === null && stepsDone === lab.epochs * stepsPerEpoch) while (advance() !== null);
    const done = finished;
    const test = split.test;
    const rnn = evaluate(model, encoded.test, padIndex).positive;
    model.train();
    const { logistic } = baselineModels();
    const trainedBy = loaded ? { ...loaded.trained, loaded: true } : {};
    return {
      finished: done !== null,
      epochsDone,
      bestEpoch: done?.bestEpoch ?? 0,
      bestValidAccuracy: done && done.bestEpoch > 0 ? done.bestValidAccuracy : NaN,
      settings: lab,
      vocab: vocab.getItos(),
      loadedFrom: loaded ? (typeof loaded.trained.by === 'string' ? loaded.trained.by : 'an unnamed trainer') : null,
      tensors: [...model.namedParameters()].map(([n, t]) => ({
        name: n,
        shape: [...t.shape],
        data: Float32Array.from(t.data),
      })),
      test: {
        texts: test.map((e) => e.text),
        labels: test.map((e) => e.label),
        rnn: Array.from(rnn),
        bow: test.map((e) => logistic.probability(basicEnglish(e.text))),
        negation: test.map((e) => e.negation),
        contrast: test.map((e) => e.contrast),
      },
      file: writeSentimentFile(model, vocab, {
        cell: lab.cell,
        maxLen: lab.maxLen,
        trained: {
          ...trainedBy,
          by: loaded ? (loaded.trained.by ?? 'a file') : "Unrolled's sentiment lab",
          data: data.kind === 'labelled' ? (config.source ?? SENTIMENT_DEFAULTS.source) : data.kind,
          test_data:
            data.kind === 'labelled' ? (config.testSource ?? config.source ?? SENTIMENT_DEFAULTS.source) : data.kind,
          split_seed: config.splitSeed ?? SENTIMENT_DEFAULTS.splitSeed,
          seed: lab.seed,
          epochs: lab.epochs,
          lr: lab.lr,
          batch_size: lab.batchSize,
          best_epoch: done?.bestEpoch ?? 0,
        },
      }),
    };
  };

  return {
    name,
    vocab,
    sizes: { train: split.train.length, validation: split.validation.length, test: split.test.length },
    stepsPerEpoch,
    ...(epochs === null ? {} : { schedule: { maxSteps: epochs * stepsPerEpoch, evalEvery: stepsPerEpoch } }),
    get baselines() {
      baselines ??= computeBaselines();
      return baselines;
    },
    step,
    evaluate: evaluateNow,
    predict,
    showcase,
    report,
    setLearningRate(lr: number): void {
      run.optimizer.lr = lr;
    },
    parametersFinite: () => allFinite(params),
    namedParameters: () => model.namedParameters(),
  };
}
