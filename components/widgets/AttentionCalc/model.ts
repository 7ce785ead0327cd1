// Chapter 11's dot-product attention: scores e_i = s · h_i, weights α = softmax(e), context c = Σ α_i h_i. No DOM.
import { CHAPTER_DECODER, CHAPTER_STATES } from './state';

/** Everything one attention step computes. */
export interface Attention {
  scores: number[];
  weights: number[];
  context: number[];
}

/** Dot-product attention of the decoder state `s` over the encoder states `hs` (all of one length). */
export function attend(s: readonly number[], hs: readonly (readonly number[])[]): Attention {
  const scores = hs.map((h) => h.reduce((acc, v, k) => acc + v * s[k], 0));
  // Softmax with the largest score subtracted first, so large scores cannot overflow exp.
  const top = Math.max(...scores);
  const exps = scores.map((e) => Math.exp(e - top));
  const total = exps.reduce((a, b) => a + b, 0);
  const weights = exps.map((e) => e / total);
  const context = s.map((_, k) => hs.reduce((acc, h, i) => acc + weights[i] * h[k], 0));
  return { scores, weights, context };
}

/**
 * The answer chapter 11's question gets: the largest weight of `run`, and whether its weights are sharper than the
 * chapter's example (largest 0.665), the same, or flatter (choices 0, 1, 2).
 */
export function sharpness(run: { s: readonly number[]; h: readonly (readonly number[])[] }): {
  choice: number;
  largest: number;
} {
  const largest = Math.max(...attend(run.s, run.h).weights);
  const reference = Math.max(...attend(CHAPTER_DECODER, CHAPTER_STATES).weights);
  return { choice: Math.abs(largest - reference) < 1e-3 ? 1 : largest > reference ? 0 : 2, largest };
}
