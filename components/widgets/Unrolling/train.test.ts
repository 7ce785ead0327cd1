import { describe, expect, it } from 'vitest';
import { trainWeights, TRAIN_DEFAULTS } from './train';
import weights from './weights.json';

const flat = (x: unknown): number[] => (Array.isArray(x) ? x.flatMap(flat) : [x as number]);

describe('unrolling weights', () => {
  it('weights.json is what trainWeights() gives (regenerate with writeWeights.ts after changing train.ts)', () => {
    const fresh = trainWeights();
    expect(fresh.steps).toBe(TRAIN_DEFAULTS.steps);
    expect(Object.keys(weights.rnn)).toEqual(['weight_ih_l0', 'weight_hh_l0', 'bias_ih_l0', 'bias_hh_l0']);
    expect(Object.keys(weights.fc)).toEqual(['weight', 'bias']);
    for (const part of ['rnn', 'fc'] as const) {
      for (const [name, value] of Object.entries(fresh[part])) {
        const stored = flat((weights[part] as Record<string, unknown>)[name]);
        const got = flat(value);
        expect(stored).toHaveLength(got.length);
        got.forEach((v, i) => expect(Math.abs(v - stored[i])).toBeLessThan(1e-9));
      }
    }
  });

  it('training lowered the loss well below chance (ln 27 ≈ 3.3)', () => {
    expect(weights.finalLoss).toBeLessThan(1.2);
    expect(trainWeights({ steps: 0 }).finalLoss).toBeNaN();
  });
});
