// Chapter 9's Python is one runnable file: every Python block of the chapter (but the torchtext version it warns
// against) is a piece of scripts/torch/sentiment_rnn.py, word for word, so the page and the download cannot drift.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const chapter = readFileSync(new URL('../../content/09-sentiment-example.mdx', import.meta.url), 'utf8');
const script = readFileSync(new URL('sentiment_rnn.py', import.meta.url), 'utf8');
const blocks = [...chapter.matchAll(/^```python\n([\s\S]*?)^```$/gm)].map((m) => m[1]);

describe("chapter 9's code", () => {
  it('is the downloadable script, block by block', () => {
    const pieces = blocks.filter((b) => !b.includes('from torchtext'));
    expect(pieces.length).toBeGreaterThanOrEqual(8);
    for (const block of pieces) expect(script, block.split('\n')[0]).toContain(block);
  });
});
