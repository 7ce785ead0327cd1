// Seeded generators for the synthetic tasks: recall the first token after a delay, the adding problem and parity,
// which compare cell types, and counting, which chapter 8 overfits. Each makes train and validation sets from one seed.
import { Rng } from '../random';

/** A classification dataset of token sequences. */
export interface TokenDataset {
  kind: 'tokens';
  /** [count, seqLen] batch-first token indices */
  inputs: Int32Array;
  /** [count] class indices */
  targets: Int32Array;
  count: number;
  seqLen: number;
  /** Input tokens are in [0, vocabSize). */
  vocabSize: number;
  numClasses: number;
  /** Accuracy of guessing: what a model that learned nothing scores. */
  chanceAccuracy: number;
}

/** A regression dataset of real-valued sequences. */
export interface RealDataset {
  kind: 'real';
  /** [count, seqLen, inputSize] batch-first */
  inputs: Float32Array;
  /** [count] */
  targets: Float32Array;
  count: number;
  seqLen: number;
  inputSize: number;
  /** MSE of the best constant prediction: what a model that learned nothing scores. */
  baselineMse: number;
}

/** Train and validation sets drawn from one seeded stream (train first). */
export interface SyntheticSplit<D> {
  train: D;
  validation: D;
}

/** Sizes and seed shared by all generators. */
export interface SplitOptions {
  trainCount: number;
  validationCount: number;
  seed: number;
}

function checkCount(name: string, n: number, min = 1): void {
  if (!Number.isInteger(n) || n < min) throw new RangeError(`${name} must be an integer ≥ ${min}, got ${n}`);
}

/** Options of the recall task. */
export interface RecallOptions {
  /** Steps between the token to remember and the query that asks for it (≥ 1). */
  delay: number;
  /** Distinct symbols to remember (default 8, so chance is 1/8). */
  numSymbols?: number;
  /** What fills the gap: random symbols (default, harder: the model must ignore them) or a blank token. */
  filler?: 'noise' | 'blank';
}

/**
 * Recall the first token: position 0 holds a symbol s in [0, K), positions 1 … delay−1 hold the filler,
 * position `delay` holds the query token K+1, and the answer is s. Tokens: symbols 0…K−1, blank K,
 * query K+1, so vocabSize = K + 2 and seqLen = delay + 1. The gradient linking answer and symbol
 * crosses `delay` steps, which is what makes a plain RNN fail as the delay grows.
 */
export function recallTask(options: RecallOptions & SplitOptions): SyntheticSplit<TokenDataset> {
  const { delay, numSymbols: K = 8, filler = 'noise' } = options;
  checkCount('recallTask: delay', delay);
  checkCount('recallTask: numSymbols', K, 2);
  const rng = new Rng(options.seed);
  const make = (count: number): TokenDataset => {
    checkCount('recallTask: count', count);
    const T = delay + 1;
    const inputs = new Int32Array(count * T);
    const targets = new Int32Array(count);
    for (let n = 0; n < count; n++) {
      const s = rng.int(K);
      targets[n] = s;
      inputs[n * T] = s;
      for (let t = 1; t < delay; t++) inputs[n * T + t] = filler === 'noise' ? rng.int(K) : K;
      inputs[n * T + delay] = K + 1;
    }
    return {
      kind: 'tokens',
      inputs,
      targets,
      count,
      seqLen: T,
      vocabSize: K + 2,
      numClasses: K,
      chanceAccuracy: 1 / K,
    };
  };
  return { train: make(options.trainCount), validation: make(options.validationCount) };
}

/**
 * The adding problem (Hochreiter & Schmidhuber 1997; in the form of Le, Jaitly & Hinton 2015): each
 * step carries a value drawn from U(0, 1) and a marker; exactly two steps are marked, one in each half
 * of the sequence, and the target is the sum of their values. Inputs are [value, marker] pairs.
 * Predicting the mean sum, 1, scores MSE = Var(u1 + u2) = 1/6, the baseline.
 * @param length the sequence length T (≥ 2)
 */
export function addingTask(options: { length: number } & SplitOptions): SyntheticSplit<RealDataset> {
  const T = options.length;
  checkCount('addingTask: length', T, 2);
  const rng = new Rng(options.seed);
  const half = Math.floor(T / 2);
  const make = (count: number): RealDataset => {
    checkCount('addingTask: count', count);
    const inputs = new Float32Array(count * T * 2);
    const targets = new Float32Array(count);
    for (let n = 0; n < count; n++) {
      for (let t = 0; t < T; t++) inputs[(n * T + t) * 2] = rng.next();
      const a = rng.int(half);
      const b = half + rng.int(T - half);
      inputs[(n * T + a) * 2 + 1] = 1;
      inputs[(n * T + b) * 2 + 1] = 1;
      // Sum the stored float32 values, so the target is exactly what the model reads.
      targets[n] = inputs[(n * T + a) * 2] + inputs[(n * T + b) * 2];
    }
    return { kind: 'real', inputs, targets, count, seqLen: T, inputSize: 2, baselineMse: 1 / 6 };
  };
  return { train: make(options.trainCount), validation: make(options.validationCount) };
}

/**
 * Parity: a sequence of bits (tokens 0 and 1) labelled 1 when it holds an odd number of ones. Every
 * bit matters to the answer, so the model has to carry one bit of state across the whole length.
 * For short lengths the validation set overlaps the training set (there are only 2^length sequences).
 * @param length the sequence length T (≥ 1)
 */
export function parityTask(options: { length: number } & SplitOptions): SyntheticSplit<TokenDataset> {
  const T = options.length;
  checkCount('parityTask: length', T);
  const rng = new Rng(options.seed);
  const make = (count: number): TokenDataset => {
    checkCount('parityTask: count', count);
    const inputs = new Int32Array(count * T);
    const targets = new Int32Array(count);
    for (let n = 0; n < count; n++) {
      let p = 0;
      for (let t = 0; t < T; t++) {
        const bit = rng.int(2);
        inputs[n * T + t] = bit;
        p ^= bit;
      }
      targets[n] = p;
    }
    return { kind: 'tokens', inputs, targets, count, seqLen: T, vocabSize: 2, numClasses: 2, chanceAccuracy: 0.5 };
  };
  return { train: make(options.trainCount), validation: make(options.validationCount) };
}

/** The two symbols the count task compares, as in chapter 8's PyTorch script: is 3 more frequent than 7? */
export const COUNTED_SYMBOLS = [3, 7] as const;

/**
 * Counting: `length` tokens drawn uniformly from `numSymbols` symbols, labelled 1 when symbol 3 occurs more often
 * than symbol 7 (`scripts/torch/chapter8_overfitting_run.py`'s rule). Ties and a missing 3 make label 0, so the
 * classes are uneven (about 70% are 0 for 30 tokens of 50 symbols): `chanceAccuracy` is the share of the larger
 * class in that set, what always answering it scores.
 * @param numSymbols at least 8, so that both counted symbols occur
 */
export function countTask(
  options: { length: number; numSymbols: number } & SplitOptions,
): SyntheticSplit<TokenDataset> {
  const { length: T, numSymbols: K } = options;
  checkCount('countTask: length', T);
  checkCount('countTask: numSymbols', K, 8);
  const [a, b] = COUNTED_SYMBOLS;
  const rng = new Rng(options.seed);
  const make = (count: number): TokenDataset => {
    checkCount('countTask: count', count);
    const inputs = new Int32Array(count * T);
    const targets = new Int32Array(count);
    let ones = 0;
    for (let n = 0; n < count; n++) {
      let balance = 0;
      for (let t = 0; t < T; t++) {
        const token = rng.int(K);
        inputs[n * T + t] = token;
        if (token === a) balance++;
        else if (token === b) balance--;
      }
      targets[n] = balance > 0 ? 1 : 0;
      ones += targets[n];
    }
    const majority = Math.max(ones, count - ones) / count;
    return { kind: 'tokens', inputs, targets, count, seqLen: T, vocabSize: K, numClasses: 2, chanceAccuracy: majority };
  };
  return { train: make(options.trainCount), validation: make(options.validationCount) };
}
