// Chapter 9 against the sentiment lab's padding picture: the padding-share question's answer and its explanation's
// figures are those of the first batch the lab draws (the first eight IMDb training sentences, as its shell picks them).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLabelledSentences, splitExamples } from '../../../engine/data/labelledSentences';
import { basicEnglish } from '../../../engine/data/tokenize';
import { chapterSource } from '../../lib/testing/chapterPredictions';
import { chapterQuestions } from '../../../src/lib/questions';
import { padBatch } from './model';

const FILE = '09-sentiment-example.mdx';
const imdb = readFileSync(
  new URL('../../../engine/data/corpora/sentiment-labelled-sentences/imdb_labelled.txt', import.meta.url),
  'utf8',
);

describe('chapter 9 and the padding picture', () => {
  it('states the padding share of the lab’s first IMDb batch, and its sizes', () => {
    const first = splitExamples(parseLabelledSentences(imdb))
      .train.slice(0, 8)
      .map((e) => basicEnglish(e.text));
    const grid = padBatch(first, false);
    const cells = grid.rows.length * grid.steps;
    const share = Math.round((100 * grid.padded) / cells);
    const question = chapterQuestions(chapterSource(FILE)).predict.find((q) => q.id === 'padding-share')!;
    expect(question.answer).toBe(share);
    const lengths = first.map((s) => s.length);
    const mdx = chapterSource(FILE);
    expect(mdx).toContain(`${Math.min(...lengths)} to ${Math.max(...lengths)} tokens`);
    expect(mdx).toContain(`8 × ${grid.steps} = ${cells} cells and ${grid.padded} of them are \`<pad>\``);
    expect(mdx).toContain(`${grid.padded} of its ${cells} cells are \`<pad>\` (${share}%)`);
  });
});
