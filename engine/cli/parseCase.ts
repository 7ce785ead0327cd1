// Validates one `engine:case` JSON value (issue 3's parity format) into typed, flat float64
// arrays, so that every missing or malformed field fails with an error naming it.
import { checkShape, describe, FieldError, flatten, formatShape, shapeOf } from '../nested';
import { checkElements, MAX_HIDDEN_SIZE, MAX_INPUT_SIZE, MAX_NUM_LAYERS, sizeField } from './caseLimits';
import { checkParams } from './caseParams';
import { RECURRENT_MODES as MODES, type RecurrentMode } from '../ops/recurrentLayout';

/** The recurrent layer a case runs, as PyTorch's mode strings. */
export type Mode = RecurrentMode;

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
  /** Whether the case has bias_* parameters (PyTorch's bias=True). */
  bias: boolean;
  /** False when the input is [T, inputSize] (PyTorch's unbatched input). */
  batched: boolean;
  seqLen: number;
  batchSize: number;
  /** state_dict name → tensor, names and shapes checked against the layer the sizes describe. */
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
 * Checks every field of a case and converts its arrays. Every size, limit and shape is checked
 * before any array is read into memory, so an oversized case fails without allocating.
 * @throws FieldError naming the first missing, unexpected, malformed or oversized field
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
  const inputSize = sizeField(obj.input_size, 'input_size', MAX_INPUT_SIZE);
  const hiddenSize = sizeField(obj.hidden_size, 'hidden_size', MAX_HIDDEN_SIZE);
  const numLayers = sizeField(obj.num_layers, 'num_layers', MAX_NUM_LAYERS);
  const bidirectional = bool(obj, 'bidirectional');
  const batchFirst = bool(obj, 'batch_first');
  const dirs = bidirectional ? 2 : 1;

  // Shapes first: each is read without allocating, and checked against the sizes.
  const p = required(obj, 'params');
  if (typeof p !== 'object' || p === null || Array.isArray(p))
    throw new FieldError('params', `expected an object of state_dict name → nested array, got ${describe(p)}`);
  const rawParams = Object.entries(p as Record<string, unknown>);
  const paramShapes = new Map(
    rawParams.map(([name, v]) => [name, shapeOf(v, `params.${name}`, { maxDims: 2 })] as const),
  );
  const bias = checkParams(paramShapes, { mode, inputSize, hiddenSize, numLayers, bidirectional });

  const rawInput = required(obj, 'input');
  const inputShape = shapeOf(rawInput, 'input', { maxDims: 3 });
  const layout = batchFirst ? '[batch, seq_len, input_size] (batch_first)' : '[seq_len, batch, input_size]';
  const batched = inputShape.length === 3;
  if (inputShape.length !== 2 && !batched) {
    throw new FieldError(
      'input',
      `expected ${layout} or unbatched [seq_len, input_size], got ${formatShape(inputShape)}`,
    );
  }
  const seqLen = batched && batchFirst ? inputShape[1] : inputShape[0];
  const batchSize = batched ? (batchFirst ? inputShape[0] : inputShape[1]) : 1;
  if (inputShape[inputShape.length - 1] !== inputSize) {
    throw new FieldError(
      'input',
      `last dimension must be input_size ${inputSize}, got shape ${formatShape(inputShape)}`,
    );
  }
  if (seqLen < 1 || batchSize < 1)
    throw new FieldError('input', `needs at least one step and one sequence, got shape ${formatShape(inputShape)}`);

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

  /** The field's value after checking its shape; undefined when an optional field is left out. */
  const shaped = (key: string, expected: number[], need = false): unknown => {
    const v = need ? required(obj, key) : obj[key];
    if (v !== undefined) checkShape(shapeOf(v, key, { maxDims: expected.length, expected }), expected, key);
    return v;
  };
  const rawH0 = shaped('h0', stateShape);
  let rawC0: unknown;
  if (obj.c0 !== undefined) {
    if (!isLstm) throw new FieldError('c0', `only lstm takes c0, the mode is "${mode}"`);
    if (rawH0 === undefined) throw new FieldError('h0', 'missing: c0 is given, and an lstm takes h0 and c0 together');
    rawC0 = shaped('c0', stateShape);
  } else if (isLstm && rawH0 !== undefined) {
    throw new FieldError('c0', 'missing: h0 is given, and an lstm takes h0 and c0 together');
  }
  const rawGradOutput = shaped('grad_output', outShape, true);
  const rawGradHN = shaped('grad_h_n', stateShape, true);
  let rawGradCN: unknown;
  if (isLstm) rawGradCN = shaped('grad_c_n', stateShape, true);
  else if (obj.grad_c_n !== undefined) throw new FieldError('grad_c_n', `only lstm has c_n, the mode is "${mode}"`);

  const sizes = { mode, inputSize, hiddenSize, numLayers, bidirectional, batchFirst, bias, batched, seqLen, batchSize };
  checkElements({ ...sizes, hasH0: rawH0 !== undefined, hasLengths: lengths !== undefined });

  // Then the numbers.
  const read = (v: unknown, shape: number[]): CaseTensor => ({ shape, data: flatten(v, shape) });
  const maybe = (v: unknown, shape: number[]): CaseTensor | undefined => (v === undefined ? undefined : read(v, shape));
  return {
    ...sizes,
    params: new Map(rawParams.map(([name, v]) => [name, read(v, paramShapes.get(name) as number[])])),
    input: read(rawInput, inputShape),
    lengths,
    h0: maybe(rawH0, stateShape),
    c0: maybe(rawC0, stateShape),
    gradOutput: read(rawGradOutput, outShape),
    gradHN: read(rawGradHN, stateShape),
    gradCN: maybe(rawGradCN, stateShape),
  };
}

function required(obj: Record<string, unknown>, key: string): unknown {
  if (obj[key] === undefined) throw new FieldError(key, 'missing');
  return obj[key];
}

function bool(obj: Record<string, unknown>, key: string): boolean {
  const v = required(obj, key);
  if (typeof v !== 'boolean') throw new FieldError(key, `expected true or false, got ${describe(v)}`);
  return v;
}
