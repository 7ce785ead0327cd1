// Test helper: a random `engine:case` of any sizes (the PyTorch fixtures are all tiny), for the CLI's limit and allocation tests.
import { toNested } from '../nested';
import { recurrentParameterShapes } from '../nn/recurrent';
import type { RecurrentMode } from '../ops/recurrentLayout';
import { Rng } from '../random';

/** The sizes and options of a made-up case. */
export interface CaseSpec {
  mode: RecurrentMode;
  inputSize: number;
  hiddenSize: number;
  numLayers?: number;
  bidirectional?: boolean;
  batchFirst?: boolean;
  seqLen: number;
  batchSize: number;
  /** Give h0 (and c0 for lstm) */
  h0?: boolean;
  /** Give lengths T, T−1, … (at least 1) */
  lengths?: boolean;
  /** Default true */
  bias?: boolean;
  /** [T, input_size] input (batchSize must be 1) */
  unbatched?: boolean;
}

/** A case of `spec` with every number drawn U(−0.5, 0.5) from a generator seeded with `seed`. */
export function makeCase(spec: CaseSpec, seed = 1): Record<string, unknown> {
  const rng = new Rng(seed);
  const L = spec.numLayers ?? 1;
  const D = spec.bidirectional ? 2 : 1;
  const { seqLen: T, batchSize: B, inputSize: I, hiddenSize: H } = spec;
  const values = (shape: number[]): unknown =>
    toNested(
      Float64Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.uniform(-0.5, 0.5)),
      shape,
    );
  const sequence = (F: number): number[] => (spec.unbatched ? [T, F] : spec.batchFirst ? [B, T, F] : [T, B, F]);
  const state = spec.unbatched ? [L * D, H] : [L * D, B, H];
  const shapes = recurrentParameterShapes(spec.mode, I, H, { numLayers: L, bidirectional: D === 2, bias: spec.bias });
  const c: Record<string, unknown> = {
    mode: spec.mode,
    input_size: I,
    hidden_size: H,
    num_layers: L,
    bidirectional: D === 2,
    batch_first: spec.batchFirst ?? false,
    params: Object.fromEntries([...shapes].map(([name, shape]) => [name, values(shape)])),
    input: values(sequence(I)),
    grad_output: values(sequence(D * H)),
    grad_h_n: values(state),
  };
  if (spec.mode === 'lstm') c.grad_c_n = values(state);
  if (spec.h0) {
    c.h0 = values(state);
    if (spec.mode === 'lstm') c.c0 = values(state);
  }
  if (spec.lengths) c.lengths = Array.from({ length: B }, (_, b) => Math.max(1, T - b));
  return c;
}
