// The synthetic tasks at short delays: an LSTM learns to recall a token, the adding and parity problems
// train and report against their no-learning baselines, runs repeat bit for bit, a bad problem is named.
import { describe, expect, it } from 'vitest';
import { createRun } from '../trainer';
import { createSyntheticTask } from './synthetic';
import { SYNTHETIC_DEFAULTS, type SyntheticConfig } from './syntheticConfig';

const small: SyntheticConfig = {
  ...SYNTHETIC_DEFAULTS,
  delay: 5,
  hiddenSize: 32,
  trainCount: 1024,
  validationCount: 256,
  maxSteps: 120,
  evalEvery: 60,
};

function train(config: SyntheticConfig) {
  const task = createSyntheticTask(config);
  const run = createRun(task, config);
  const losses = [];
  while (run.status === 'running') losses.push(run.step().loss);
  return { task, run, losses };
}

describe('synthetic tasks', () => {
  it('recall: an LSTM learns to name the first token after 5 noisy steps, far above chance', () => {
    const { task, run, losses } = train(small);
    expect(task.baselines).toEqual({ accuracy: 1 / 8, valLoss: Math.log(8) });
    expect(losses[0]).toBeCloseTo(Math.log(8), 0);
    const { valLoss, metrics } = run.last!.eval!;
    expect(metrics.accuracy).toBeGreaterThan(0.9);
    expect(valLoss).toBeLessThan(0.5);
    const shown = task.showcase();
    expect(shown.problem).toBe('recall');
    // The query token K + 1 = 9 closes every sequence; the answer is the first token.
    for (const e of shown.examples) {
      expect((e.input as number[]).at(-1)).toBe(9);
      expect(e.target).toBe((e.input as number[])[0]);
    }
  });

  it('adding: the MSE falls below the constant guess of 1/6', () => {
    const config: SyntheticConfig = {
      ...small,
      problem: 'adding',
      delay: 10,
      maxSteps: 150,
      evalEvery: 150,
      learningRate: 1e-2,
    };
    const { task, run } = train(config);
    expect(task.baselines.mse).toBeCloseTo(1 / 6, 10);
    const { valLoss, metrics } = run.last!.eval!;
    expect(metrics.mse).toBe(valLoss);
    expect(metrics.mse).toBeLessThan(1 / 6);
  });

  it('parity: trains and reports accuracy against chance 1/2', () => {
    const config: SyntheticConfig = { ...small, problem: 'parity', delay: 4, cell: 'gru', maxSteps: 40, evalEvery: 40 };
    const { task, run, losses } = train(config);
    expect(task.baselines.accuracy).toBe(0.5);
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(run.last!.eval!.metrics.accuracy).toBeGreaterThanOrEqual(0);
  });

  it('gives a bit-identical loss curve for the same seed and cell', () => {
    const curve = (config: SyntheticConfig) => {
      const task = createSyntheticTask(config);
      return Array.from({ length: 10 }, () => task.step().loss);
    };
    for (const cell of ['rnn', 'lstm', 'gru'] as const) {
      const a = curve({ ...small, cell });
      expect(curve({ ...small, cell })).toEqual(a);
      expect(curve({ ...small, cell, seed: 3 })).not.toEqual(a);
    }
  });

  it("starts the LSTM forget gates at the configured bias, and PyTorch's random one without it", () => {
    const named = (config: SyntheticConfig) => createSyntheticTask(config).namedParameters!();
    const H = small.hiddenSize;
    const p = named({ ...small, forgetBias: 1 });
    const bih = p.get('rnn.bias_ih_l0')!.data;
    const bhh = p.get('rnn.bias_hh_l0')!.data;
    for (let j = H; j < 2 * H; j++) expect(bih[j] + bhh[j]).toBe(1);
    const plain = named({ ...small, forgetBias: undefined }).get('rnn.bias_ih_l0')!.data;
    expect(Math.max(...Array.from(plain.subarray(H, 2 * H), Math.abs))).toBeLessThanOrEqual(1 / Math.sqrt(H));
  });

  it('count: memorises a few sequences, reporting accuracy on them beside the validation accuracy', () => {
    const config: SyntheticConfig = {
      ...small,
      problem: 'count',
      delay: 12,
      numSymbols: 10,
      trainCount: 64,
      validationCount: 200,
      hiddenSize: 48,
      batchSize: 16,
      learningRate: 1e-2,
      maxSteps: 160,
      evalEvery: 40,
    };
    const { task, run } = train(config);
    const { accuracy, valLoss } = task.baselines;
    // Always answering the larger class, and answering with the class shares.
    expect(accuracy).toBeGreaterThanOrEqual(0.5);
    const p = 1 - accuracy;
    expect(valLoss).toBeCloseTo(-(p * Math.log(p) + (1 - p) * Math.log(1 - p)), 10);
    const { metrics } = run.last!.eval!;
    expect(metrics.trainAccuracy).toBeGreaterThan(0.95);
    expect(metrics.accuracy).toBeLessThan(metrics.trainAccuracy);
  });

  it('names a bad problem or delay', () => {
    expect(() => createSyntheticTask({ ...small, problem: 'copy' as never })).toThrow(
      'synthetic: problem must be one of recall, adding, parity, count, got "copy"',
    );
    expect(() => createSyntheticTask({ ...small, problem: 'count', numSymbols: 5 })).toThrow(
      'synthetic: numSymbols must be at least 8 for the count problem (it counts symbols 3 and 7), got 5',
    );
    expect(() => createSyntheticTask({ ...small, delay: 0 })).toThrow(
      'synthetic: delay must be a whole number from 1 to 1000, got 0',
    );
    expect(() => createSyntheticTask({ ...small, trainCount: 16 })).toThrow(
      'synthetic: trainCount must be at least batchSize (32), got 16',
    );
  });
});
