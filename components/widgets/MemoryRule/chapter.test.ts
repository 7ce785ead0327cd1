// Chapter 1 against the memory-rule widget: each Predict question names one of its examples and states the answer
// that example computes, and the numbers the chapter quotes are the ones the widget shows.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { memoryTrace, outcome } from './model';
import { MEMORY_PRESETS } from './state';

const mdx = readFileSync(new URL('../../../content/01-what-is-an-rnn.mdx', import.meta.url), 'utf8');

/** Each <Predict …>'s preset, its stated answer, and whether it asks for a number. */
const questions = [...mdx.matchAll(/<Predict\b([\s\S]*?)\n>/g)].map((m) => ({
  widget: /widget="([^"]+)"/.exec(m[1])?.[1],
  preset: /preset="([^"]+)"/.exec(m[1])?.[1],
  answer: Number(/answer=\{([^}]+)\}/.exec(m[1])?.[1]),
  number: /\bnumber=\{/.test(m[1]),
}));

describe('chapter 1 and the memory rule', () => {
  it('asks two questions, each about an example of the widget', () => {
    expect(questions).toHaveLength(2);
    for (const q of questions) {
      expect(q.widget).toBe('memory-rule');
      expect(MEMORY_PRESETS.map((p) => p.id)).toContain(q.preset);
    }
  });

  it('states the answer each example computes', () => {
    for (const q of questions) {
      const preset = MEMORY_PRESETS.find((p) => p.id === q.preset)!;
      const result = outcome(preset.state);
      if (q.number) expect(result.value).toBeCloseTo(q.answer, 12);
      else expect(result.choice).toBe(q.answer);
    }
  });

  it('quotes the hand table and h_12 as the widget computes them', () => {
    const hs = memoryTrace([1, 0, 0, 2], { keep: 0.5, mix: 0.5 }).map((s) => s.h);
    for (const h of hs) expect(mdx).toContain(`| ${h} |`);
    const grows = outcome(MEMORY_PRESETS.find((p) => p.id === 'keep-above-one')!.state);
    expect(grows.steps).toHaveLength(12);
    expect(grows.value.toFixed(4)).toBe('1.4266');
    expect(mdx).toContain('h_{12} = 0.5 \\cdot 1.1^{11} \\approx 1.4266');
  });
});
