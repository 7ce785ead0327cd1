// The bag-of-words baselines evaluated on the course corpus: trained on its training split, measured on
// validation and test, overall and on the sentences whose meaning depends on word order.
import {
  accuracyBySubset,
  trainLogisticRegression,
  trainNaiveBayes,
  type SubsetAccuracy,
  type TokenizedExample,
} from './bagOfWords';
import type { CorpusExample, SentimentCorpus } from './sentiment';
import { basicEnglish } from './tokenize';

/** Subsets reported for every split. */
export const BASELINE_SUBSETS: Record<string, (e: CorpusExample) => boolean> = {
  negation: (e) => e.negation,
  contrast: (e) => e.contrast,
  negationOrContrast: (e) => e.negation || e.contrast,
  plain: (e) => !e.negation && !e.contrast,
};

/** Accuracies by model, split and subset. */
export type BaselineReport = Record<
  'naiveBayes' | 'logisticRegression',
  Record<'validation' | 'test', Record<string, SubsetAccuracy>>
>;

/** Trains both baselines on `corpus.train` (basic_english tokens) and reports their accuracies. */
export function corpusBaselines(corpus: SentimentCorpus): BaselineReport {
  const tok = (examples: CorpusExample[]): TokenizedExample[] =>
    examples.map((e) => ({ tokens: basicEnglish(e.text), label: e.label }));
  const train = tok(corpus.train);
  const models = { naiveBayes: trainNaiveBayes(train), logisticRegression: trainLogisticRegression(train) };
  const report = {} as BaselineReport;
  for (const [name, model] of Object.entries(models) as [keyof BaselineReport, (typeof models)['naiveBayes']][]) {
    const bySplit = {} as BaselineReport['naiveBayes'];
    for (const split of ['validation', 'test'] as const) {
      const examples = corpus[split];
      const subsets = Object.fromEntries(
        Object.entries(BASELINE_SUBSETS).map(([k, keep]) => [k, (i: number) => keep(examples[i])]),
      );
      bySplit[split] = accuracyBySubset(model, tok(examples), subsets);
    }
    report[name] = bySplit;
  }
  return report;
}
