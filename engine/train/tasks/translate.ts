// Translating English number names to digits ("three hundred and twelve" → "312") with a GRU encoder–decoder, with or
// without attention. The data is every number name from 0 to 999,999, generated from the seed: a fixed share of the
// numbers is held out for testing, and accuracy is measured by input length in words.
import { batchIndices } from '../../data/batching';
import { MAX_NUMBER, MAX_WORDS, numberToWords } from '../../data/numberWords';
import { crossEntropy } from '../../losses';
import { noGrad } from '../../autodiff/gradMode';
import { Rng } from '../../random';
import { allFinite, makeOptimizer, optimizeStep } from '../common';
import { checkedConfig } from '../config';
import type { EvalReport, StepReport, Task } from '../task';
import type { NamedTensor } from './sentiment';
import { NumberTranslator, sourceBatch, SOS, EOS, type SourceBatch } from './translator';
import { parseTranslateConfig, TRANSLATE_DEFAULTS, type TranslateConfig } from './translateConfig';

/** Test numbers drawn per input length (fewer where fewer held-out numbers have that length). */
export const TEST_PER_LENGTH = 100;
/** Inputs of at least this many words count as long (the `longAccuracy` metric). */
export const LONG_FROM = 9;
/** The test set's own seed: the same numbers for every run, whatever its seed. */
const TEST_SEED = 20_261_207;

/**
 * Whether n is one of the held-out numbers (about one in five, spread over every size by a hash), which the training
 * set never contains.
 */
export function isHeldOut(n: number): boolean {
  // Knuth's multiplicative hash; the top bits are well mixed.
  return Math.imul(n + 1, 2_654_435_761) >>> 29 < 2;
}

/** How many words n's name has (the same as numberToWords(n).length, without building it). */
export function wordCountOf(n: number): number {
  const below100 = (k: number): number => (k < 20 || k % 10 === 0 ? 1 : 2);
  const below1000 = (k: number): number => {
    const rest = k % 100;
    if (k < 100) return below100(k);
    return rest === 0 ? 2 : 3 + below100(rest);
  };
  if (n === 0) return 1;
  const thousands = Math.floor(n / 1000);
  const rest = n % 1000;
  if (thousands === 0) return below1000(rest);
  const head = below1000(thousands) + 1;
  if (rest === 0) return head;
  return rest < 100 ? head + 1 + below100(rest) : head + below1000(rest);
}

/** 1 to 999, every form of name about equally often: below a hundred, whole hundreds, hundreds and the rest. */
function drawBelowThousand(rng: Rng): number {
  const u = rng.uniform();
  if (u < 0.3) return 1 + rng.int(99);
  if (u < 0.45) return 100 * (1 + rng.int(9));
  return 100 + rng.int(900);
}

/**
 * A number from 0 to 999,999 whose name takes every form about equally often: with or without thousands, with or
 * without a rest below a thousand (uniform numbers would almost never be round, "four hundred thousand").
 */
function drawNumber(rng: Rng): number {
  const thousands = rng.uniform() < 0.35 ? 0 : drawBelowThousand(rng);
  const restZero = rng.uniform() < (thousands === 0 ? 0.02 : 0.2);
  return thousands * 1000 + (restZero ? 0 : drawBelowThousand(rng));
}

/** The training numbers, drawn as drawNumber does; never a held-out one. */
export function trainingNumbers(count: number, rng: Rng): Int32Array {
  const out = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    let n = drawNumber(rng);
    while (isHeldOut(n)) n = drawNumber(rng);
    out[i] = n;
  }
  return out;
}

/**
 * The test numbers: for each input length from 1 to MAX_WORDS words, up to TEST_PER_LENGTH held-out numbers of that
 * length drawn uniformly (reservoir sampling over 0..MAX_NUMBER with a fixed seed), in increasing length.
 */
export function testNumbers(): Int32Array {
  const rng = new Rng(TEST_SEED);
  const buckets: number[][] = Array.from({ length: MAX_WORDS + 1 }, () => []);
  const seen = new Int32Array(MAX_WORDS + 1);
  for (let n = 0; n <= MAX_NUMBER; n++) {
    if (!isHeldOut(n)) continue;
    const L = wordCountOf(n);
    const bucket = buckets[L];
    seen[L] += 1;
    if (bucket.length < TEST_PER_LENGTH) bucket.push(n);
    else {
      const j = rng.int(seen[L]);
      if (j < TEST_PER_LENGTH) bucket[j] = n;
    }
  }
  return Int32Array.from(buckets.flatMap((b) => b.sort((x, y) => x - y)));
}

/** Accuracy on the test numbers of one input length. */
export interface LengthAccuracy {
  /** Input length in words. */
  words: number;
  /** Test numbers of that length. */
  count: number;
  /** How many the model translated exactly (every digit, and nothing after). */
  correct: number;
}

/** What the lab shows once a run is over: the weights (to translate typed phrases on the page) and accuracy by length. */
export interface TranslateReport {
  attention: boolean;
  hiddenSize: number;
  embeddingDim: number;
  /** The weights, state_dict order. */
  tensors: NamedTensor[];
  byLength: LengthAccuracy[];
  /** A few test translations the model got wrong, at most 8: the words, the answer and the model's. */
  mistakes: { words: string; expected: string; got: string }[];
}

/** The translation task, with its report on top of the Task contract. */
export interface TranslateTask extends Task {
  readonly name: 'translate';
  readonly model: NumberTranslator;
  /** The number of training and test numbers. */
  readonly sizes: { train: number; test: number };
  report(): TranslateReport;
}

/** Teacher forcing: the decoder reads SOS then the digits, and must write the digits then EOS. */
function targetsOf(numbers: ArrayLike<number>): { inputs: Int32Array; targets: Int32Array; S: number } {
  const B = numbers.length;
  const digits = Array.from(numbers, (n) => String(n));
  const S = Math.max(...digits.map((d) => d.length)) + 1;
  const inputs = new Int32Array(S * B).fill(EOS);
  const targets = new Int32Array(S * B).fill(-100);
  digits.forEach((d, b) => {
    inputs[b] = SOS;
    for (let s = 0; s < d.length; s++) {
      targets[s * B + b] = d.charCodeAt(s) - 48;
      if (s + 1 < S) inputs[(s + 1) * B + b] = d.charCodeAt(s) - 48;
    }
    targets[d.length * B + b] = EOS;
  });
  return { inputs, targets, S };
}

/**
 * Builds the translator and its data: `trainSize` training numbers drawn from the seed, shuffled into batches each
 * epoch, and the fixed test numbers (testNumbers). Loss: cross-entropy per output symbol under teacher forcing.
 * Evaluation decodes greedily; metrics: `accuracy` (share of test numbers translated exactly, every length) and
 * `longAccuracy` (inputs of LONG_FROM words or more). The validation loss is the teacher-forced loss on the test numbers.
 * @throws RangeError naming the setting when the config is outside TRANSLATE_BOUNDS
 */
export function createTranslateTask(settings: TranslateConfig): TranslateTask {
  const name = 'translate';
  const config = checkedConfig(name, parseTranslateConfig(settings));
  const D = TRANSLATE_DEFAULTS;
  const { attention, hiddenSize, batchSize } = config;
  const embeddingDim = config.embeddingDim ?? D.embeddingDim;
  const trainSize = Math.max(batchSize, Math.round((config.trainSize ?? D.trainSize) * (config.trainFraction ?? 1)));
  const rng = new Rng(config.seed);
  const model = new NumberTranslator({ attention, hiddenSize, embeddingDim, rng });
  const params = model.parameters();
  const optimizer = makeOptimizer(config.optimizer ?? 'adam', params, config.learningRate, config.momentum);
  const train = trainingNumbers(trainSize, rng);
  const trainWords = Array.from(train, (n) => numberToWords(n));
  const test = testNumbers();
  const testWords = Array.from(test, (n) => numberToWords(n));
  const testBatch = sourceBatch(testWords);
  const testTargets = targetsOf(test);

  let batches: number[][] = [];
  let next = 0;
  const step = (): StepReport => {
    if (next === batches.length) {
      batches = batchIndices(train.length, batchSize, { rng, dropLast: true });
      next = 0;
    }
    const idx = batches[next++];
    const src = sourceBatch(idx.map((i) => trainWords[i]));
    const { inputs, targets, S } = targetsOf(idx.map((i) => train[i]));
    const loss = crossEntropy(model.forward(src, inputs, S), targets);
    const gradNorm = optimizeStep(loss, params, optimizer, config.clip);
    return { loss: loss.item(), gradNorm };
  };

  /** Greedy translations of the test numbers: which are exactly right. */
  const testResults = (src: SourceBatch): { right: boolean[]; got: string[] } => {
    const out = model.translate(src);
    return { right: out.map((t, i) => t.ended && t.digits === String(test[i])), got: out.map((t) => t.digits) };
  };

  const evaluate = (): EvalReport => {
    const valLoss = noGrad(() =>
      crossEntropy(model.forward(testBatch, testTargets.inputs, testTargets.S), testTargets.targets).item(),
    );
    const { right } = testResults(testBatch);
    let long = 0;
    let longRight = 0;
    right.forEach((r, i) => {
      if (testWords[i].length >= LONG_FROM) {
        long += 1;
        if (r) longRight += 1;
      }
    });
    return {
      valLoss,
      metrics: {
        accuracy: right.filter(Boolean).length / right.length,
        longAccuracy: long === 0 ? NaN : longRight / long,
      },
    };
  };

  const report = (): TranslateReport => {
    const { right, got } = testResults(testBatch);
    const byLength: LengthAccuracy[] = [];
    const mistakes: TranslateReport['mistakes'] = [];
    testWords.forEach((w, i) => {
      let row = byLength.find((r) => r.words === w.length);
      if (!row) byLength.push((row = { words: w.length, count: 0, correct: 0 }));
      row.count += 1;
      if (right[i]) row.correct += 1;
      else if (mistakes.length < 8) mistakes.push({ words: w.join(' '), expected: String(test[i]), got: got[i] });
    });
    return {
      attention,
      hiddenSize,
      embeddingDim,
      tensors: [...model.namedParameters()].map(([n, t]) => ({
        name: n,
        shape: [...t.shape],
        data: Float32Array.from(t.data),
      })),
      byLength: byLength.sort((a, b) => a.words - b.words),
      mistakes,
    };
  };

  return {
    name,
    model,
    sizes: { train: train.length, test: test.length },
    stepsPerEpoch: Math.floor(train.length / batchSize),
    baselines: {},
    step,
    evaluate,
    report,
    setLearningRate(lr: number): void {
      optimizer.lr = lr;
    },
    parametersFinite: () => allFinite(params),
    namedParameters: () => model.namedParameters(),
  };
}
