// Data shaping for the unrolling widget's pictures: the h_t heatmap that fills in up to step t, the top-k bars of
// y_t with the text's actual next character, and the rows of the text alternative.
import type { HeatmapData } from '../../charts/heatmap';
import { ALPHABET, charLabel } from './vocab';

/**
 * The hidden states as a heatmap, units × time, with the columns after step t left blank.
 * @param h [T][hiddenSize] every h_t of the sequence
 * @param t current step, 1..T
 * @returns values [hiddenSize][t]; colNames 1..T so the future columns keep their place
 */
export function stateHeatmap(h: readonly (readonly number[])[], t: number): HeatmapData {
  const T = h.length;
  const hiddenSize = h[0]?.length ?? 0;
  return {
    values: Array.from({ length: hiddenSize }, (_, i) => h.slice(0, t).map((ht) => ht[i])),
    colNames: Array.from({ length: T }, (_, k) => k + 1),
    rowNames: Array.from({ length: hiddenSize }, (_, i) => i + 1),
  };
}

/** One bar of the output distribution. */
export interface Prediction {
  /** The character (a space is ' '). */
  ch: string;
  /** The character as shown (␣ for the space). */
  label: string;
  /** Its probability y_t[index]. */
  p: number;
  /** 1 for the most likely character. */
  rank: number;
  /** Whether it is the character that actually comes next in the text. */
  isNext: boolean;
}

/**
 * The k most likely next characters of one distribution, most likely first (ties by alphabet order); the
 * text's actual next character is appended when it is not among them.
 * @param probs [vocabSize] y_t
 * @param next index of the character after step t in the text, or null at the end
 */
export function topPredictions(probs: readonly number[], k: number, next: number | null): Prediction[] {
  const order = probs.map((p, i) => ({ p, i })).sort((a, b) => b.p - a.p || a.i - b.i);
  const make = (i: number): Prediction => {
    const ch = ALPHABET[i];
    return {
      ch,
      label: charLabel(ch),
      p: probs[i],
      rank: order.findIndex((o) => o.i === i) + 1,
      isNext: i === next,
    };
  };
  const top = order.slice(0, k).map((o) => make(o.i));
  if (next !== null && !top.some((d) => d.isNext)) top.push(make(next));
  return top;
}

/** The most likely next character and its probability, for the label above each cell. */
export function bestGuess(probs: readonly number[]): { label: string; p: number } {
  let best = 0;
  probs.forEach((p, i) => {
    if (p > probs[best]) best = i;
  });
  return { label: charLabel(ALPHABET[best]), p: probs[best] };
}

/** Format a probability as a whole percentage, "<1%" for small ones. */
export function percent(p: number): string {
  const v = Math.round(p * 100);
  return v === 0 && p > 0 ? '<1%' : `${v}%`;
}
