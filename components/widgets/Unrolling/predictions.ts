// What the unrolling widget's experiments show, for chapter 4's Predict questions: the trained network's guesses.
import type { PredictResult } from '../../lib/predict';
import { bestGuess, percent } from './chartData';
import { unroll } from './model';
import { UNROLLING_PRESETS } from './state';
import { encodeText } from './vocab';

/** The choices of the question "the same letter twice: the same guess?", in the chapter's order. */
export const SAME_GUESS_CHOICES = ['The same guess both times', 'A different guess each time'];

/** The network's best guess of the next character after each step of the text `text`. */
export function guesses(text: string): { label: string; p: number }[] {
  return unroll(encodeText(text).ids).probs.map(bestGuess);
}

/** The result of the experiment `id`: whether the guesses at its step and the step before differ. */
export function unrollingOutcome(id: string): PredictResult | null {
  const preset = UNROLLING_PRESETS.find((p) => p.id === id);
  if (!preset) return null;
  const { text, t } = preset.state;
  const all = guesses(text);
  const [before, now] = [all[t - 2], all[t - 1]];
  return {
    choice: before.label === now.label ? 0 : 1,
    value: null,
    summary:
      `Reading “${text[t - 2]}” at t = ${t - 1} it guesses “${before.label}” (${percent(before.p)}); reading ` +
      `“${text[t - 1]}” at t = ${t} it guesses “${now.label}” (${percent(now.p)}).`,
  };
}
