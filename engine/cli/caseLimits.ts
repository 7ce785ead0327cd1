// How large a case `engine:case` takes: a limit on each size field, and on the float64 values the
// whole pass allocates, estimated from the sizes alone so an oversized case is refused before anything is allocated.
import { describe, FieldError } from '../nested';
import { gateCount, type RecurrentMode } from '../ops/recurrentLayout';

/**
 * hidden_size ≤ 1024: four times the largest the course trains (the char model's URL allows 256),
 * and a one-layer LSTM at 1024 with one step (4.2 M values in W_hh) needs about half of MAX_ELEMENTS.
 */
export const MAX_HIDDEN_SIZE = 1024;

/** input_size ≤ 65,536: a one-hot input over a 65,536-symbol vocabulary (the char model's has at most 75). */
export const MAX_INPUT_SIZE = 65_536;

/**
 * num_layers ≤ 16: recurrent stacks are rarely deeper than 4, and the expected parameter names
 * (4 per layer and direction) are listed before anything is read.
 */
export const MAX_NUM_LAYERS = 16;

/**
 * The float64 values a case may make the pass allocate, as `caseElements` counts them: 2^25 =
 * 33,554,432 values (256 MiB). The char model at its largest settings (LSTM, hidden 256, 128
 * steps, batch 16, 75 one-hot inputs) needs 11.7 M of them; a case of 28.1 M peaked at 565 MiB of
 * memory in all, its JSON included, so a case within the limit runs on a small machine.
 */
export const MAX_ELEMENTS = 2 ** 25;

/** The sizes of a case that decide what its pass allocates. */
export interface CaseSizes {
  mode: RecurrentMode;
  inputSize: number;
  hiddenSize: number;
  numLayers: number;
  bidirectional: boolean;
  batchFirst: boolean;
  /** False for an unbatched case ([seq_len, input_size] input) */
  batched: boolean;
  /** Whether the case has bias_* parameters */
  bias: boolean;
  seqLen: number;
  batchSize: number;
  /** Whether h0 (and c0) are given */
  hasH0: boolean;
  /** Whether lengths are given */
  hasLengths: boolean;
}

/**
 * A size field checked against its limit.
 * @throws FieldError naming `field` when it is not a positive integer or is above `limit`
 */
export function sizeField(value: unknown, field: string, limit: number): number {
  if (value === undefined) throw new FieldError(field, 'missing');
  if (!Number.isInteger(value) || (value as number) < 1)
    throw new FieldError(field, `expected a positive integer, got ${describe(value)}`);
  if ((value as number) > limit)
    throw new FieldError(field, `${value as number} is above the limit of ${limit} (engine/README.md says why)`);
  return value as number;
}

/**
 * An upper estimate of the float64 values (an Int32 index map counted as float64 values) that
 * `answerCase` allocates for a case of these sizes, from reading its numbers to the last
 * gradient, as if nothing were freed. Read off the engine's code buffer by buffer; a test counts the
 * real allocations of many cases and keeps this at or above them and within 1.5× of them.
 */
export function caseElements(s: CaseSizes): number {
  const { seqLen: T, batchSize: B, inputSize: I, hiddenSize: H, numLayers: L } = s;
  const D = s.bidirectional ? 2 : 1;
  const G = gateCount(s.mode);
  const lstm = s.mode === 'lstm' ? 1 : 0;
  const gru = s.mode === 'gru' ? 1 : 0;
  const gated = lstm + gru;
  const TB = T * B;
  const state = L * D * B * H; // one of h0, c0, h_n, c_n
  const output = TB * D * H;
  const bf = s.batchFirst && s.batched; // an unbatched input is never transposed
  let total = 64; // the loss and its sums
  for (let l = 0; l < L; l++) {
    const params = G * H * ((l === 0 ? I : D * H) + H) + (s.bias ? 2 * G * H : 0);
    // Each direction: the case's copy of its parameters, the layer's, their gradients, and W_hhᵀ;
    // the input projection and its gradient, the gates kept for backward (LSTM, GRU), ∂L/∂(W_hh h)
    // (GRU); the state and cell slots; tanh(c_t) or W_hn h + b_hn, the output's copy (lengths) and
    // gradient; the ∂L/∂h, ∂L/∂c rows and (GRU) one B × G·H row of W_hh h.
    const direction =
      3 * params +
      G * H * H +
      TB * G * H * (2 + gated + gru) +
      (T + 1) * B * H * (1 + lstm) +
      TB * H * (gated + (s.hasLengths ? 1 : 0) + 1) +
      2 * B * H +
      gru * B * G * H;
    // Both directions' outputs concatenated, and that gradient.
    total += D * direction + (D === 2 ? 2 * output : 0);
  }
  // The gemm's scratch for W_ihᵀ, made for layer 0 and made again for the layers above.
  total += G * H * (I + (L > 1 ? D * H : 0));
  // The input and its gradient; batch_first transposes it (a copy, an index map, its gradient).
  total += TB * I * (bf ? 5 : 2);
  // grad_output, output · grad_output and its gradient; batch_first's transpose of the output as above.
  total += output * (bf ? 6 : 3);
  // h_n (and c_n): grad_h_n; the stacked states, their gradient and each slice's; the product with grad_h_n and its gradient.
  total += (1 + lstm) * 7 * state;
  // h0 (and c0): the case's copy, the slice for each layer and direction, two gradients of each slice, the whole's.
  if (s.hasH0) total += (1 + lstm) * 5 * state;
  // Unbatched: the views as batched of the input, output, h_n, c_n and h0, c0 have gradients of their own.
  if (!s.batched) total += TB * I + output + (1 + lstm) * state * (s.hasH0 ? 2 : 1);
  return total;
}

/**
 * Refuses a case whose pass would allocate more than MAX_ELEMENTS float64 values, naming the sizes that make it so.
 * @throws FieldError on `case`
 */
export function checkElements(s: CaseSizes): void {
  const n = caseElements(s);
  if (n <= MAX_ELEMENTS) return;
  const count = (v: number): string => v.toLocaleString('en-US');
  throw new FieldError(
    'case',
    `seq_len ${s.seqLen} × batch ${s.batchSize} (from input), input_size ${s.inputSize}, hidden_size ${s.hiddenSize}, ` +
      `num_layers ${s.numLayers}${s.bidirectional ? ', bidirectional' : ''} would allocate about ${count(n)} float64 values ` +
      `(${Math.round((n * 8) / 2 ** 20)} MiB), above the limit of ${count(MAX_ELEMENTS)} (256 MiB): make one of them smaller`,
  );
}
