// Sentiment classification, the outline's practical example: basic_english tokens → vocabulary with <unk> and
// <pad> → padded batches with lengths → Embedding(padding_idx) → RNN/LSTM/GRU (packed semantics) → Linear →
// cross-entropy; measured overall and on the sentences with negation or contrast, against bag-of-words baselines.
import { noGrad } from '../../autodiff/gradMode';
import {
  accuracyBySubset,
  trainLogisticRegression,
  trainNaiveBayes,
  type BagOfWordsModel,
  type TokenizedExample,
} from '../../data/bagOfWords';
import { batchIndices, collateBatch, type LabelledSequence } from '../../data/batching';
import { tagSentence, type CorpusExample, type SentimentCorpus } from '../../data/sentiment';
import type { SentimentExample } from '../../data/sentimentLabels';
import { basicEnglish } from '../../data/tokenize';
import { buildWordVocab, PAD, type Vocab } from '../../data/vocab';
import { crossEntropy } from '../../losses';
import { Rng } from '../../random';
import { allFinite, makeOptimizer, optimizeStep } from '../common';
import { checkedConfig } from '../config';
import { RecurrentNet } from '../model';
import type { EvalReport, StepReport, Task } from '../task';
import { parseSentimentConfig, SENTIMENT_DEFAULTS, type SentimentConfig } from './sentimentConfig';

/**
 * What the classifier trains on: the course corpus with its fixed splits, or the reader's own
 * reviews (`parseSentimentCsv`, `parseImdbFiles`), split here by a seeded shuffle.
 */
export type SentimentData =
  { kind: 'corpus'; corpus: SentimentCorpus } | { kind: 'examples'; examples: readonly SentimentExample[] };

/** A prediction shown to the reader. */
export interface SentimentPrediction {
  text: string;
  /** The true label, when known (0 negative, 1 positive). */
  label?: number;
  /** P(positive) under the model. */
  positive: number;
}

/** The sentiment task, with predictions on top of the Task contract. */
export interface SentimentTask extends Task {
  readonly name: 'sentiment';
  readonly baselines: Readonly<Record<string, number>>;
  readonly vocab: Vocab;
  /** Example counts of the three splits. */
  readonly sizes: { train: number; validation: number; test: number };
  /** P(positive) for each text (e.g. a sentence the reader typed), with gradients off. */
  predict(texts: readonly string[]): number[];
  /** Predictions on sentences with negation and contrast from the validation split. */
  showcase(): SentimentPrediction[];
}

/** A tokenized, encoded example with its subset tags. */
interface Encoded extends LabelledSequence {
  text: string;
  tokens: string[];
  negation: boolean;
  contrast: boolean;
}

/** The subsets every split is measured on, as metric-name prefixes. */
const SUBSETS = {
  '': () => true,
  negation: (e: Encoded) => e.negation,
  contrast: (e: Encoded) => e.contrast,
} as const;

/** `accuracy`, `negationAccuracy`, `contrastAccuracy`, and with a prefix `testAccuracy`, `testNegationAccuracy` … */
function metricName(prefix: string, subset: string): string {
  const base = subset === '' ? 'accuracy' : `${subset}Accuracy`;
  return prefix === '' ? base : prefix + base[0].toUpperCase() + base.slice(1);
}

/** The fewest reviews of the reader's own that the task accepts. */
const MIN_EXAMPLES = 10;

/** A seeded split of the reader's reviews into train, validation and test. */
function splitExamples(
  examples: readonly SentimentExample[],
  seed: number,
  validationFraction: number,
  testFraction: number,
): SentimentCorpus {
  const nVal = Math.round(examples.length * validationFraction);
  const nTest = Math.round(examples.length * testFraction);
  if (examples.length < MIN_EXAMPLES || examples.length - nVal - nTest < 2 || nVal < 1 || nTest < 1) {
    throw new RangeError(
      `sentiment: ${examples.length} reviews are too few to split into training, validation and test sets; use at least ${MIN_EXAMPLES}`,
    );
  }
  const order = new Rng(seed).shuffle(Array.from({ length: examples.length }, (_, i) => i));
  const pick = (from: number, to: number): CorpusExample[] =>
    order.slice(from, to).map((i) => ({ ...examples[i], ...tagSentence(examples[i].text), handwritten: false }));
  return { validation: pick(0, nVal), test: pick(nVal, nVal + nTest), train: pick(nVal + nTest, examples.length) };
}

/**
 * A fixed share of the training examples, the same for every seed (a shuffle with its own generator), with both
 * labels in it: at least 2 examples.
 */
function sliceOf(examples: readonly CorpusExample[], fraction: number): CorpusExample[] {
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

/**
 * Builds the classifier. With `trainFraction` below 1 it trains on that share of the training examples (a fixed
 * random pick with both labels; the vocabulary and the bag-of-words baselines come from the same pick). The
 * vocabulary comes from the training split only (<unk> = 0, also for unseen words, and <pad> = 1, the Embedding's
 * padding_idx); each review is cut to `maxLen` tokens and an empty one becomes a single <unk>. Batches are shuffled
 * each epoch and padded with their lengths, so the recurrent layer stops at each review's own last token (a reader's
 * set smaller than a batch is one batch); the classifier reads the top layer's final state. Metrics on the
 * validation split: `accuracy`, `negationAccuracy`, `contrastAccuracy`; on the test split the same with a `test`
 * prefix (`testAccuracy`, `testNegationAccuracy`, …).
 * Baselines: the better of naive Bayes and logistic regression on unigram counts, per metric, and as `valLoss`
 * the lower of their cross-entropies on the validation split (probabilities kept within 10⁻¹² of 0 and 1).
 * @throws RangeError naming the setting when the config is outside SENTIMENT_BOUNDS, or the reader's reviews too few
 */
export function createSentimentTask(settings: SentimentConfig, data: SentimentData): SentimentTask {
  const name = 'sentiment';
  const config = checkedConfig(name, parseSentimentConfig(settings));
  const D = SENTIMENT_DEFAULTS;
  const {
    cell,
    embeddingDim,
    hiddenSize,
    batchSize,
    numLayers = D.numLayers,
    dropout = D.dropout,
    nonlinearity = D.nonlinearity,
    trainFraction = D.trainFraction,
    maxLen = D.maxLen,
    minFreq = D.minFreq,
    maxVocab = D.maxVocab,
    validationFraction = D.validationFraction,
    testFraction = D.testFraction,
  } = config;
  const full =
    data.kind === 'corpus' ? data.corpus : splitExamples(data.examples, config.seed, validationFraction, testFraction);
  const corpus = trainFraction < 1 ? { ...full, train: sliceOf(full.train, trainFraction) } : full;

  const tokenized = (examples: readonly CorpusExample[]) => examples.map((e) => ({ e, tokens: basicEnglish(e.text) }));
  const trainTokens = tokenized(corpus.train);
  const vocab = buildWordVocab(
    trainTokens.map((t) => t.tokens),
    { minFreq, maxSize: maxVocab },
  );
  const padIndex = vocab.get(PAD);
  const encode = (tokens: readonly string[]): Int32Array => {
    const ids = vocab.lookupIndices(tokens.slice(0, maxLen));
    return ids.length > 0 ? ids : Int32Array.of(vocab.get('<unk>'));
  };
  const encodeAll = (items: { e: CorpusExample; tokens: string[] }[]): Encoded[] =>
    items.map(({ e, tokens }) => ({
      text: e.text,
      tokens,
      ids: encode(tokens),
      label: e.label,
      negation: e.negation,
      contrast: e.contrast,
    }));
  const train = encodeAll(trainTokens);
  const validation = encodeAll(tokenized(corpus.validation));
  const test = encodeAll(tokenized(corpus.test));

  const rng = new Rng(config.seed);
  const model = new RecurrentNet({
    input: { kind: 'embedding', vocabSize: vocab.length, embeddingDim, paddingIdx: padIndex },
    cell,
    hiddenSize,
    numLayers,
    dropout,
    nonlinearity,
    outputSize: 2,
    rng,
  });
  const params = model.parameters();
  const optimizer = makeOptimizer(config.optimizer ?? 'adam', params, config.learningRate, config.momentum);

  /** Logits [B, 2] of a list of encoded reviews, and the batch's labels in row order. */
  const forward = (examples: readonly LabelledSequence[]) => {
    const batch = collateBatch(examples, { paddingValue: padIndex });
    const { state } = model.run(model.encode(batch.data, batch.seqLen, batch.batchSize), null, batch.lengths);
    return { logits: model.fc.forward(model.top(state)), labels: batch.labels };
  };

  let batches: number[][] = [];
  let next = 0;
  const step = (): StepReport => {
    if (next === batches.length) {
      batches = batchIndices(train.length, Math.min(batchSize, train.length), { rng });
      next = 0;
    }
    const { logits, labels } = forward(batches[next++].map((i) => train[i]));
    const loss = crossEntropy(logits, labels);
    const gradNorm = optimizeStep(loss, params, optimizer, config.clip);
    return { loss: loss.item(), gradNorm };
  };

  /** P(positive) of every example, in their order, and the mean cross-entropy. */
  const score = (examples: readonly LabelledSequence[]): { positive: Float64Array; loss: number } => {
    const positive = new Float64Array(examples.length);
    let total = 0;
    model.eval();
    try {
      noGrad(() => {
        for (let s = 0; s < examples.length; s += 256) {
          const chunk = examples.slice(s, s + 256);
          const { logits } = forward(chunk);
          total += crossEntropy(
            logits,
            Int32Array.from(chunk, (e) => e.label),
            { reduction: 'sum' },
          ).item();
          // collateBatch keeps the input order unless asked to sort, so row r is chunk[r].
          for (let r = 0; r < chunk.length; r++)
            positive[s + r] = 1 / (1 + Math.exp(logits.data[2 * r] - logits.data[2 * r + 1]));
        }
      });
    } finally {
      model.train();
    }
    return { positive, loss: total / examples.length };
  };

  const accuracies = (
    prefix: string,
    examples: readonly Encoded[],
    correct: (i: number) => boolean,
    out: Record<string, number>,
  ): void => {
    for (const [subset, keep] of Object.entries(SUBSETS)) {
      let n = 0;
      let right = 0;
      examples.forEach((e, i) => {
        if (keep(e)) {
          n++;
          if (correct(i)) right++;
        }
      });
      out[metricName(prefix, subset)] = n > 0 ? right / n : NaN;
    }
  };

  const evaluate = (): EvalReport => {
    const metrics: Record<string, number> = {};
    const val = score(validation);
    accuracies('', validation, (i) => (val.positive[i] >= 0.5 ? 1 : 0) === validation[i].label, metrics);
    const tst = score(test);
    accuracies('test', test, (i) => (tst.positive[i] >= 0.5 ? 1 : 0) === test[i].label, metrics);
    return { valLoss: val.loss, metrics };
  };

  // Training the two baselines takes about a second, so it waits until someone asks.
  let baselines: Record<string, number> | undefined;
  const computeBaselines = (): Record<string, number> => {
    const asBow = (xs: readonly Encoded[]): TokenizedExample[] =>
      xs.map((x) => ({ tokens: x.tokens, label: x.label as 0 | 1 }));
    const models: BagOfWordsModel[] = [trainNaiveBayes(asBow(train)), trainLogisticRegression(asBow(train))];
    const out: Record<string, number> = {};
    // valLoss: the lower cross-entropy of the two on the validation split, so the loss chart has a baseline too.
    for (const m of models) {
      let total = 0;
      for (const e of validation) {
        const p = Math.min(1 - 1e-12, Math.max(1e-12, m.probability(e.tokens)));
        total -= Math.log(e.label === 1 ? p : 1 - p);
      }
      const loss = total / validation.length;
      if (!(out.valLoss <= loss)) out.valLoss = loss;
    }
    for (const m of models) {
      for (const [prefix, xs] of [
        ['', validation],
        ['test', test],
      ] as const) {
        const subsets = { negation: (i: number) => xs[i].negation, contrast: (i: number) => xs[i].contrast };
        const acc = accuracyBySubset(m, asBow(xs), subsets);
        for (const [subset, key] of [
          ['', 'all'],
          ['negation', 'negation'],
          ['contrast', 'contrast'],
        ] as const) {
          const k = metricName(prefix, subset);
          const a = acc[key].accuracy;
          if (!(out[k] >= a)) out[k] = a;
        }
      }
    }
    return out;
  };

  const predict = (texts: readonly string[]): number[] => {
    const examples = texts.map((text) => ({ ids: encode(basicEnglish(text)), label: 0 }));
    return examples.length === 0 ? [] : Array.from(score(examples).positive);
  };

  const showcase = (): SentimentPrediction[] => {
    const picked = [
      ...validation.filter((e) => e.negation && !e.contrast).slice(0, 4),
      ...validation.filter((e) => e.contrast).slice(0, 4),
    ];
    const p = predict(picked.map((e) => e.text));
    return picked.map((e, i) => ({ text: e.text, label: e.label, positive: p[i] }));
  };

  return {
    name,
    vocab,
    sizes: { train: train.length, validation: validation.length, test: test.length },
    stepsPerEpoch: Math.ceil(train.length / Math.min(batchSize, train.length)),
    get baselines() {
      baselines ??= computeBaselines();
      return baselines;
    },
    step,
    evaluate,
    predict,
    showcase,
    setLearningRate(lr: number): void {
      optimizer.lr = lr;
    },
    parametersFinite: () => allFinite(params),
    namedParameters: () => model.namedParameters(),
  };
}
