import { describe, expect, it } from 'vitest';
import { unroll } from './model';
import { HIDDEN_SIZE } from './train';
import { ALPHABET, charIndex, encodeText } from './vocab';
import weights from './weights.json';

const W = weights.rnn;
const fc = weights.fc;
const argmax = (v: number[]): number => v.indexOf(Math.max(...v));

/** h_t = tanh(W_ih x_t + b_ih + W_hh h_{t−1} + b_hh), y_t = softmax(W h_t + b), by hand with plain loops. */
function byHand(ids: number[]): { h: number[][]; probs: number[][] } {
  let h = new Array(HIDDEN_SIZE).fill(0);
  const hs: number[][] = [];
  const probs: number[][] = [];
  for (const id of ids) {
    h = h.map((_, i) => {
      let a = W.weight_ih_l0[i][id] + W.bias_ih_l0[i] + W.bias_hh_l0[i];
      for (let j = 0; j < HIDDEN_SIZE; j++) a += W.weight_hh_l0[i][j] * h[j];
      return Math.tanh(a);
    });
    hs.push(h);
    const z = fc.weight.map((row, k) => row.reduce((s, w, j) => s + w * h[j], fc.bias[k]));
    const m = Math.max(...z);
    const e = z.map((v) => Math.exp(v - m));
    const total = e.reduce((a, b) => a + b, 0);
    probs.push(e.map((v) => v / total));
  }
  return { h: hs, probs };
}

describe('unrolling model', () => {
  it('gives the hidden states and distributions of a hand-written loop', () => {
    const ids = encodeText('hello there').ids;
    const got = unroll(ids);
    const want = byHand(ids);
    expect(got.h).toHaveLength(ids.length);
    got.h.forEach((row, t) => row.forEach((v, i) => expect(v).toBeCloseTo(want.h[t][i], 12)));
    got.probs.forEach((row, t) => {
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      row.forEach((v, k) => expect(v).toBeCloseTo(want.probs[t][k], 12));
    });
  });

  it('learned a habit of its training text: after “hel” comes “l”, after “th” comes “e”', () => {
    expect(ALPHABET[argmax(unroll(encodeText('hel').ids).probs[2])]).toBe('l');
    expect(ALPHABET[argmax(unroll(encodeText('th').ids).probs[1])]).toBe('e');
    expect(unroll([charIndex('a')]).h[0]).toHaveLength(HIDDEN_SIZE);
  });
});
