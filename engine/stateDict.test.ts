// state_dict export and import: PyTorch's names and order, exact round trips (ours → JSON → ours,
// PyTorch's → ours → back), and errors naming a missing, extra or mis-shaped tensor.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadStateDict, stateDict } from './stateDict';
import { GRU, LSTM, Linear } from './index';
import { Rng } from './random';

const rnn = JSON.parse(readFileSync(new URL('./testing/fixtures/rnn.json', import.meta.url), 'utf8')) as {
  cases: { name: string; case: { params: Record<string, unknown> } }[];
};
const torchParams = (prefix: string): Record<string, unknown> =>
  rnn.cases.find((c) => c.name.startsWith(prefix))!.case.params;

/** The message `fn` throws. */
function errorOf(fn: () => void): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('no error');
}

describe('stateDict', () => {
  it("has PyTorch's names in PyTorch's order and gives a PyTorch state_dict back unchanged", () => {
    // The fixture's keys are in the order torch's state_dict() listed them.
    const dict = torchParams('lstm_L3_bi');
    const lstm = new LSTM(3, 4, { numLayers: 3, bidirectional: true, dtype: 'float64' });
    loadStateDict(lstm, dict);
    const back = stateDict(lstm);
    expect(Object.keys(back)).toEqual(Object.keys(dict));
    expect(back).toEqual(dict);
  });

  it('round-trips through JSON text into a differently initialised module, bit for bit', () => {
    const a = new GRU(2, 3, { numLayers: 2, rng: new Rng(1) });
    const b = new GRU(2, 3, { numLayers: 2, rng: new Rng(2) });
    expect(b.parameters()[0].data).not.toEqual(a.parameters()[0].data);
    loadStateDict(b, JSON.parse(JSON.stringify(stateDict(a))));
    a.parameters().forEach((p, i) => expect(b.parameters()[i].data).toEqual(p.data));
  });

  it('converts float64 values into a float32 module', () => {
    const lin = new Linear(1, 1);
    loadStateDict(lin, { weight: [[0.1]], bias: [0.2] });
    expect(lin.weight.data[0]).toBe(Math.fround(0.1));
  });
});

describe('loadStateDict errors', () => {
  const lin = (): Linear => new Linear(2, 3, { dtype: 'float64' });
  const good = {
    weight: [
      [1, 2],
      [3, 4],
      [5, 6],
    ],
    bias: [7, 8, 9],
  };

  it('names a missing tensor with its expected shape', () => {
    expect(errorOf(() => loadStateDict(lin(), { weight: good.weight }))).toBe(
      'state_dict.bias: missing (expected shape [3])',
    );
  });

  it('names an extra tensor', () => {
    expect(errorOf(() => loadStateDict(lin(), { ...good, bias_hh_l0: [1] }))).toBe(
      'state_dict.bias_hh_l0: unexpected: the module has no such parameter (it has weight, bias)',
    );
  });

  it('names a mis-shaped tensor, with the label asked for', () => {
    expect(errorOf(() => loadStateDict(lin(), { ...good, weight: [[1, 2, 3]] }, { label: 'params' }))).toBe(
      'params.weight: expected shape [3, 2], got [1, 3]',
    );
  });

  it('counts the other problems and writes nothing', () => {
    const m = lin();
    const before = Float64Array.from(m.bias!.data);
    expect(errorOf(() => loadStateDict(m, { bias: [0, 0, 0], weight: [[1]], extra: 1 }))).toBe(
      'state_dict.weight: expected shape [3, 2], got [1, 1] (and 1 more problem)',
    );
    expect(m.bias!.data).toEqual(before);
  });

  it('rejects a non-object', () => {
    expect(errorOf(() => loadStateDict(lin(), [1, 2]))).toBe(
      'state_dict: expected an object of parameter name → nested array, got an array of length 2',
    );
  });
});
