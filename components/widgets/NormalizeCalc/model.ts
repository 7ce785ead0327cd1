// Chapter 11's z-score normalization: the mean and standard deviation of the training values (population form,
// dividing by n, as scikit-learn's StandardScaler does), applied to every value, and undone on a prediction. No DOM.

/** The training statistics. */
export interface Stats {
  mean: number;
  std: number;
}

/** Mean and standard deviation (dividing by n) of `values`; std is 0 when they are all equal. */
export function stats(values: readonly number[]): Stats {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length;
  return { mean, std: Math.sqrt(variance) };
}

/** (x − μ) / σ for each value; null when σ = 0 (the values cannot be scaled). */
export function normalize(values: readonly number[], { mean, std }: Stats): number[] | null {
  return std === 0 ? null : values.map((v) => (v - mean) / std);
}

/** A normalized prediction back in real units: σ ỹ + μ. */
export function denormalize(y: number, { mean, std }: Stats): number {
  return std * y + mean;
}

/**
 * The answer chapter 11's question gets: the last value normalized with the first `train` values' statistics, and how
 * it compares with 1.67, its value when all eight are training data (0 smaller, 1 about the same, 2 bigger).
 */
export function lastComparedWithChapter(state: { seq: readonly number[]; train: number }): {
  choice: number;
  value: number;
} {
  const z = normalize(state.seq, stats(state.seq.slice(0, state.train)));
  const value = z ? z[z.length - 1] : NaN;
  const chapter = 1.67;
  return { choice: Math.abs(value - chapter) < 0.05 ? 1 : value > chapter ? 2 : 0, value };
}
