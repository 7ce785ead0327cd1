// runCase: parameters are checked against the layer (missing, extra, mis-shaped), bias=False
// cases work, JSON text errors are named; and the real `npm run engine:case` answers a fixture.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { answerCase, answerCaseJSON } from './runCase';
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
  it('names a missing, extra or mis-shaped parameter', () => {
    expect(errorOf('gru_L2_uni', (_, p) => delete p.weight_hh_l1)).toBe(
      'params.weight_hh_l1: missing (expected shape [15, 5])',
    );
    expect(errorOf('gru_L2_uni', (_, p) => (p.weight_hh_l2 = p.weight_hh_l1))).toMatch(
      /^params\.weight_hh_l2: unexpected: the module has no such parameter \(it has weight_ih_l0, /,
    );
    expect(errorOf('gru_L2_uni', (_, p) => (p.bias_ih_l0 = [1, 2]))).toBe(
      'params.bias_ih_l0: expected shape [15], got [2]',
    );
    // A reverse direction's tensors in a unidirectional case are extras.
    expect(errorOf('lstm_L1_uni_tf', (_, p) => (p.weight_ih_l0_reverse = p.weight_ih_l0))).toMatch(
      /^params\.weight_ih_l0_reverse: unexpected/,
    );
  });

  it('answers a bias=False case without bias gradients', () => {
    const f = fixture('nobias_lstm');
    const ours = answerCase(f.case);
    expect(Object.keys(ours.grads)).toEqual(Object.keys(f.answer.grads));
    expect(Object.keys(ours.grads).some((k) => k.startsWith('bias'))).toBe(false);
    assertClose(ours.grads.weight_hh_l1_reverse, f.answer.grads.weight_hh_l1_reverse, 'weight_hh_l1_reverse');
  });

  it('reports some but not all biases as the missing ones', () => {
    expect(errorOf('rnn_tanh_L1_uni', (_, p) => delete p.bias_hh_l0)).toMatch(/^params\.bias_hh_l0: missing/);
  });
});

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

  it('fails with one line naming the field and a non-zero exit', () => {
    const c = fixture('gru_L1_uni').case;
    delete c.grad_output;
    const r = run(JSON.stringify(c));
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('engine:case: grad_output: missing\n');
  });
});
