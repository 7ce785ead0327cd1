// Chapter 10 against the forecast lab: every Predict question names a preset of the lab with the same choices, in the
// same order, and states the answer its runs gave in the committed run of the preset script (outcomes.json); the
// errors the chapter quotes are that run's.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import outcomes from '../../../scripts/forecast-lab/outcomes.json';
import { PRESETS } from './presets';

const mdx = readFileSync(new URL('../../../content/10-how-rnns-solve-problems.mdx', import.meta.url), 'utf8');

/** The props of each <Predict …> in the chapter: quoted strings, numbers and arrays of 'strings'. */
function predicts(): Record<string, unknown>[] {
  return [...mdx.matchAll(/<Predict\b([\s\S]*?)>/g)].map((m) => {
    const props: Record<string, unknown> = {};
    for (const p of m[1].matchAll(/(\w+)=(?:"([^"]*)"|\{([\s\S]*?)\}(?=\s+\w+=|\s*$))/g))
      props[p[1]] = p[2] ?? JSON.parse(p[3].replace(/'([^']*)'/g, (_, t: string) => JSON.stringify(t)));
    return props;
  });
}

type Outcome = { choice: number; runs: { maes: { forecaster: string; oneStep: number; recursive: number }[] }[] };
const result = outcomes as Record<string, Outcome>;
const births = (x: number): string => Math.round(x).toLocaleString('en-US');

describe('chapter 10 and the forecast lab', () => {
  // Chapter 10's questions about this lab (others ask other widgets).
  const questions = predicts().filter((q) => q.widget === 'forecast-lab');

  it('asks one question per preset, with its choices, and states the answer the preset script’s runs gave', () => {
    expect(questions.map((q) => q.preset).sort()).toEqual(PRESETS.map((p) => p.id).sort());
    for (const q of questions) {
      const preset = PRESETS.find((p) => p.id === q.preset)!;
      expect(q.widget).toBe('forecast-lab');
      expect(q.question).toBe(preset.question);
      expect(q.choices, preset.id).toEqual(preset.choices);
      expect(q.answer, preset.id).toBe(result[preset.id].choice);
    }
  });

  it('quotes the errors of the script’s runs', () => {
    const [model, naive, persistence] = result['beat-seasonal-naive'].runs[0].maes;
    const raw = result.normalization.runs[1].maes[0];
    for (const x of [
      model.oneStep,
      naive.oneStep,
      persistence.oneStep,
      model.recursive,
      naive.recursive,
      persistence.recursive,
      raw.oneStep,
    ])
      expect(mdx).toContain(births(x));
  });
});
