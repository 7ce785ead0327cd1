// Chapter 11 against its two calculators: each Predict question names an example of its calculator and states the
// answer that example computes, and the numbers the chapter quotes are the ones the calculators show.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { attend, sharpness } from '../AttentionCalc/model';
import { ATTENTION_PRESETS } from '../AttentionCalc/state';
import { denormalize, lastComparedWithChapter, normalize, stats } from './model';
import { CHAPTER_SERIES, NORMALIZE_PRESETS } from './state';

const mdx = readFileSync(new URL('../../../content/11-tips.mdx', import.meta.url), 'utf8');

const questions = [...mdx.matchAll(/<Predict\b([\s\S]*?)\n>/g)].map((m) => ({
  widget: /widget="([^"]+)"/.exec(m[1])?.[1],
  preset: /preset="([^"]+)"/.exec(m[1])?.[1],
  answer: Number(/answer=\{([^}]+)\}/.exec(m[1])?.[1]),
}));

describe('chapter 11 and its calculators', () => {
  it('asks one question per calculator, answered by the calculator’s own example', () => {
    expect(questions.map((q) => q.widget)).toEqual(['normalize-calc', 'attention-calc']);
    const [normalizeQ, attentionQ] = questions;
    const six = NORMALIZE_PRESETS.find((p) => p.id === normalizeQ.preset)!;
    expect(lastComparedWithChapter(six.state).choice).toBe(normalizeQ.answer);
    const doubled = ATTENTION_PRESETS.find((p) => p.id === attentionQ.preset)!;
    expect(sharpness(doubled.state).choice).toBe(attentionQ.answer);
  });

  it('quotes the worked examples as the calculators compute them', () => {
    const all = stats(CHAPTER_SERIES);
    expect(mdx).toContain(`\\mu = ${all.mean}`);
    expect(mdx).toContain(`\\sigma \\approx ${all.std.toFixed(3)}`);
    const z = normalize(CHAPTER_SERIES, all)!.map((v) => v.toFixed(2));
    expect(mdx).toContain(z.join(',\\ '));
    expect(mdx).toContain(`\\approx ${denormalize(1.2, all).toFixed(2)}`);
    const six = stats(CHAPTER_SERIES.slice(0, 6));
    expect(mdx).toContain(`\\mu \\approx ${six.mean.toFixed(3)}`);
    expect(mdx).toContain(`\\sigma \\approx ${six.std.toFixed(3)}`);
    expect(mdx).toContain(`\\approx ${((15 - six.mean) / six.std).toFixed(2)}`);
    const doubled = attend(
      [4, 2],
      [
        [1, 0],
        [0, 1],
        [1, 1],
      ],
    );
    expect(mdx).toContain(`\\alpha \\approx (${doubled.weights.map((w) => w.toFixed(3)).join(',\\ ')})`);
    expect(mdx).toContain(`(${doubled.context.map((c) => c.toFixed(3)).join(',\\ ')})`);
  });
});
