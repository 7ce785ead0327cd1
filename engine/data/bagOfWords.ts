// Bag-of-words baselines for sentiment: multinomial naive Bayes and logistic regression on unigram
// counts. They see which words occur but not their order, so the gap between them and an RNN on
// sentences with negation or contrast measures what word order is worth.
import type { SentimentLabel } from './sentimentLabels';

/** A tokenized example. */
export interface TokenizedExample {
  tokens: readonly string[];
  label: SentimentLabel;
}

/** A trained baseline: predicts a label from tokens. */
export interface BagOfWordsModel {
  name: string;
  /** P(positive | tokens) */
  probability(tokens: readonly string[]): number;
  predict(tokens: readonly string[]): SentimentLabel;
}

/**
 * Multinomial naive Bayes with add-alpha (Laplace) smoothing: log P(c) + Σ_w count(w) · log P(w | c),
 * with P(w | c) = (n_wc + α) / (N_c + α·V) over the training vocabulary; unseen words are ignored.
 */
export function trainNaiveBayes(examples: readonly TokenizedExample[], alpha = 1): BagOfWordsModel {
  const counts = new Map<string, [number, number]>();
  const totals = [0, 0];
  const docs = [0, 0];
  for (const { tokens, label } of examples) {
    docs[label]++;
    for (const t of tokens) {
      let c = counts.get(t);
      if (!c) counts.set(t, (c = [0, 0]));
      c[label]++;
      totals[label]++;
    }
  }
  if (docs[0] === 0 || docs[1] === 0) throw new Error('trainNaiveBayes: need examples of both classes');
  const V = counts.size;
  const logPrior = [Math.log(docs[0] / examples.length), Math.log(docs[1] / examples.length)];
  const logLik = new Map<string, [number, number]>();
  for (const [t, [n0, n1]] of counts) {
    logLik.set(t, [Math.log((n0 + alpha) / (totals[0] + alpha * V)), Math.log((n1 + alpha) / (totals[1] + alpha * V))]);
  }
  const probability = (tokens: readonly string[]): number => {
    let s0 = logPrior[0];
    let s1 = logPrior[1];
    for (const t of tokens) {
      const l = logLik.get(t);
      if (l) {
        s0 += l[0];
        s1 += l[1];
      }
    }
    return 1 / (1 + Math.exp(s0 - s1));
  };
  return { name: 'naive Bayes', probability, predict: (tokens) => (probability(tokens) >= 0.5 ? 1 : 0) };
}

/** Options of `trainLogisticRegression`. */
export interface LogisticOptions {
  /** Full-batch gradient steps (default 300). */
  epochs?: number;
  /** Step size (default 0.5). */
  lr?: number;
  /** L2 penalty on the weights, not the bias (default 1e-3). */
  l2?: number;
}

/**
 * Logistic regression on unigram counts, trained by full-batch gradient descent from zero weights on
 * the mean cross-entropy plus an L2 penalty: deterministic, so the reported numbers reproduce exactly.
 * Unseen words are ignored.
 */
export function trainLogisticRegression(
  examples: readonly TokenizedExample[],
  options: LogisticOptions = {},
): BagOfWordsModel {
  const { epochs = 300, lr = 0.5, l2 = 1e-3 } = options;
  const index = new Map<string, number>();
  // Each example as sparse (feature, count) pairs.
  const rows = examples.map(({ tokens }) => {
    const c = new Map<number, number>();
    for (const t of tokens) {
      let i = index.get(t);
      if (i === undefined) index.set(t, (i = index.size));
      c.set(i, (c.get(i) ?? 0) + 1);
    }
    return [...c];
  });
  const w = new Float64Array(index.size);
  let b = 0;
  const grad = new Float64Array(index.size);
  const n = examples.length;
  for (let e = 0; e < epochs; e++) {
    grad.fill(0);
    let gb = 0;
    rows.forEach((row, k) => {
      let z = b;
      for (const [i, c] of row) z += w[i] * c;
      // d(cross-entropy)/dz = σ(z) − y
      const d = 1 / (1 + Math.exp(-z)) - examples[k].label;
      for (const [i, c] of row) grad[i] += d * c;
      gb += d;
    });
    for (let i = 0; i < w.length; i++) w[i] -= lr * (grad[i] / n + l2 * w[i]);
    b -= (lr * gb) / n;
  }
  const probability = (tokens: readonly string[]): number => {
    let z = b;
    for (const t of tokens) {
      const i = index.get(t);
      if (i !== undefined) z += w[i];
    }
    return 1 / (1 + Math.exp(-z));
  };
  return { name: 'logistic regression', probability, predict: (tokens) => (probability(tokens) >= 0.5 ? 1 : 0) };
}

/** Accuracy and count of one subset. */
export interface SubsetAccuracy {
  accuracy: number;
  count: number;
}

/**
 * Accuracy of a model on examples, overall and on named subsets.
 * @param subsets a predicate per subset name, e.g. { negation: (i) => tags[i].negation }
 */
export function accuracyBySubset(
  model: BagOfWordsModel,
  examples: readonly TokenizedExample[],
  subsets: Record<string, (index: number) => boolean> = {},
): Record<string, SubsetAccuracy> {
  const correct = examples.map((e) => model.predict(e.tokens) === e.label);
  const measure = (keep: (i: number) => boolean): SubsetAccuracy => {
    let count = 0;
    let right = 0;
    correct.forEach((ok, i) => {
      if (keep(i)) {
        count++;
        if (ok) right++;
      }
    });
    return { accuracy: count ? right / count : NaN, count };
  };
  const out: Record<string, SubsetAccuracy> = { all: measure(() => true) };
  for (const [name, keep] of Object.entries(subsets)) out[name] = measure(keep);
  return out;
}
