// Keeps the corpus README honest: its two tables must be exactly what the stats script computes now,
// and the bag of words must stay near chance on negation while doing well on plain sentences.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { corpusBaselines } from '../../engine/data/sentimentBaseline';
import { loadSentimentCorpus } from './datasets';
import { baselineTable, corpusTable } from './sentimentStats';

const corpus = loadSentimentCorpus();
const readme = readFileSync(new URL('../../engine/data/corpora/README.md', import.meta.url), 'utf8');

describe('the corpus README', () => {
  it('quotes the current counts and baseline accuracies', () => {
    expect(readme).toContain(corpusTable(corpus));
    expect(readme).toContain(baselineTable(corpus));
  });
});

describe('the bag-of-words baselines on the corpus', () => {
  it('do well without negation or contrast and fail where order matters', () => {
    const report = corpusBaselines(corpus);
    for (const model of [report.naiveBayes, report.logisticRegression]) {
      for (const split of [model.validation, model.test]) {
        expect(split.plain.accuracy).toBeGreaterThan(0.75);
        expect(split.negation.accuracy).toBeLessThan(0.55);
        expect(split.contrast.accuracy).toBeLessThan(0.62);
      }
    }
  });
});
