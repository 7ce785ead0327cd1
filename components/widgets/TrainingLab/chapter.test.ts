// Chapter 7 against the lab: every Predict question names a preset of the lab with the same choices, in the same
// order, and states the answer its runs gave in the committed run of the preset script (outcomes.json).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import outcomes from '../../../scripts/training-lab/outcomes.json';
import { PRESETS } from './presets';

const mdx = readFileSync(new URL('../../../content/07-hyperparameters.mdx', import.meta.url), 'utf8');

/** A literal of the chapter's props (numbers, 'strings', arrays and { key: value } objects of them), as JSON reads it. */
const literal = (js: string): unknown =>
  JSON.parse(
    js
      .split(/('[^']*')/)
      .map((part, i) => (i % 2 === 1 ? JSON.stringify(part.slice(1, -1)) : part.replace(/(\w+):/g, '"$1":')))
      .join(''),
  );

/** The props of each <Predict …> in the chapter. */
function predicts(): Record<string, unknown>[] {
  return [...mdx.matchAll(/<Predict\b([\s\S]*?)>/g)].map((m) => {
    const props: Record<string, unknown> = {};
    for (const p of m[1].matchAll(/(\w+)=(?:"([^"]*)"|\{([\s\S]*?)\}(?=\s+\w+=|\s*$))/g))
      props[p[1]] = p[2] ?? literal(p[3]);
    return props;
  });
}

describe('chapter 7 and the training lab', () => {
  const questions = predicts();

  it('asks one question per preset, each wired to the lab', () => {
    expect(questions.map((q) => q.preset).sort()).toEqual(PRESETS.map((p) => p.id).sort());
    for (const q of questions) expect(q.widget).toBe('training-lab');
  });

  it('offers the preset’s choices and states the answer the preset script’s runs gave', () => {
    const outcome = outcomes as Record<string, { choice: number | null; value: number | null }>;
    for (const q of questions) {
      const preset = PRESETS.find((p) => p.id === q.preset)!;
      if (preset.choices.length > 0) {
        expect(q.choices, preset.id).toEqual(preset.choices);
        expect(q.answer, preset.id).toBe(outcome[preset.id].choice);
      } else {
        expect(q.choices, preset.id).toBeUndefined();
        expect(q.answer, preset.id).toBe(outcome[preset.id].value);
      }
    }
  });
});
