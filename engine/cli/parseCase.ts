// Validates one `engine:case` JSON value (issue 3's parity format) into typed, flat float64
// arrays, so that every missing or malformed field fails with an error naming it.
import { describe, FieldError, formatShape, fromNested } from '../nested';

/** The recurrent layer a case runs, as PyTorch's mode strings. */
export type Mode = 'rnn_tanh' | 'rnn_relu' | 'lstm' | 'gru';

const MODES: readonly Mode[] = ['rnn_tanh', 'rnn_relu', 'lstm', 'gru'];

const FIELDS = [
  'mode',
  'input_size',
  'hidden_size',
  'num_layers',
  'bidirectional',
  'batch_first',
  'params',
  'input',
  'lengths',
  'h0',
  'c0',
  'grad_output',
  'grad_h_n',
  'grad_c_n',
] as const;

/** A tensor read from the case: row-major float64 data and its shape. */
export interface CaseTensor {
  shape: number[];
  data: Float64Array;
}

/** A validated case. Shapes are those of the case; an unbatched case (2-D input) has batchSize 1 and `batched` false. */
export interface ParsedCase {
  mode: Mode;
  inputSize: number;
  hiddenSize: number;
  numLayers: number;
  bidirectional: boolean;
  batchFirst: boolean;
  /** False when the input is [T, inputSize] (PyTorch's unbatched input). */
  batched: boolean;
  seqLen: number;
  batchSize: number;
  /** state_dict name → tensor, names and shapes not yet checked against the layer. */
  params: Map<string, CaseTensor>;
  /** [T, B, inputSize], or [B, T, inputSize] with batchFirst, or [T, inputSize] */
  input: CaseTensor;
  /** Per-sequence lengths (pack_padded_sequence), each in [1, T]; absent for full-length batches. */
  lengths?: number[];
  /** [numLayers·D, B, H] (or [numLayers·D, H] unbatched) */
  h0?: CaseTensor;
  c0?: CaseTensor;
  /** The shape of the output */
  gradOutput: CaseTensor;
  /** The shape of h_n */
  gradHN: CaseTensor;
  /** The shape of c_n; lstm only */
  gradCN?: CaseTensor;
}

/**
 * Checks every field of a case and converts its arrays.
 * @throws FieldError naming the first missing, unexpected or malformed field
 */
export function parseCase(value: unknown): ParsedCase {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new FieldError('case', `expected a JSON object, got ${describe(value)}`);
  }
  const obj = value as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    if (!(FIELDS as readonly string[]).includes(key))
      throw new FieldError(key, `unexpected field (known fields: ${FIELDS.join(', ')})`);
  }
  const rawMode = obj.mode;
  if (!MODES.includes(rawMode as Mode)) {
    throw new FieldError(
      'mode',
      `${rawMode === undefined ? 'missing' : `unknown mode ${JSON.stringify(rawMode)}`} (expected one of ${MODES.map((m) => `"${m}"`).join(', ')})`,
    );
  }
  const mode = rawMode as Mode;

  const isLstm = mode === 'lstm';
  const inputSize = positiveInt(obj, 'input_size');
  const hiddenSize = positiveInt(obj, 'hidden_size');
  const numLayers = positiveInt(obj, 'num_layers');
  const bidirectional = bool(obj, 'bidirectional');
  const batchFirst = bool(obj, 'batch_first');
  const dirs = bidirectional ? 2 : 1;

  const params = new Map<string, CaseTensor>();
  const p = required(obj, 'params');
  if (typeof p !== 'object' || p === null || Array.isArray(p))
    throw new FieldError('params', `expected an object of state_dict name → nested array, got ${describe(p)}`);
  for (const [name, v] of Object.entries(p)) params.set(name, fromNested(v, `params.${name}`));

  const input = fromNested(required(obj, 'input'), 'input');
  const layout = batchFirst ? '[batch, seq_len, input_size] (batch_first)' : '[seq_len, batch, input_size]';
  const batched = input.shape.length === 3;
  if (input.shape.length !== 2 && !batched) {
    throw new FieldError(
      'input',
      `expected ${layout} or unbatched [seq_len, input_size], got ${formatShape(input.shape)}`,
    );
  }
  const seqLen = batched && batchFirst ? input.shape[1] : input.shape[0];
  const batchSize = batched ? (batchFirst ? input.shape[0] : input.shape[1]) : 1;
  if (input.shape[input.shape.length - 1] !== inputSize) {
    throw new FieldError(
      'input',
      `last dimension must be input_size ${inputSize}, got shape ${formatShape(input.shape)}`,
    );
  }
  if (seqLen < 1 || batchSize < 1)
    throw new FieldError('input', `needs at least one step and one sequence, got shape ${formatShape(input.shape)}`);

  const stateShape = batched ? [numLayers * dirs, batchSize, hiddenSize] : [numLayers * dirs, hiddenSize];
  const outShape = !batched
    ? [seqLen, dirs * hiddenSize]
    : batchFirst
      ? [batchSize, seqLen, dirs * hiddenSize]
      : [seqLen, batchSize, dirs * hiddenSize];

  let lengths: number[] | undefined;
  if (obj.lengths !== undefined) {
    const l = obj.lengths;
    if (!Array.isArray(l) || l.length !== batchSize)
      throw new FieldError(
        'lengths',
        `expected an array of ${batchSize} integers (one per sequence), got ${describe(l)}`,
      );
    l.forEach((n, i) => {
      if (!Number.isInteger(n) || n < 1 || n > seqLen)
        throw new FieldError(`lengths[${i}]`, `expected an integer in [1, ${seqLen}], got ${describe(n)}`);
    });
    lengths = l as number[];
  }

  const h0 = obj.h0 === undefined ? undefined : fromNested(obj.h0, 'h0', stateShape);
  let c0: CaseTensor | undefined;
  if (obj.c0 !== undefined) {
    if (!isLstm) throw new FieldError('c0', `only lstm takes c0, the mode is "${mode}"`);
    if (!h0) throw new FieldError('h0', 'missing: c0 is given, and an lstm takes h0 and c0 together');
    c0 = fromNested(obj.c0, 'c0', stateShape);
  } else if (isLstm && h0) {
    throw new FieldError('c0', 'missing: h0 is given, and an lstm takes h0 and c0 together');
  }

  const gradOutput = fromNested(required(obj, 'grad_output'), 'grad_output', outShape);
  const gradHN = fromNested(required(obj, 'grad_h_n'), 'grad_h_n', stateShape);
  let gradCN: CaseTensor | undefined;
  if (isLstm) gradCN = fromNested(required(obj, 'grad_c_n'), 'grad_c_n', stateShape);
  else if (obj.grad_c_n !== undefined) throw new FieldError('grad_c_n', `only lstm has c_n, the mode is "${mode}"`);

  return {
    mode,
    inputSize,
    hiddenSize,
    numLayers,
    bidirectional,
    batchFirst,
    batched,
    seqLen,
    batchSize,
    params,
    input,
    lengths,
    h0,
    c0,
    gradOutput,
    gradHN,
    gradCN,
  };
}

function required(obj: Record<string, unknown>, key: string): unknown {
  if (obj[key] === undefined) throw new FieldError(key, 'missing');
  return obj[key];
}

function positiveInt(obj: Record<string, unknown>, key: string): number {
  const v = required(obj, key);
  if (!Number.isInteger(v) || (v as number) < 1)
    throw new FieldError(key, `expected a positive integer, got ${describe(v)}`);
  return v as number;
}

function bool(obj: Record<string, unknown>, key: string): boolean {
  const v = required(obj, key);
  if (typeof v !== 'boolean') throw new FieldError(key, `expected true or false, got ${describe(v)}`);
  return v;
}
