// The page's reader agrees with the model it was built from: P(positive) after each token of one pass equals the
// listing's batched, packed forward pass on that prefix, and the last one equals the worker task's own prediction.
import { describe, expect, it } from 'vitest';
import { loadLabelledSentences } from '../../../scripts/data/datasets';
import { createSentimentTask } from '../../../engine/train/tasks/sentiment';
import { SENTIMENT_LAB_DEFAULTS } from '../../../engine/train/tasks/sentimentConfig';
import { ReviewReader } from './reader';

describe('ReviewReader', () => {
  const task = createSentimentTask(
    { ...SENTIMENT_LAB_DEFAULTS, cell: 'lstm', embeddingDim: 12, hiddenSize: 10, epochs: 1 },
    { kind: 'labelled', sources: loadLabelledSentences() },
  );
  for (let s = 0; s < 5; s++) task.step();
  const reader = new ReviewReader(task.report());
  const review = "This movie wasn't good at all, but the ending was wonderful (cinematographically)!";

  it('reads a review token by token, marking the tokens it does not know', () => {
    const reading = reader.read(review);
    expect(reading.tokens.slice(0, 6)).toEqual(['this', 'movie', 'wasn', "'", 't', 'good']);
    expect(reading.known[reading.tokens.indexOf('cinematographically')]).toBe(false);
    expect(reading.hidden.length).toBe(reading.tokens.length);
    expect(reading.hidden[0].length).toBe(10);
    expect(reader.read('').tokens).toEqual([]);
  });

  it('gives after each token what the packed forward pass gives for that prefix', () => {
    const reading = reader.read(review);
    const prefixes = reading.tokens.map((_, t) => reading.tokens.slice(0, t + 1).join(' '));
    const batched = reader.predict(prefixes);
    reading.positive.forEach((p, t) => expect(Math.abs(p - batched[t])).toBeLessThan(1e-6));
    expect(Math.abs(reading.positive.at(-1)! - task.predict([review])[0])).toBeLessThan(1e-6);
  });
});
