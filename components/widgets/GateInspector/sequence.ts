// The reader's input sequence as text: numbers from −1 to 1, the one to remember marked with `*` ("0.3 -0.5 *0.8").
// Typed text is read leniently (problems become notices, the rest is kept); the URL codec accepts only clean text.
import { shown } from '../../lib/notice';
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

const show = (token: string): string => shown(token, 12);

/** What the tokens of a text are: the steps read (clamped, at most MAX_STEPS) and everything that had to be repaired. */
interface Tokens {
  steps: Step[];
  /** Tokens that are not numbers, as shown in a notice. */
  skipped: string[];
  /** Numbers outside [−1, 1] (clamped into it), as shown in a notice. */
  clamped: string[];
  /** How many numbers the text lists (steps beyond MAX_STEPS are dropped). */
  count: number;
  /** Whether the text was longer than MAX_TEXT_LENGTH (only its start is read). */
  truncated: boolean;
}

function tokens(text: string): Tokens {
  const raw = text.length > MAX_TEXT_LENGTH ? text.slice(0, MAX_TEXT_LENGTH) : text;
  const steps: Step[] = [];
  const skipped: string[] = [];
  const clamped: string[] = [];
  for (const token of raw.split(/[\s,;]+/).filter((t) => t !== '')) {
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
  const count = steps.length;
  steps.length = Math.min(count, MAX_STEPS);
  return { steps, skipped, clamped, count, truncated: raw !== text };
}

/**
 * Read a sequence leniently: tokens split on spaces, commas and semicolons; `*` before (or after) a number marks it;
 * values outside [−1, 1] are clamped, other tokens skipped, steps beyond MAX_STEPS dropped, each with a problem.
 */
export function readSequence(text: string): ReadSequence {
  const { steps, skipped, clamped, count, truncated } = tokens(text);
  const problems: string[] = [];
  if (skipped.length) problems.push(`Skipped ${skipped.map((s) => `“${s}”`).join(', ')}: not a number.`);
  if (clamped.length) problems.push(`Clamped ${clamped.join(', ')} into −1 … 1.`);
  if (count > MAX_STEPS) problems.push(`Read the first ${MAX_STEPS} of ${count} numbers.`);
  if (truncated) problems.push(`Read only the first ${MAX_TEXT_LENGTH} characters.`);
  return { steps, problems };
}

/** Write steps as text, with a separator between them (a space for the text field, a comma in the URL). */
export function formatSequence(steps: readonly Step[], separator = ' '): string {
  return steps.map((s) => `${s.marked ? '*' : ''}${Number(s.value.toPrecision(4))}`).join(separator);
}

/** What the URL's sequence must be, in the words of its notice. */
const SEQUENCE_RULE = `must list 1 to ${MAX_STEPS} numbers from −1 to 1, separated by commas`;

/** The URL codec: clean comma-separated text of 1..MAX_STEPS numbers in [−1, 1], or the rule and its first breach. */
export const sequenceCodec: Codec<Step[]> = {
  parse(raw) {
    const { steps, skipped, clamped, count, truncated } = tokens(raw);
    if (truncated) return { error: `${SEQUENCE_RULE} (this is longer than ${MAX_TEXT_LENGTH} characters)` };
    if (skipped.length) return { error: `${SEQUENCE_RULE} (“${skipped[0]}” is not a number)` };
    if (clamped.length) return { error: `${SEQUENCE_RULE} (${clamped[0]} is outside −1 … 1)` };
    if (count > MAX_STEPS) return { error: `${SEQUENCE_RULE} (this lists ${count})` };
    if (steps.length === 0) return { error: SEQUENCE_RULE };
    return { value: steps };
  },
  format: (steps) => formatSequence(steps, ','),
};
