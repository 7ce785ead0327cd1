// parseCase: a valid fixture parses to the right sizes; each kind of bad field fails with a
// one-line error that names it; sizes, shapes and the element limit fail before anything is allocated.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { countAllocations } from '../testing/countAllocations';
import { makeCase } from '../testing/makeCase';
import { MAX_HIDDEN_SIZE, MAX_INPUT_SIZE, MAX_NUM_LAYERS } from './caseLimits';
import { parseCase } from './parseCase';

const rnn = JSON.parse(readFileSync(new URL('../testing/fixtures/rnn.json', import.meta.url), 'utf8')) as {
  cases: { name: string; case: Record<string, unknown> }[];
};
const byName = (prefix: string): Record<string, unknown> =>
  structuredClone(rnn.cases.find((c) => c.name.startsWith(prefix))!.case);

/** The message parseCase throws for the fixture named `prefix…` after `edit`, or for the case `make` returns. */
function errorOf(
  prefix: string | (() => Record<string, unknown>),
  edit: (c: Record<string, unknown>) => void = () => {},
): string {
  const c = typeof prefix === 'string' ? byName(prefix) : prefix();
  edit(c);
  try {
    parseCase(c);
  } catch (e) {
    const msg = (e as Error).message;
    expect(msg).not.toContain('\n');
    return msg;
  }
  throw new Error('parseCase accepted the case');
}

describe('parseCase', () => {
  it('reads sizes and layouts from a batch_first lstm case with h0 and c0', () => {
    const p = parseCase(byName('lstm_L1_uni_bf_h0_T8_B3'));
    expect([p.mode, p.seqLen, p.batchSize, p.inputSize, p.hiddenSize, p.batchFirst, p.batched]).toEqual([
      'lstm',
      8,
      3,
      1,
      4,
      true,
      true,
    ]);
    expect(p.c0?.shape).toEqual([1, 3, 4]);
    expect(p.gradCN?.shape).toEqual([1, 3, 4]);
    expect([...p.params.keys()]).toEqual(['weight_ih_l0', 'weight_hh_l0', 'bias_ih_l0', 'bias_hh_l0']);
  });

  it('accepts an unbatched [T, input_size] input', () => {
    const c = byName('gru_L1_uni_tf_noh0_T1_B3');
    const x = c.input as number[][][];
    c.input = x.map((step) => step[0]);
    c.grad_output = (c.grad_output as number[][][]).map((step) => step[0]);
    c.grad_h_n = (c.grad_h_n as number[][][]).map((layer) => layer[0]);
    const p = parseCase(c);
    expect([p.batched, p.batchSize, p.seqLen]).toEqual([false, 1, 1]);
  });

  it('names a missing, mistyped or unknown field', () => {
    expect(errorOf('gru', (c) => delete c.hidden_size)).toBe('hidden_size: missing');
    expect(errorOf('gru', (c) => (c.mode = 'transformer'))).toBe(
      'mode: unknown mode "transformer" (expected one of "rnn_tanh", "rnn_relu", "lstm", "gru")',
    );
    expect(errorOf('gru', (c) => delete c.mode)).toMatch(/^mode: missing/);
    expect(errorOf('gru', (c) => (c.num_layers = 1.5))).toBe('num_layers: expected a positive integer, got number 1.5');
    expect(errorOf('gru', (c) => (c.batch_first = 'yes'))).toBe(
      'batch_first: expected true or false, got the string "yes"',
    );
    expect(errorOf('gru', (c) => (c.h_0 = []))).toMatch(/^h_0: unexpected field/);
    expect(errorOf('gru', (c) => delete c.grad_h_n)).toBe('grad_h_n: missing');
    expect(errorOf('lstm', (c) => delete c.grad_c_n)).toBe('grad_c_n: missing');
    expect(errorOf('gru', (c) => (c.params = [1]))).toMatch(/^params: expected an object/);
  });

  it('names a malformed array and its element', () => {
    expect(errorOf('rnn_tanh_L1_uni_bf_h0', (c) => (((c.input as number[][][])[1][0][1] as unknown) = 'x'))).toBe(
      'input[1][0][1]: expected a finite number, got the string "x"',
    );
    expect(
      errorOf('rnn_tanh_L1_uni_bf_h0', (c) => (c.params as Record<string, number[][]>).weight_hh_l0[2].pop()),
    ).toBe('params.weight_hh_l0[2]: ragged nested array: expected length 3, got 2');
  });

  it('names a field whose shape does not fit the sizes', () => {
    expect(errorOf('rnn_tanh_L1_uni_bf_h0_T8_B3_I2_H3', (c) => (c.input_size = 3))).toBe(
      'params.weight_ih_l0: shape [3, 2] does not match [H, input_size] = [3, 3] (H = hidden_size = 3)',
    );
    expect(
      errorOf('rnn_tanh_L1_uni_bf_h0_T8_B3_I2_H3', (c) => {
        c.input = (c.input as number[][][]).map((seq) => seq.map((step) => [...step, 0]));
      }),
    ).toBe('input: last dimension must be input_size 2, got shape [3, 8, 3]');
    expect(errorOf('rnn_tanh_L1_uni_bf_h0_T8_B3_I2_H3', (c) => (c.hidden_size = 4))).toBe(
      'params.weight_ih_l0: shape [3, 2] does not match [H, input_size] = [4, 2] (H = hidden_size = 4) (and 3 more problems)',
    );
    expect(errorOf('rnn_tanh_L1_uni_bf_h0_T8_B3_I2_H3', (c) => (c.batch_first = false))).toBe(
      'h0: expected shape [1, 8, 3], got [1, 3, 3]',
    );
    expect(errorOf('rnn_tanh_L1_uni_tf_noh0', (c) => (c.grad_output = [[[1, 2]]]))).toBe(
      'grad_output: expected shape [1, 1, 1], got [1, 1, 2]',
    );
    expect(errorOf('rnn_tanh_L1_uni_bf_h0', (c) => (c.input = [1, 2]))).toMatch(
      /^input: expected \[batch, seq_len, input_size\] \(batch_first\)/,
    );
  });

  it('names a missing, mis-shaped or unexpected parameter with its shape in the sizes, before building a layer', () => {
    const params = (c: Record<string, unknown>) => c.params as Record<string, unknown>;
    expect(errorOf('lstm_L2_bi', (c) => (params(c).weight_ih_l1 = [[0]]))).toBe(
      'params.weight_ih_l1: shape [1, 1] does not match [4·H, 2·H] = [12, 6] (H = hidden_size = 3)',
    );
    expect(errorOf('gru_L2_uni', (c) => delete params(c).weight_hh_l1)).toBe(
      'params.weight_hh_l1: missing (expected [3·H, H] = [15, 5] (H = hidden_size = 5))',
    );
    expect(errorOf('gru_L2_uni', (c) => (params(c).bias_ih_l0 = [1, 2]))).toBe(
      'params.bias_ih_l0: shape [2] does not match [3·H] = [15] (H = hidden_size = 5)',
    );
    expect(errorOf('gru_L2_uni', (c) => (params(c).weight_hh_l2 = params(c).weight_hh_l1))).toMatch(
      /^params\.weight_hh_l2: unexpected: the module has no such parameter \(it has weight_ih_l0, /,
    );
    // A reverse direction's tensors in a unidirectional case are extras.
    expect(errorOf('lstm_L1_uni_tf', (c) => (params(c).weight_ih_l0_reverse = params(c).weight_ih_l0))).toMatch(
      /^params\.weight_ih_l0_reverse: unexpected/,
    );
    // Some biases but not all: the others are missing (no bias at all is bias=False).
    expect(errorOf('rnn_tanh_L1_uni', (c) => delete params(c).bias_hh_l0)).toMatch(/^params\.bias_hh_l0: missing/);
    expect(errorOf('rnn_tanh_L1_uni', (c) => (params(c).weight_hh_l0 = [[[[[1]]]]]))).toBe(
      'params.weight_hh_l0: nested 5 deep; a tensor here has at most 2 dimensions',
    );
  });

  it('refuses a size above its limit, naming it, before allocating anything', () => {
    const refused = (edit: (c: Record<string, unknown>) => void): [string, number] => {
      let message = '';
      const allocated = countAllocations(() => (message = errorOf('lstm_L1_uni_tf_noh0', edit)));
      return [message, allocated];
    };
    expect(refused((c) => (c.hidden_size = 1_000_000))).toEqual([
      `hidden_size: 1000000 is above the limit of ${MAX_HIDDEN_SIZE} (engine/README.md says why)`,
      0,
    ]);
    expect(refused((c) => (c.hidden_size = 10_000))[0]).toMatch(/^hidden_size: 10000 is above the limit of 1024 /);
    expect(refused((c) => (c.input_size = MAX_INPUT_SIZE + 1))[0]).toMatch(/^input_size: 65537 is above the limit/);
    expect(refused((c) => (c.num_layers = MAX_NUM_LAYERS + 1))[0]).toMatch(/^num_layers: 17 is above the limit of 16/);
    // Within the size limits but with the shapes of 1024 units: the parameters' shapes fail first.
    expect(refused((c) => (c.hidden_size = 1024))).toEqual([
      'params.weight_ih_l0: shape [4, 1] does not match [4·H, input_size] = [4096, 1] (H = hidden_size = 1024) (and 3 more problems)',
      0,
    ]);
  });

  it('refuses a case whose pass would allocate more than the element limit, before reading its numbers', () => {
    // 8,192 steps of an LSTM with 256 units: 1 M numbers of grad_output, 41 M values in the pass.
    // Every step shares one array, so the case itself costs no memory.
    const c = makeCase({ mode: 'lstm', inputSize: 1, hiddenSize: 256, seqLen: 1, batchSize: 1 });
    const T = 8192;
    const repeat = (v: unknown) => Array.from({ length: T }, () => (v as unknown[])[0]);
    for (const key of ['input', 'grad_output']) c[key] = repeat(c[key]);
    let message = '';
    const allocated = countAllocations(() => (message = errorOf(() => c)));
    expect(message).toMatch(
      /^case: seq_len 8192 × batch 1 \(from input\), input_size 1, hidden_size 256, num_layers 1 would allocate about 4\d,\d{3},\d{3} float64 values \(\d+ MiB\), above the limit of 33,554,432 \(256 MiB\): make one of them smaller$/,
    );
    expect(allocated).toBe(0);
  });

  it('names a field nested deeper than a tensor can be, without overflowing the stack', () => {
    const deep = (n: number): unknown => {
      let v: unknown = 0;
      for (let i = 0; i < n; i++) v = [v];
      return v;
    };
    expect(errorOf('gru_L1_uni_bf_h0', (c) => (c.h0 = deep(200_000)))).toMatch(
      /^h0: nested 200000 deep; a tensor here has at most 3 dimensions \(expected shape \[1, \d+, \d+\]\)$/,
    );
    expect(errorOf('gru_L1_uni_bf_h0', (c) => (c.input = deep(200_000)))).toBe(
      'input: nested 200000 deep; a tensor here has at most 3 dimensions',
    );
    expect(errorOf('gru_L1_uni_bf_h0', (c) => ((c.params as Record<string, unknown>).bias_hh_l0 = deep(200_000)))).toBe(
      'params.bias_hh_l0: nested 200000 deep; a tensor here has at most 2 dimensions',
    );
  });

  it('checks h0/c0 pairing and lengths', () => {
    expect(errorOf('lstm_L1_uni_bf_h0', (c) => delete c.c0)).toMatch(/^c0: missing: h0 is given/);
    expect(errorOf('lstm_L1_uni_bf_h0', (c) => delete c.h0)).toMatch(/^h0: missing: c0 is given/);
    expect(errorOf('gru_L1_uni_bf_h0', (c) => (c.c0 = c.h0))).toBe('c0: only lstm takes c0, the mode is "gru"');
    expect(errorOf('gru_L1_uni_bf_h0', (c) => (c.grad_c_n = c.grad_h_n))).toBe(
      'grad_c_n: only lstm has c_n, the mode is "gru"',
    );
    expect(errorOf('gru_L1_uni_bf_h0_T8_B2', (c) => (c.lengths = [8]))).toBe(
      'lengths: expected an array of 2 integers (one per sequence), got an array of length 1',
    );
    expect(errorOf('gru_L1_uni_bf_h0_T8_B2', (c) => (c.lengths = [8, 9]))).toBe(
      'lengths[1]: expected an integer in [1, 8], got number 9',
    );
  });

  it('rejects a non-object case', () => {
    expect(() => parseCase([1])).toThrow('case: expected a JSON object, got an array of length 1');
  });
});
