// The time-to-target runner and its report on scripted tasks with a fake clock: it stops at the first
// evaluation that meets the target, separates evaluation time, reports a miss, and selects by group or id, and times a whole run's best evaluation.
import { describe, expect, it } from 'vitest';
import type { Task } from '../engine/train/task';
import { runTaskWorkload } from './runTaskWorkload';
import { formatDelayTable, formatTaskResult, tasksLine } from './taskReport';
import { selectTaskWorkloads, taskWorkloads, type TaskWorkload } from './taskWorkloads';

/** A task whose validation loss after evaluation k is `valLosses[k]`; every step costs 10 ms and every evaluation 100 ms of the fake clock. */
function fake(valLosses: number[], clock: { t: number }): Task {
  let evals = 0;
  return {
    name: 'synthetic',
    stepsPerEpoch: 10,
    baselines: { valLoss: 2, accuracy: 0.125 },
    step: () => {
      clock.t += 10;
      return { loss: 1, gradNorm: 1 };
    },
    evaluate: () => {
      clock.t += 100;
      const valLoss = valLosses[evals++] ?? 9;
      return { valLoss, metrics: { accuracy: 1 - valLoss / 2 } };
    },
    setLearningRate: () => {},
    parametersFinite: () => true,
  };
}

function workload(valLosses: number[], clock: { t: number }, maxSteps = 100): TaskWorkload {
  return {
    id: 'fake',
    group: 'tasks',
    title: 'a scripted task',
    config: {
      ...taskWorkloads.find((w) => w.id === 'synthetic')!.config,
      maxSteps,
      evalEvery: 5,
    },
    create: () => fake(valLosses, clock),
    target: { text: 'validation loss below 0.5', reached: (r) => r.valLoss < 0.5 },
    show: ['valLoss', 'accuracy'],
    showcase: () => ['a sample line'],
  };
}

describe('runTaskWorkload', () => {
  it('stops at the first evaluation that meets the target and times evaluations apart', () => {
    const clock = { t: 0 };
    const result = runTaskWorkload(workload([1.5, 0.9, 0.4, 0.1], clock), { now: () => clock.t });
    expect(result.reached).toMatchObject({ step: 15, epoch: 1.5, ms: 15 * 10 + 3 * 100, evalMs: 300, evaluations: 3 });
    expect(result.reached?.report.valLoss).toBe(0.4);
    expect(result.steps).toBe(15);
    expect(result.status).toBe('running');
    const text = formatTaskResult(result).join('\n');
    expect(text).toContain(
      '[met]    step 15 (epoch 1.50) after 0.5 s: training 0.1 s (10 ms/step), 3 evaluations 0.3 s',
    );
    expect(text).toContain('there:   valLoss 0.400, accuracy 80.0%');
    expect(text).toContain('baseline: valLoss 2.000, accuracy 12.5%');
    expect(text).toContain('  a sample line');
    expect(tasksLine([result])).toBe('TASKS {"fake":{"reached":true,"steps":15,"seconds":0.5}}');
  });

  it('with a `best` target, trains the whole run and times the evaluation with the best metric', () => {
    const clock = { t: 0 };
    const w = workload([1.5, 0.4, 0.9, 0.4, 1.2], clock, 25);
    const result = runTaskWorkload(
      { ...w, target: { text: 'its best accuracy', reached: () => true, best: 'accuracy' } },
      {
        now: () => clock.t,
      },
    );
    // accuracy = 1 − valLoss/2: best (0.8) first at the second evaluation, step 10; the tie at step 20 does not count.
    expect(result.reached).toMatchObject({ step: 10, ms: 10 * 10 + 2 * 100, evaluations: 2 });
    expect(result.steps).toBe(25);
    expect(result.status).toBe('done');
  });

  it('with `lowerIsBetter`, times the evaluation with the lowest value of the metric', () => {
    const clock = { t: 0 };
    const w = workload([0.4, 1.5, 0.9, 1.5, 0.2], clock, 25);
    const result = runTaskWorkload(
      { ...w, target: { text: 'its lowest accuracy', reached: () => true, best: 'accuracy', lowerIsBetter: true } },
      { now: () => clock.t },
    );
    // accuracy = 1 − valLoss/2: 0.8, 0.25, 0.55, 0.25, 0.9; the lowest first at step 10, the tie at step 20 does not count.
    expect(result.reached).toMatchObject({ step: 10, evaluations: 2 });
    expect(result.reached?.report.metrics.accuracy).toBe(0.25);
    expect(result.steps).toBe(25);
  });

  it('reports a miss with the best evaluation when the run ends first', () => {
    const clock = { t: 0 };
    const result = runTaskWorkload(workload([1.5, 0.9, 1.2], clock, 15), { now: () => clock.t });
    expect(result.reached).toBeNull();
    expect(result.status).toBe('done');
    const text = formatTaskResult(result).join('\n');
    expect(text).toContain('[MISSED] not met in 15 steps (0.5 s); Finished 15 steps');
    expect(text).toContain('best:    valLoss 0.900, accuracy 55.0% (step 10)');
    expect(tasksLine([result])).toBe('TASKS {"fake":{"reached":false,"steps":15,"seconds":0.5}}');
  });

  it('tabulates the recall comparison by delay and cell', () => {
    const clock = { t: 0 };
    const make = (delay: number, cell: string, losses: number[]) => {
      const w = workload(losses, clock, 10);
      return runTaskWorkload(
        { ...w, group: 'delays', config: { ...w.config, delay, cell } as TaskWorkload['config'] },
        { now: () => clock.t },
      );
    };
    const lines = formatDelayTable([
      make(5, 'rnn', [0.1]),
      make(5, 'lstm', [0.2]),
      make(20, 'rnn', [1.5, 1.2]),
      make(20, 'lstm', [1, 0.3]),
    ]);
    expect(lines[1]).toMatch(
      /^ {2}delay {2}rnn: steps to target, best acc, time +lstm: steps to target, best acc, time$/,
    );
    expect(lines[2]).toMatch(/^ {2}5 +5, 95\.0%, 0\.1 s +5, 90\.0%, 0\.1 s$/);
    expect(lines[3]).toMatch(/^ {2}20 +– \(10\), 40\.0%, 0\.3 s +10, 85\.0%, 0\.3 s$/);
  });
});

describe('selectTaskWorkloads', () => {
  it('runs the eight task workloads by default, none in a quick run, and the delay table only when named', () => {
    expect(selectTaskWorkloads(undefined, false).map((w) => w.id)).toEqual([
      'char-model',
      'forecast',
      'sentiment',
      'sentiment-uci',
      'teacher-forcing',
      'translate',
      'translate-no-attention',
      'synthetic',
    ]);
    expect(selectTaskWorkloads(undefined, true)).toEqual([]);
    expect(selectTaskWorkloads(['lstm'], false)).toEqual([]);
    expect(selectTaskWorkloads(['forecast'], true).map((w) => w.id)).toEqual(['forecast']);
    expect(selectTaskWorkloads(['delays'], false)).toHaveLength(9);
  });
});
