import { describe, expect, it } from 'vitest';
import { encodeSteps, randomSequence, targets } from './task';
import { CONFIGS, configKey, trainNetwork, TRAIN_DEFAULTS, type TrainedNetwork } from './train';
import weights from './weights.json';

const stored = weights as unknown as Record<string, TrainedNetwork>;
const flat = (x: unknown): number[] => (Array.isArray(x) ? x.flatMap(flat) : [x as number]);

describe('the toy task', () => {
  it('encodes x_t = [value, mark] and reports the latest mark so far, or in the whole sequence', () => {
    const steps = [
      { value: 0.5, marked: false },
      { value: -0.3, marked: true },
      { value: 0.9, marked: false },
      { value: 0.2, marked: true },
    ];
    expect(encodeSteps(steps)).toEqual([0.5, 0, -0.3, 1, 0.9, 0, 0.2, 1]);
    expect(targets(steps, 'latest-so-far')).toEqual([0, -0.3, -0.3, 0.2]);
    expect(targets(steps, 'latest-in-sequence')).toEqual([0.2, 0.2, 0.2, 0.2]);
  });

  it('draws sequences with at most the allowed number of marks', () => {
    let u = 0.123;
    const rng = { next: () => (u = ((u * 9301 + 49297) % 233280) / 233280) };
    for (let k = 0; k < 200; k++) {
      const s = randomSequence(10, rng, k % 2 === 0 ? 1 : 2);
      const marks = s.filter((x) => x.marked).length;
      expect(marks).toBeLessThanOrEqual(k % 2 === 0 ? 1 : 2);
      expect(s.every((x) => x.value >= -1 && x.value <= 1)).toBe(true);
    }
  });
});

describe('gate-inspector weights', () => {
  it('weights.json holds every network, each trained to a small error', () => {
    expect(Object.keys(stored)).toEqual(CONFIGS.map(configKey));
    for (const [key, net] of Object.entries(stored)) {
      expect(net.steps, key).toBe(TRAIN_DEFAULTS.steps);
      // The targets have variance 1/3; an error 300× smaller means the network does the task.
      expect(net.finalLoss, key).toBeLessThan(1e-3 * 1.5);
    }
  });

  it('weights.json is what trainNetwork() gives for the single-layer LSTM (regenerate with writeWeights.ts)', () => {
    const fresh = trainNetwork({ cell: 'lstm', numLayers: 1, bidirectional: false });
    const saved = stored['lstm-l1'];
    for (const part of ['rnn', 'fc'] as const) {
      for (const [name, value] of Object.entries(fresh[part])) {
        const want = flat(saved[part][name]);
        const got = flat(value);
        expect(got).toHaveLength(want.length);
        got.forEach((v, i) => expect(Math.abs(v - want[i])).toBeLessThan(1e-9));
      }
    }
    expect(fresh.finalLoss).toBeCloseTo(saved.finalLoss, 9);
  });
});
