// The births generator on the real series, briefly trained: the loss falls, the ratio follows its schedule, the
// first generated step is the same free or forced, free running feeds predictions back, runs are repeatable.
import { describe, expect, it } from 'vitest';
import { loadUsBirths } from '../../../scripts/data/datasets';
import { createRun } from '../trainer';
import { createTeacherForcingTask } from './teacherForcing';
import { TEACHER_FORCING_DEFAULTS, type TeacherForcingConfig } from './teacherForcingConfig';

const records = loadUsBirths();
const small: TeacherForcingConfig = {
  ...TEACHER_FORCING_DEFAULTS,
  hiddenSize: 12,
  warmup: 14,
  horizon: 14,
  batchSize: 16,
  maxSteps: 40,
  evalEvery: 20,
};
const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('teacher-forcing task', () => {
  it('learns with teacher forcing: the training loss falls and the free-running validation MAE shrinks', () => {
    const task = createTeacherForcingTask(small, { records });
    const before = task.evaluate();
    const run = createRun(task, small);
    const losses: number[] = [];
    while (run.status === 'running') losses.push(run.step().loss);
    const after = run.last!.eval!;
    expect(mean(losses.slice(-10))).toBeLessThan(mean(losses.slice(0, 10)));
    expect(after.valLoss).toBeLessThan(before.valLoss);
    expect(after.metrics.mae).toBeLessThan(before.metrics.mae);
    for (const key of ['mae', 'testMae', 'testMaeFirstWeek', 'testMaeLastWeek', 'testMaeOneStep'])
      expect(after.metrics[key]).toBeGreaterThan(50);
  });

  it('moves the ratio in a straight line from teacherForcing to teacherForcingEnd over maxSteps', () => {
    const task = createTeacherForcingTask(
      { ...small, teacherForcing: 1, teacherForcingEnd: 0, maxSteps: 5 },
      { records },
    );
    const seen: number[] = [];
    for (let s = 0; s < 5; s++) {
      seen.push(task.ratio());
      task.step();
    }
    expect(seen).toEqual([1, 0.75, 0.5, 0.25, 0]);
    expect(createTeacherForcingTask({ ...small, teacherForcing: 0.3 }, { records }).ratio()).toBe(0.3);
  });

  it('generates free running: step 1 equals the one-step forecast, later steps read earlier predictions', () => {
    const task = createTeacherForcingTask(small, { records });
    for (let s = 0; s < 10; s++) task.step();
    const r = task.generationReport();
    expect(r.year).toBe(2014);
    expect(r.freeRunning).toHaveLength(14);
    expect(r.oneStep).toHaveLength(14);
    expect(r.freeRunning[0]).toBeCloseTo(r.oneStep[0], 9);
    expect(r.freeRunning.slice(1)).not.toEqual(r.oneStep.slice(1));
    // Origins every 7th day of 2014 with room for 14 days after them.
    expect(r.origins).toBe(Math.floor((365 - 14) / 7) + 1);
    expect(r.example.dates[0]).toBe('2014-01-01');
    expect(r.example.actual[0]).toBe(records.find((d) => d.date === '2014-01-01')!.births);
    expect(r.example.generated.every(Number.isFinite)).toBe(true);
    const m = task.evaluate().metrics;
    expect(m.testMae).toBeCloseTo(mean(r.freeRunning), 6);
    expect(m.testMaeOneStep).toBeCloseTo(mean(r.oneStep), 6);
    expect(m.testMaeLastWeek).toBeCloseTo(mean(r.freeRunning.slice(-7)), 6);
  });

  it('trains differently on its own predictions than on the truth, and repeats itself for one seed', () => {
    const losses = (c: TeacherForcingConfig): number[] => {
      const task = createTeacherForcingTask(c, { records });
      return Array.from({ length: 8 }, () => task.step().loss);
    };
    const forced = losses(small);
    expect(losses(small)).toEqual(forced);
    const free = losses({ ...small, teacherForcing: 0, teacherForcingEnd: 0 });
    // The first batch is scored before any update, on the same windows, and the fed-back inputs differ.
    expect(free[0]).not.toBe(forced[0]);
    expect(free).toEqual(losses({ ...small, teacherForcing: 0, teacherForcingEnd: 0 }));
  });

  it('refuses settings that do not fit the series, naming them', () => {
    expect(() => createTeacherForcingTask({ ...small, horizon: 366 }, { records })).toThrow(/horizon of 366 days/);
    expect(() => createTeacherForcingTask({ ...small, teacherForcing: 1.5 }, { records })).toThrow(/teacherForcing/);
    expect(() => createTeacherForcingTask({ ...small, validationYear: 2014 }, { records })).toThrow(/validationYear/);
  });
});
