// The driver on scripted tasks: evaluation schedule, best-so-far, early stopping, the divergence
// sentences, learning-rate changes and config checks. Real tasks diverging are tested in tasks/.
import { describe, expect, it } from 'vitest';
import { Tensor } from '../tensor';
import type { EvalReport, StepReport, Task } from './task';
import { createRun, divergenceMessage, formatLearningRate } from './trainer';

/** A task that replays scripted losses; `lrs` records every learning-rate change. */
function scripted(
  opts: { losses?: number[]; valLosses?: number[]; badParamsAt?: number; stepsPerEpoch?: number } = {},
) {
  let steps = 0;
  let evals = 0;
  const lrs: number[] = [];
  const task: Task = {
    name: 'synthetic',
    stepsPerEpoch: opts.stepsPerEpoch ?? 4,
    step(): StepReport {
      steps++;
      return { loss: opts.losses?.[steps - 1] ?? 1 / steps, gradNorm: 2 * steps };
    },
    evaluate(): EvalReport {
      const valLoss = opts.valLosses?.[evals] ?? 1 / (evals + 1);
      evals++;
      return { valLoss, metrics: { accuracy: evals / 10 } };
    },
    setLearningRate: (lr) => lrs.push(lr),
    parametersFinite: () => opts.badParamsAt === undefined || steps < opts.badParamsAt,
  };
  return { task, lrs, evalCount: () => evals };
}

const base = { learningRate: 0.01, maxSteps: 7, evalEvery: 3 };

describe('createRun', () => {
  it('reports every step, evaluates every evalEvery steps and after the last, then is done', () => {
    const { task, evalCount } = scripted();
    const run = createRun(task, base);
    const progress = [];
    while (run.status === 'running') progress.push(run.step());
    expect(progress.map((p) => p.step)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(progress.filter((p) => p.eval).map((p) => p.step)).toEqual([3, 6, 7]);
    expect(evalCount()).toBe(3);
    expect(progress[1]).toMatchObject({ loss: 0.5, gradNorm: 4, epoch: 0.5, learningRate: 0.01, status: 'running' });
    expect(progress[1].message).toBeUndefined();
    const last = progress[6];
    expect(last.status).toBe('done');
    expect(last.message).toBe('Finished 7 steps (best validation loss 0.3333 at step 7).');
    expect(last.best).toEqual({ step: 7, valLoss: 1 / 3, metrics: { accuracy: 0.3 } });
    expect(run.stepsDone).toBe(7);
    expect(run.last).toBe(last);
    expect(() => run.step()).toThrow(/the run is over \(done\)/);
  });

  it('keeps the best evaluation, not the last', () => {
    const { task } = scripted({ valLosses: [0.9, 0.5, 0.7] });
    const run = createRun(task, base);
    while (run.status === 'running') run.step();
    expect(run.best).toMatchObject({ step: 6, valLoss: 0.5 });
  });

  it('stops early after `patience` evaluations without improvement', () => {
    const { task } = scripted({ valLosses: [1, 0.8, 0.85, 0.8, 0.9, 0.1] });
    const run = createRun(task, { learningRate: 0.01, maxSteps: 100, evalEvery: 2, patience: 3 });
    let p;
    do p = run.step();
    while (run.status === 'running');
    // Evaluations at steps 2, 4, 6, 8, 10: best at 4, then 6, 8 and 10 bring nothing lower (0.8 is not < 0.8).
    expect(p.step).toBe(10);
    expect(run.status).toBe('early-stopped');
    expect(p.status).toBe('early-stopped');
    expect(run.message).toBe(
      'Stopped early at step 10: the validation loss has not improved for 3 evaluations (best 0.8000 at step 4).',
    );
    expect(run.best?.step).toBe(4);
  });

  it('never stops early with patience 0', () => {
    const { task } = scripted({ valLosses: [1, 2, 3, 4, 5, 6, 7, 8] });
    const run = createRun(task, { learningRate: 0.01, maxSteps: 8, evalEvery: 1, patience: 0 });
    while (run.status === 'running') run.step();
    expect(run.status).toBe('done');
  });

  it('stops a run whose loss becomes NaN, with the step and a sentence suggesting a lower rate and clipping', () => {
    const { task } = scripted({ losses: [2, 1.5, 9, NaN, 1] });
    const run = createRun(task, { learningRate: 0.5, maxSteps: 10, evalEvery: 100 });
    const seen = [];
    while (run.status === 'running') seen.push(run.step());
    expect(seen).toHaveLength(4);
    expect(run.status).toBe('diverged');
    expect(run.divergence).toEqual({
      step: 4,
      what: 'loss',
      message:
        'The loss became NaN at step 4: the learning rate 0.5 is probably too high for this model — try 0.05, or turn gradient clipping on.',
    });
    expect(seen[3].message).toBe(run.divergence?.message);
    expect(() => run.step()).toThrow(/diverged/);
  });

  it('mentions clipping only when it is off', () => {
    const { task } = scripted({ losses: [1, Infinity] });
    const run = createRun(task, { learningRate: 0.3, maxSteps: 10, evalEvery: 100, clip: 1 });
    run.step();
    const p = run.step();
    expect(p.status).toBe('diverged');
    expect(p.message).toBe(
      'The loss became infinite at step 2: the learning rate 0.3 is probably too high for this model — try 0.03.',
    );
  });

  it('stops when the parameters become non-finite even if the loss was finite', () => {
    const { task } = scripted({ badParamsAt: 3 });
    const run = createRun(task, { learningRate: 2, maxSteps: 10, evalEvery: 100 });
    while (run.status === 'running') run.step();
    expect(run.divergence?.step).toBe(3);
    expect(run.divergence?.what).toBe('parameters');
    expect(run.message).toMatch(
      /^The weights became NaN or infinite at step 3: the learning rate 2 is probably too high/,
    );
  });

  it('stops a run whose finite loss stays above ten times its first value for five steps', () => {
    // One spike (step 3) is forgiven; the streak from step 5 is not.
    const { task } = scripted({ losses: [4, 3, 50, 3, 41, 60, 900, 80, 45, 1, 1] });
    const run = createRun(task, { learningRate: 10, maxSteps: 20, evalEvery: 100 });
    while (run.status === 'running') run.step();
    expect(run.stepsDone).toBe(9);
    expect(run.divergence).toEqual({
      step: 5,
      what: 'exploded',
      message:
        'The loss blew up at step 5: it rose above 40, 10 times its first value, and stayed there for 5 ' +
        'steps. The learning rate 10 is probably too high for this model — try 1, or turn gradient clipping ' +
        'on.',
    });
  });

  it('blames the data, not the learning rate, when the very first loss is NaN', () => {
    expect(divergenceMessage('loss', 1, NaN, 0.01, false)).toMatch(
      /^The loss was NaN at the very first step, before any update/,
    );
  });

  it('changes the learning rate from the next step on and tells the task', () => {
    const { task, lrs } = scripted();
    const run = createRun(task, { learningRate: 0.01, maxSteps: 5, evalEvery: 10 });
    run.step();
    run.setLearningRate(0.002);
    expect(run.learningRate).toBe(0.002);
    expect(run.step().learningRate).toBe(0.002);
    expect(lrs).toEqual([0.002]);
    expect(() => run.setLearningRate(-1)).toThrow(RangeError);
    expect(() => run.setLearningRate(NaN)).toThrow(RangeError);
  });

  it('rejects bad settings with the setting named', () => {
    const { task } = scripted();
    expect(() => createRun(task, { ...base, learningRate: 0 })).toThrow(
      'learningRate must be a number above 0 and at most 100, got 0',
    );
    expect(() => createRun(task, { ...base, maxSteps: 2.5 })).toThrow(/maxSteps/);
    expect(() => createRun(task, { ...base, evalEvery: 0 })).toThrow(/evalEvery/);
    expect(() => createRun(task, { ...base, patience: -1 })).toThrow(/patience/);
    expect(() => createRun(task, { ...base, clip: -1 })).toThrow('clip must be a number at least 0, got -1');
  });
});

describe('formatLearningRate', () => {
  it('writes rates as a reader types them', () => {
    expect(formatLearningRate(0.5)).toBe('0.5');
    expect(formatLearningRate(0.003)).toBe('0.003');
    expect(formatLearningRate(1 / 3)).toBe('0.333');
    expect(formatLearningRate(3e-5)).toBe('3e-5');
    expect(formatLearningRate(1.5e-6)).toBe('1.5e-6');
  });

  it('restores the weights of the best evaluation when it stops early, and measures them again', () => {
    // One weight w, +1 per step; the validation loss (w − 3)² + 1 is lowest after step 3.
    const w = new Tensor(new Float32Array([0]), [1]);
    let evaluations = 0;
    const task: Task = {
      name: 'synthetic',
      stepsPerEpoch: 10,
      step: () => {
        w.data[0] += 1;
        return { loss: 1 / w.data[0], gradNorm: 1 };
      },
      evaluate: () => {
        evaluations++;
        return { valLoss: (w.data[0] - 3) ** 2 + 1, metrics: {} };
      },
      setLearningRate: () => undefined,
      parametersFinite: () => true,
      namedParameters: () => new Map([['w', w]]),
    };
    const run = createRun(task, { learningRate: 0.1, maxSteps: 20, evalEvery: 1, patience: 2, restoreBest: true });
    let last;
    while (run.status === 'running') last = run.step();
    expect(run.status).toBe('early-stopped');
    expect(run.stepsDone).toBe(5);
    expect(w.data[0]).toBe(3);
    expect(run.restored).toEqual({ step: 3, valLoss: 1 });
    expect(last?.restored).toEqual({ step: 3, valLoss: 1 });
    expect(evaluations).toBe(6);
    expect(run.message).toBe(
      'Stopped early at step 5: the validation loss has not improved for 2 evaluations (best 1.000 at step 3). ' +
        'The weights of step 3 were restored (validation loss 1.000).',
    );
  });

  it('restores nothing when the last evaluation was the best, and refuses restoreBest without weights', () => {
    const { task } = scripted();
    expect(() => createRun(task, { ...base, restoreBest: true })).toThrow(/does not expose its weights/);
    const w = new Tensor(new Float32Array([0]), [1]);
    const run = createRun({ ...task, namedParameters: () => new Map([['w', w]]) }, { ...base, restoreBest: true });
    while (run.status === 'running') run.step();
    expect(run.status).toBe('done');
    expect(run.restored).toBeNull();
  });
});
