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
import { loadStateDict } from '../stateDict';
import { Tensor, type NestedArray } from '../tensor';
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
 * @throws FieldError naming the first missing or malformed field, parameters included (`params.weight_hh_l0`)
 */
export function answerCase(value: unknown): CaseAnswer {
  return runCase(parseCase(value));
}

/** Answers a parsed case; parameter names and shapes are checked here, against the layer. */
export function runCase(c: ParsedCase): CaseAnswer {
  // A case without any bias_* tensor is a PyTorch layer built with bias=False.
  const bias = [...c.params.keys()].some((k) => k.startsWith('bias_'));
  const opts = {
    numLayers: c.numLayers,
    bidirectional: c.bidirectional,
    batchFirst: c.batchFirst,
    bias,
    dtype: 'float64',
  } as const;
  const { layer, forward } = build(c, opts);
  loadStateDict(layer, Object.fromEntries([...c.params].map(([k, v]) => [k, toTensor(v).toNested()])), {
    label: 'params',
  });

  const input = toTensor(c.input, true);
  const h0 = c.h0 && toTensor(c.h0, true);
  const c0 = c.c0 && toTensor(c.c0, true);
  const r = forward(input, { h0, c0, lengths: c.lengths });
  const cN = r.cN ?? null;

  let loss = add(sum(mul(r.output, toTensor(c.gradOutput))), sum(mul(r.hN, toTensor(c.gradHN))));
  if (cN && c.gradCN) loss = add(loss, sum(mul(cN, toTensor(c.gradCN))));
  loss.backward();

  const grads: Record<string, NestedArray> = {};
  for (const [name, p] of layer.namedParameters()) grads[name] = gradOf(p);
  grads.input = gradOf(input);
  if (h0) grads.h0 = gradOf(h0);
  if (c0) grads.c0 = gradOf(c0);
  return { output: r.output.toNested(), h_n: r.hN.toNested(), ...(cN ? { c_n: cN.toNested() } : {}), grads };
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

/** The gradient as nested arrays; zeros when nothing flowed into the tensor. */
function gradOf(t: Tensor): NestedArray {
  return new Tensor(t.ensureGrad(), t.shape).toNested();
}
