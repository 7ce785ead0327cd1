// Summary statistics for step times: medians and quartiles, robust to the GC pauses and
// neighbour noise of a shared machine.

/**
 * The q-quantile by linear interpolation between order statistics (numpy's default).
 * @param values samples, any order; not modified
 * @param q in [0, 1]
 */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) throw new Error('quantile: no values');
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/** Median and interquartile range of a sample. */
export interface Summary {
  median: number;
  p25: number;
  p75: number;
  n: number;
}

export function summarize(values: readonly number[]): Summary {
  return { median: median(values), p25: quantile(values, 0.25), p75: quantile(values, 0.75), n: values.length };
}

/**
 * Median of the per-round ratios a[i] / b[i]: each round times both contestants back to back,
 * so a ratio taken inside a round cancels most of the machine's drift.
 * @param a [rounds] times of one contestant
 * @param b [rounds] times of the other, same rounds
 */
export function pairedRatio(a: readonly number[], b: readonly number[]): Summary {
  if (a.length !== b.length) throw new Error(`pairedRatio: ${a.length} rounds vs ${b.length}`);
  return summarize(a.map((x, i) => x / b[i]));
}
