// Chapter 10 against the attention lab: its Predict question names the lab's preset with the same question and
// choices, and states the answer the committed run of the preset script gave (scripts/attention-lab/outcomes.json);
// every figure the chapter quotes about the runs is that run's, and chapter 11's attention tip links to the question.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import outcomes from '../../../scripts/attention-lab/outcomes.json';
import { PRESETS } from './presets';
import { DEFAULT_PHRASE } from './settings';

const read = (name: string): string => readFileSync(new URL(`../../../content/${name}`, import.meta.url), 'utf8');
const mdx = read('10-how-rnns-solve-problems.mdx');

/** The props of each <Predict …> in the chapter: quoted strings, numbers and arrays of 'strings'. */
function predicts(): Record<string, unknown>[] {
  return [...mdx.matchAll(/<Predict\b([\s\S]*?)>/g)].map((m) => {
    const props: Record<string, unknown> = {};
    for (const p of m[1].matchAll(/(\w+)=(?:"([^"]*)"|\{([\s\S]*?)\}(?=\s+\w+=|\s*$))/g))
      props[p[1]] = p[2] ?? JSON.parse(p[3].replace(/'([^']*)'/g, (_, t: string) => JSON.stringify(t)));
    return props;
  });
}

const result = outcomes['with-without'];
const [attention, none] = result.runs;
const pct = (x: number): string => `${Math.round(x * 100)}%`;
const lengthPct = (run: typeof attention, words: number): string => {
  const row = run.byLength.find((r) => r.words === words)!;
  return pct(row.correct / row.count);
};

describe('chapter 10 and the attention lab', () => {
  it('asks the preset’s question with its choices and states the answer the preset script’s runs gave', () => {
    const questions = predicts().filter((q) => q.widget === 'attention-lab');
    expect(questions.map((q) => q.preset)).toEqual(PRESETS.map((p) => p.id));
    for (const q of questions) {
      const preset = PRESETS.find((p) => p.id === q.preset)!;
      expect(q.question).toBe(preset.question);
      expect(q.choices).toEqual(preset.choices);
      expect(q.answer).toBe(result.choice);
    }
    expect(attention.state).toBe('done');
    expect(none.state).toBe('done');
  });

  it('quotes the runs’ accuracy, the test set and the phrase’s translations and weights', () => {
    const section = mdx.slice(mdx.indexOf('### Try it: translate number words'));
    const testCount = attention.byLength.reduce((n, r) => n + r.count, 0);
    const longCount = attention.byLength.filter((r) => r.words >= 9).reduce((n, r) => n + r.count, 0);
    expect(section).toContain(`${testCount} numbers in all`);
    expect(section).toContain(
      `run with attention translates ${pct(attention.longAccuracy)} of the ${longCount} test inputs of nine words ` +
        `or more exactly, the run without attention ${pct(none.longAccuracy)}`,
    );
    expect(section).toContain(
      `${lengthPct(none, 5)} of five-word numbers come out right but only ${lengthPct(none, 10)} of ten-word ones`,
    );
    const three = (run: typeof attention) => run.byLength.find((r) => r.words === 3)!;
    expect(three(attention).correct).toBe(three(attention).count);
    expect(three(none).correct).toBe(three(none).count);
    expect(section).toContain(`all ${three(none).count} three-word numbers right`);
    expect(section).toContain(`${pct(attention.accuracy)} against ${pct(none.accuracy)}`);
    expect(section).toContain(
      `For "${DEFAULT_PHRASE}" the run with attention writes ${attention.phrase.digits}, ` +
        `and the run without writes ${none.phrase.digits}`,
    );
    const [d3, , d2, z1, , d5] = attention.phrase.strongest;
    expect([d3.word, d2.word, z1.word, d5.word]).toEqual(['hundred', 'thousand', 'thousand', 'five']);
    expect(section).toContain(`the 3 puts ${d3.weight.toFixed(2)} of its weight on "hundred"`);
    expect(Math.min(d2.weight, z1.weight)).toBeGreaterThanOrEqual(0.99);
    expect(section).toContain(`the 5 on "five" (${d5.weight.toFixed(2)})`);
  });

  it('is linked from chapter 11’s attention tip', () => {
    expect(read('11-tips.mdx')).toContain('](../how-rnns-solve-problems/#predict-attention-with-without)');
  });
});
