// The reader's input sequence as text: numbers from −1 to 1, the one to remember marked with `*` ("0.3 -0.5 *0.8").
// Typed text is read leniently (problems become notices, the rest is kept); the URL codec accepts only clean text.
import type { Codec } from '../../lib/urlState';
import { VALUE_MAX, VALUE_MIN, type Step } from './task';

/** Longest sequence the widget reads (more steps are dropped with a notice). */
export const MAX_STEPS = 12;

/** Longest raw text considered, so a pasted book costs nothing. */
export const MAX_TEXT_LENGTH = 400;

/** Ready-made sequences: each shows one behaviour of the gates. */
export const PRESETS = {
  'one mark': '0.3 -0.5 *0.8 0.1 -0.7 0.4 -0.2 0.6',
  'early mark, long wait': '*-0.9 0.2 0.5 -0.3 0.7 -0.6 0.1 0.4 -0.2 0.8 -0.5 0.3',
  'two marks': '0.1 *0.7 -0.4 0.5 0.2 *-0.6 0.3 -0.1',
  'no mark': '0.5 -0.2 0.9 -0.8 0.3 0.6 -0.4 0.1',
} as const;
export type PresetName = keyof typeof PRESETS;

/** What reading a text gave: the steps (possibly empty) and a short message per problem. */
export interface ReadSequence {
  steps: Step[];
  problems: string[];
}

const show = (token: string): string => (token.length > 12 ? `${token.slice(0, 12)}…` : token);

/**
 * Read a sequence leniently: tokens split on spaces, commas and semicolons; `*` before (or after) a number marks it;
 * values outside [−1, 1] are clamped, other tokens skipped, steps beyond MAX_STEPS dropped, each with a problem.
 */
export function readSequence(text: string): ReadSequence {
  const problems: string[] = [];
  const raw = text.length > MAX_TEXT_LENGTH ? text.slice(0, MAX_TEXT_LENGTH) : text;
  const tokens = raw.split(/[\s,;]+/).filter((token) => token !== '');
  const steps: Step[] = [];
  const skipped: string[] = [];
  const clamped: string[] = [];
  for (const token of tokens) {
    const marked = token.startsWith('*') || token.endsWith('*');
    const body = token.replace(/^\*+|\*+$/g, '');
    const value = /^[-+−]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(body) ? Number(body.replace('−', '-')) : NaN;
    if (!Number.isFinite(value)) {
      skipped.push(show(token));
      continue;
    }
    const kept = Math.min(VALUE_MAX, Math.max(VALUE_MIN, value));
    if (kept !== value) clamped.push(show(body));
    steps.push({ value: kept, marked });
  }
  if (skipped.length) problems.push(`Skipped ${skipped.map((s) => `“${s}”`).join(', ')}: not a number.`);
  if (clamped.length) problems.push(`Clamped ${clamped.join(', ')} into −1 … 1.`);
  if (steps.length > MAX_STEPS) {
    problems.push(`Read the first ${MAX_STEPS} of ${steps.length} numbers.`);
    steps.length = MAX_STEPS;
  }
  if (raw !== text) problems.push(`Read only the first ${MAX_TEXT_LENGTH} characters.`);
  return { steps, problems };
}

/** Write steps as text, with a separator between them (a space for the text field, a comma in the URL). */
export function formatSequence(steps: readonly Step[], separator = ' '): string {
  return steps.map((s) => `${s.marked ? '*' : ''}${Number(s.value.toPrecision(4))}`).join(separator);
}

/** The URL codec: clean comma-separated text of 1..MAX_STEPS numbers, or an error naming the first problem. */
export const sequenceCodec: Codec<Step[]> = {
  parse(raw) {
    const { steps, problems } = readSequence(raw);
    if (problems.length > 0) return { error: problems[0].replace(/\.$/, '') };
    if (steps.length === 0) return { error: `must list 1 to ${MAX_STEPS} numbers from −1 to 1` };
    return { value: steps };
  },
  format: (steps) => formatSequence(steps, ','),
};
