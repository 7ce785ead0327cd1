// Chapter 1's memory rule, the simplest recurrence: one number h that keeps a share of its old value and mixes in the
// new input, h_t = keep · h_{t−1} + mix · x_t, with h_0 = 0. Pure functions, no DOM.

/** One step of the rule, with the numbers that went into it. */
export interface MemoryStep {
  /** 1-based step. */
  t: number;
  x: number;
  hPrev: number;
  h: number;
}

/** The rule's two weights: on the old state and on the new input. */
export interface MemoryWeights {
  keep: number;
  mix: number;
}

/** Run the rule over `xs` from h_0 = 0: one entry per step. */
export function memoryTrace(xs: readonly number[], { keep, mix }: MemoryWeights): MemoryStep[] {
  const steps: MemoryStep[] = [];
  let h = 0;
  xs.forEach((x, i) => {
    const hPrev = h;
    h = keep * hPrev + mix * x;
    steps.push({ t: i + 1, x, hPrev, h });
  });
  return steps;
}

/**
 * How much of an input read `k` steps ago is still in h, as a multiple of that input: mix · keep^k (the rule is
 * linear, so each input's share is the same whatever came before or after).
 */
export function shareAfter(k: number, { keep, mix }: MemoryWeights): number {
  return mix * keep ** k;
}

/** What happens to an input's share as steps pass, in words the widget shows. */
export function fate({ keep }: MemoryWeights): 'fades' | 'stays' | 'grows' | 'vanishes' {
  if (keep === 0) return 'vanishes';
  const size = Math.abs(keep);
  if (size < 1) return 'fades';
  return size === 1 ? 'stays' : 'grows';
}

/** Steps until an input's share halves (|keep| strictly between 0 and 1), else null. */
export function halfLife({ keep }: MemoryWeights): number | null {
  const size = Math.abs(keep);
  return size > 0 && size < 1 ? Math.log(0.5) / Math.log(size) : null;
}

/** The answer a run gives to a "what happens to an old input" question: 0 fades (or vanishes), 1 stays, 2 grows. */
export const FATE_CHOICE = { vanishes: 0, fades: 0, stays: 1, grows: 2 } as const;

/** What an experiment shows: the steps up to `t`, the last h, and the fate of an old input as a choice index. */
export function outcome(run: MemoryWeights & { seq: readonly number[]; t: number }): {
  steps: MemoryStep[];
  value: number;
  choice: number;
} {
  const steps = memoryTrace(run.seq, run).slice(0, run.t);
  return { steps, value: steps.length > 0 ? steps[steps.length - 1].h : 0, choice: FATE_CHOICE[fate(run)] };
}
