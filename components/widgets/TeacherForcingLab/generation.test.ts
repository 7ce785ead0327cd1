// The lab's reading of a free-running test, its regimes' configs and its preset's judgement of finished runs.
import { describe, expect, it } from 'vitest';
import { createRunRecord, type RunRecord } from '../../lib/runHistory';
import { changeWords, growth, weeklyMeans } from './generation';
import { findPreset } from './presets';
import { REGIMES, regimeOf, RUN_DEFAULTS, teacherForcingLabUrl, toTaskConfig } from './settings';

describe('teacher forcing lab', () => {
  it('folds errors by step into weeks, a last partial week over its own steps', () => {
    const errors = [...Array(7).fill(100), ...Array(7).fill(200), 300, 500];
    expect(weeklyMeans(errors)).toEqual([
      { week: 1, from: 1, to: 7, mean: 100 },
      { week: 2, from: 8, to: 14, mean: 200 },
      { week: 3, from: 15, to: 16, mean: 400 },
    ]);
    expect(growth({ freeRunning: errors })).toEqual({ first: 100, last: 400, ratio: 4 });
    expect(changeWords(1.72)).toBe('grew by 72%');
    expect(changeWords(0.95)).toBe('shrank by 5%');
    expect(changeWords(NaN)).toBe('could not be measured');
  });

  it('trains each regime with its own teacher forcing schedule and reads it back from the config', () => {
    for (const regime of REGIMES) {
      const config = toTaskConfig(RUN_DEFAULTS, regime);
      expect([config.teacherForcing, config.teacherForcingEnd]).toEqual([regime.start, regime.end]);
      expect(regimeOf(config)).toBe(regime);
    }
    expect(
      teacherForcingLabUrl.parse(new URLSearchParams('teacher-forcing-lab.preset=exposure-bias')).state.preset,
    ).toBe('exposure-bias');
  });

  it('judges the exposure-bias runs by the teacher-forced run’s growth from the first week to the fourth', () => {
    const preset = findPreset('exposure-bias')!;
    const run = (first: number, last: number): RunRecord => {
      const r = createRunRecord(toTaskConfig(RUN_DEFAULTS, REGIMES[0]));
      r.evals.push({
        step: 600,
        valLoss: 0.1,
        trainLoss: 0.1,
        metrics: { testMaeFirstWeek: first, testMaeLastWeek: last, testMaeOneStep: 290 },
      });
      return r;
    };
    expect(preset.outcome([run(300, 520), run(350, 440), run(320, 400)]).choice).toBe(2);
    expect(preset.outcome([run(300, 320), run(350, 440), run(320, 400)]).choice).toBe(1);
    expect(preset.outcome([run(300, 200), run(350, 440), run(320, 400)]).choice).toBe(0);
    expect(preset.outcome([run(300, 520), run(350, 440), run(320, 400)]).summary).toContain(
      'grew by 73% from the first week to the fourth (300 to 520 births a day)',
    );
  });
});
