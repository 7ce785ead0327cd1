// Chapter 10 against the teacher forcing lab: its Predict question names the lab's preset with the same question and
// choices, states the answer the committed run of the preset script gave (outcomes.json), and quotes that run's errors.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import outcomes from '../../../scripts/teacher-forcing-lab/outcomes.json';
import { PRESETS } from './presets';

const mdx = readFileSync(new URL('../../../content/10-how-rnns-solve-problems.mdx', import.meta.url), 'utf8');

/** The props of each <Predict …> in the chapter about this lab: quoted strings, numbers and arrays of 'strings'. */
function predicts(): Record<string, unknown>[] {
  return [...mdx.matchAll(/<Predict\b([\s\S]*?)>/g)]
    .map((m) => {
      const props: Record<string, unknown> = {};
      for (const p of m[1].matchAll(/(\w+)=(?:"([^"]*)"|\{([\s\S]*?)\}(?=\s+\w+=|\s*$))/g))
        props[p[1]] = p[2] ?? JSON.parse(p[3].replace(/'([^']*)'/g, (_, t: string) => JSON.stringify(t)));
      return props;
    })
    .filter((q) => q.widget === 'teacher-forcing-lab');
}

type Run = { label: string; freeRunningByWeek: number[]; oneStep: number[] };
const result = outcomes as Record<string, { choice: number; runs: Run[] }>;
const births = (x: number): string => Math.round(x).toLocaleString('en-US');
const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('chapter 10 and the teacher forcing lab', () => {
  it('asks one question per preset, with its choices, and states the answer the preset script’s runs gave', () => {
    const questions = predicts();
    expect(questions.map((q) => q.preset).sort()).toEqual(PRESETS.map((p) => p.id).sort());
    for (const q of questions) {
      const preset = PRESETS.find((p) => p.id === q.preset)!;
      expect(q.question).toBe(preset.question);
      expect(q.choices, preset.id).toEqual(preset.choices);
      expect(q.answer, preset.id).toBe(result[preset.id].choice);
    }
  });

  it('quotes the errors of the script’s runs: each regime’s first and fourth week, and the one-step error', () => {
    const [forced, free, scheduled] = result['exposure-bias'].runs;
    expect([forced.label, free.label, scheduled.label]).toEqual([
      'teacher forcing',
      'free running',
      'scheduled sampling',
    ]);
    const first = forced.freeRunningByWeek[0];
    const last = forced.freeRunningByWeek.at(-1)!;
    expect(mdx).toContain(
      `grows by ${Math.round((last / first - 1) * 100)}%, from ${births(first)} births a day in the first generated ` +
        `week to ${births(last)} in the fourth`,
    );
    expect(mdx).toContain(`the same model is off by ${births(mean(forced.oneStep))} on the same days`);
    expect(mdx).toContain(
      `(${births(free.freeRunningByWeek[0])} in the first week) but grows less, to ${births(free.freeRunningByWeek[3])}`,
    );
    expect(mdx).toContain(
      `teacher forcing (${births(scheduled.freeRunningByWeek[0])}) and ends lowest, at ${births(scheduled.freeRunningByWeek[3])}`,
    );
    // "the worst of the three in the first generated week", "ends lowest"
    expect(free.freeRunningByWeek[0]).toBeGreaterThan(
      Math.max(forced.freeRunningByWeek[0], scheduled.freeRunningByWeek[0]),
    );
    expect(scheduled.freeRunningByWeek[3]).toBeLessThan(
      Math.min(forced.freeRunningByWeek[3], free.freeRunningByWeek[3]),
    );
  });
});
