// parseCase: a valid fixture parses to the right sizes; each kind of bad field fails with a
// one-line error that names it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCase } from './parseCase';

const rnn = JSON.parse(readFileSync(new URL('../testing/fixtures/rnn.json', import.meta.url), 'utf8')) as {
  cases: { name: string; case: Record<string, unknown> }[];
};
const byName = (prefix: string): Record<string, unknown> =>
  structuredClone(rnn.cases.find((c) => c.name.startsWith(prefix))!.case);

/** The message parseCase throws for `c` after `edit`. */
function errorOf(prefix: string, edit: (c: Record<string, unknown>) => void): string {
  const c = byName(prefix);
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
      'input: last dimension must be input_size 3, got shape [3, 8, 2]',
    );
    expect(errorOf('rnn_tanh_L1_uni_bf_h0_T8_B3_I2_H3', (c) => (c.hidden_size = 4))).toBe(
      'h0: expected shape [1, 3, 4], got [1, 3, 3]',
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
