// Answers one `engine:case`: builds the layer in float64, loads the case's PyTorch parameters,
// runs forward and backward for L = Σ output·grad_output + Σ h_n·grad_h_n (+ Σ c_n·grad_c_n).
import {
  GRU,
  LSTM,
  RNN,
  type RecurrentBase,
  type RecurrentForwardOptions,
  type RecurrentOptions,
  type RecurrentOutput,
} from '../nn/recurrent';
import { add, mul } from '../ops/elementwise';
import { sum } from '../ops/reduce';
import { FieldError } from '../nested';
import { Tensor, type NestedArray } from '../tensor';
import { findNonFinite, NonFiniteAnswerError } from './nonFinite';
import { parseCase, type CaseTensor, type ParsedCase } from './parseCase';

/** The answer, in the case's shapes: output, h_n, (c_n), and ∂L/∂ every parameter, the input and h0/c0 when given. */
export interface CaseAnswer {
  output: NestedArray;
  h_n: NestedArray;
  c_n?: NestedArray;
  grads: Record<string, NestedArray>;
}

/**
 * Answers a case given as JSON text, as `engine:case` does; the answer is JSON in full float64
 * (JavaScript prints the shortest decimal that reads back as the same double).
 * @throws FieldError naming the field, `case` for text that is not JSON
 * @throws NonFiniteAnswerError when the answer has a value JSON cannot spell (NaN, ±Infinity)
 */
export function answerCaseJSON(text: string): string {
  if (text.trim() === '') throw new FieldError('case', 'empty input (pipe one case as JSON on stdin)');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new FieldError('case', `not valid JSON (${(e as Error).message})`);
  }
  return JSON.stringify(answerCase(value));
}

/**
 * Validates and answers a case (the JSON value of issue 3's format).
 * @throws FieldError naming the first missing, malformed or oversized field, parameters included (`params.weight_hh_l0`)
 * @throws NonFiniteAnswerError naming the outputs and gradients that are not finite
 */
export function answerCase(value: unknown): CaseAnswer {
  return runCase(parseCase(value));
}

/**
 * Answers a parsed case, whose parameter names and shapes parseCase has checked against the layer.
 * @throws NonFiniteAnswerError when an output or gradient is NaN or ±Infinity (its `answer` holds the numbers)
 */
export function runCase(c: ParsedCase): CaseAnswer {
  const opts = {
    numLayers: c.numLayers,
    bidirectional: c.bidirectional,
    batchFirst: c.batchFirst,
    bias: c.bias,
    dtype: 'float64',
  } as const;
  const { layer, forward } = build(c, opts);
  for (const [name, p] of layer.namedParameters()) {
    const given = c.params.get(name);
    if (given === undefined || given.data.length !== p.size)
      throw new Error(`engine:case: parseCase let params.${name} through unchecked (a bug)`);
    p.data.set(given.data);
  }

  const input = toTensor(c.input, true);
  const h0 = c.h0 && toTensor(c.h0, true);
  const c0 = c.c0 && toTensor(c.c0, true);
  const r = forward(input, { h0, c0, lengths: c.lengths });
  const cN = r.cN ?? null;

  let loss = add(sum(mul(r.output, toTensor(c.gradOutput))), sum(mul(r.hN, toTensor(c.gradHN))));
  if (cN && c.gradCN) loss = add(loss, sum(mul(cN, toTensor(c.gradCN))));
  loss.backward();

  // ∂L/∂ each parameter, the input and h0/c0 when given (zeros when nothing flowed into one).
  const leaves: [string, Tensor][] = [...layer.namedParameters(), ['input', input]];
  if (h0) leaves.push(['h0', h0]);
  if (c0) leaves.push(['c0', c0]);
  const grads = leaves.map(([name, t]): [string, Tensor] => [name, new Tensor(t.ensureGrad(), t.shape)]);

  const answer: CaseAnswer = {
    output: r.output.toNested(),
    h_n: r.hN.toNested(),
    ...(cN ? { c_n: cN.toNested() } : {}),
    grads: Object.fromEntries(grads.map(([name, g]) => [name, g.toNested()])),
  };
  const found = [
    findNonFinite('output', r.output.data, r.output.shape),
    findNonFinite('h_n', r.hN.data, r.hN.shape),
    cN && findNonFinite('c_n', cN.data, cN.shape),
    ...grads.map(([name, g]) => findNonFinite(`grads.${name}`, g.data, g.shape)),
  ].filter((n) => n !== null);
  if (found.length > 0) throw new NonFiniteAnswerError(found, answer);
  return answer;
}

/** The layer of the case's mode, and its forward with one result type (cN only for lstm). */
function build(
  c: ParsedCase,
  opts: RecurrentOptions,
): { layer: RecurrentBase; forward: (x: Tensor, o: RecurrentForwardOptions) => RecurrentOutput & { cN?: Tensor } } {
  if (c.mode === 'lstm') {
    const m = new LSTM(c.inputSize, c.hiddenSize, opts);
    return { layer: m, forward: (x, o) => m.forward(x, o) };
  }
  const m =
    c.mode === 'gru'
      ? new GRU(c.inputSize, c.hiddenSize, opts)
      : new RNN(c.inputSize, c.hiddenSize, { ...opts, nonlinearity: c.mode === 'rnn_relu' ? 'relu' : 'tanh' });
  return { layer: m, forward: (x, o) => m.forward(x, o) };
}

function toTensor(t: CaseTensor, requiresGrad = false): Tensor {
  return new Tensor(t.data, t.shape, requiresGrad);
}
