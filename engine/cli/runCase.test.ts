// runCase: bias=False cases work, an answer that is not finite names where, JSON text errors are named;
// and the real `npm run engine:case` answers a fixture and exits 1 for a bad case, 2 for an answer that is not finite.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findNonFinite, NonFiniteAnswerError } from './nonFinite';
import { answerCase, answerCaseJSON, type CaseAnswer } from './runCase';
import { assertClose } from '../testing/closeTo';

interface RecurrentFixture {
  name: string;
  case: Record<string, unknown>;
  answer: { output: unknown; h_n: unknown; c_n?: unknown; grads: Record<string, unknown> };
}
const fixtures = (
  JSON.parse(readFileSync(new URL('../testing/fixtures/rnn.json', import.meta.url), 'utf8')) as {
    cases: RecurrentFixture[];
  }
).cases;
const fixture = (prefix: string): RecurrentFixture => structuredClone(fixtures.find((c) => c.name.startsWith(prefix))!);

/** The message answerCase throws for the fixture's case after `edit`. */
function errorOf(prefix: string, edit: (c: Record<string, unknown>, params: Record<string, unknown>) => void): string {
  const c = fixture(prefix).case;
  edit(c, c.params as Record<string, unknown>);
  try {
    answerCase(c);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('answerCase accepted the case');
}

describe('answerCase', () => {
  it('answers a bias=False case without bias gradients', () => {
    const f = fixture('nobias_lstm');
    const ours = answerCase(f.case);
    expect(Object.keys(ours.grads)).toEqual(Object.keys(f.answer.grads));
    expect(Object.keys(ours.grads).some((k) => k.startsWith('bias'))).toBe(false);
    assertClose(ours.grads.weight_hh_l1_reverse, f.answer.grads.weight_hh_l1_reverse, 'weight_hh_l1_reverse');
  });

  it('names a parameter the layer does not fit (parseCase checks them before the layer is built)', () => {
    expect(errorOf('gru_L2_uni', (_, p) => delete p.weight_hh_l1)).toMatch(/^params\.weight_hh_l1: missing/);
  });

  it('names every output and gradient that is not finite, and where, keeping the numbers', () => {
    // 1e200 in W_hh of a relu RNN: h grows by 1e200 a step and overflows to Infinity at the third.
    const c = overflowing();
    let error: unknown;
    try {
      answerCase(c);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NonFiniteAnswerError);
    const e = error as NonFiniteAnswerError<CaseAnswer>;
    expect(e.field).toBe('output');
    expect(e.found.map((n) => n.field)).toEqual([
      'output',
      'h_n',
      'grads.weight_ih_l0',
      'grads.weight_hh_l0',
      'grads.bias_ih_l0',
      'grads.bias_hh_l0',
      'grads.input',
      'grads.h0',
    ]);
    const out = e.answer.output as number[][][];
    const [b, t, j] = e.found[0].at;
    expect(out[b][t][j]).toBe(e.found[0].value);
    expect(Number.isFinite(out[b][t][j])).toBe(false);
    expect(Number.isFinite(out[b][t - 1][j])).toBe(true);
    expect(e.message).toMatch(
      /^the answer is not finite: output\[0\]\[\d\]\[0\] is Infinity \(\d+ of 16 not finite\), h_n\[0\]\[0\]\[0\] is Infinity \(\d of 2 not finite\), grads\.weight_ih_l0\[0\]\[0\] is NaN \(2 of 2 not finite\), grads\.weight_hh_l0\[0\]\[0\] is NaN \(1 of 1 not finite\), and 4 more: grads\.bias_ih_l0, grads\.bias_hh_l0, grads\.input, grads\.h0\. Every number in the case is finite, so a value overflowed float64 \(beyond ±1\.8e308\) on the way$/,
    );
  });

  it('finds the first non-finite value of a tensor by its index in the shape', () => {
    const data = Float64Array.from({ length: 24 }, (_, i) => (i === 13 || i === 20 ? NaN : i));
    expect(findNonFinite('grads.h0', data, [2, 3, 4])).toEqual({
      field: 'grads.h0',
      at: [1, 0, 1],
      value: NaN,
      count: 2,
      size: 24,
    });
    expect(findNonFinite('h_n', data.subarray(0, 13), [13])).toBeNull();
  });
});

/** A batch-first relu RNN case whose W_hh of 1e200 overflows float64 within its 8 steps. */
function overflowing(): Record<string, unknown> {
  const c = fixture('rnn_relu_L1_uni_bf_h0_T8_B2_I2_H1').case;
  (c.params as Record<string, number[][]>).weight_hh_l0 = [[1e200]];
  return c;
}

describe('answerCaseJSON', () => {
  it('names bad text as the case', () => {
    expect(() => answerCaseJSON('  \n')).toThrow('case: empty input (pipe one case as JSON on stdin)');
    expect(() => answerCaseJSON('{"mode": ')).toThrow(/^case: not valid JSON/);
  });

  it('writes full float64 that reads back to the same doubles', () => {
    const f = fixture('rnn_relu_L1_uni_bf_h0');
    const text = answerCaseJSON(JSON.stringify(f.case));
    expect(JSON.parse(text)).toEqual(answerCase(f.case));
  });
});

describe('npm run --silent engine:case (spawned)', () => {
  const run = (stdin: string) =>
    spawnSync('npm', ['run', '--silent', 'engine:case'], {
      input: stdin,
      encoding: 'utf8',
      cwd: new URL('../..', import.meta.url).pathname,
    });

  it('answers a fixture on stdout', () => {
    const f = fixture('lstm_L2_bi_bf_h0');
    const r = run(JSON.stringify(f.case));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const ours = JSON.parse(r.stdout) as RecurrentFixture['answer'];
    for (const k of ['output', 'h_n', 'c_n'] as const) assertClose(ours[k], f.answer[k], k);
    for (const [k, g] of Object.entries(f.answer.grads)) assertClose(ours.grads[k], g, k);
  });

  it('fails with one line naming the field and exit 1: a missing field, hidden_size 1e6, a 200,000-deep h0', () => {
    const c = fixture('gru_L1_uni').case;
    delete c.grad_output;
    const r = run(JSON.stringify(c));
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('engine:case: grad_output: missing\n');
    const deep = JSON.stringify({ ...fixture('gru_L1_uni_bf_h0').case, h0: 0 }).replace(
      '"h0":0',
      `"h0":${'['.repeat(200_000)}0${']'.repeat(200_000)}`,
    );
    const wide = run(JSON.stringify({ ...fixture('gru_L1_uni').case, hidden_size: 1_000_000 }));
    expect([wide.status, wide.stdout, wide.stderr]).toEqual([
      1,
      '',
      'engine:case: hidden_size: 1000000 is above the limit of 1024 (engine/README.md says why)\n',
    ]);
    const d = run(deep);
    expect([d.status, d.stdout]).toEqual([1, '']);
    expect(d.stderr).toBe(
      'engine:case: h0: nested 200000 deep; a tensor here has at most 3 dimensions (expected shape [1, 2, 4])\n',
    );
  });

  it('refuses an answer that is not finite with one line naming where, nothing on stdout, and exit 2', () => {
    const r = run(JSON.stringify(overflowing()));
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^engine:case: the answer is not finite: output\[0\]\[\d\]\[0\] is Infinity .*\n$/);
    expect(r.stderr.split('\n')).toHaveLength(2);
  });
});
