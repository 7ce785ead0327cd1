// The tuning lab's URL state: the outline's space by default, a preset filled in under the link's own values,
// bad values replaced with a notice, every trial config of the default search accepted by the worker's parser.
import { describe, expect, it } from 'vitest';
import { parseToWorker } from '../../../engine/worker/protocol';
import { firstTrials } from './search';
import { PRESETS, readTuningLabState, tuningLabUrl } from './state';
import { TASK_INFO } from './tasks';

const read = (query: string) => readTuningLabState(new URLSearchParams(query));

describe('tuning-lab URL state', () => {
  it('defaults to the outline’s space on the char model: a grid of 36 trials of 100 steps', () => {
    const { state, notices } = read('');
    expect(notices).toEqual([]);
    expect(state).toMatchObject({
      task: 'char-model',
      method: 'grid',
      hidden: [64, 128, 256],
      layers: [1, 2, 3],
      lr: [0.001, 0.0001],
      cell: ['gru', 'lstm'],
      steps: 100,
      every: 25,
    });
  });

  it('applies a preset under the link’s own values, and an invalid value falls back to the preset’s', () => {
    expect(read('tuning-lab.preset=overfit').state).toMatchObject({
      task: 'count',
      hidden: PRESETS.overfit.state.hidden,
      steps: 180,
      every: 6,
    });
    expect(read('tuning-lab.preset=overfit&tuning-lab.steps=90').state.steps).toBe(90);
    const { state, notices } = read('tuning-lab.preset=overfit&tuning-lab.steps=-4');
    expect(state.steps).toBe(180);
    expect(notices).toEqual(['“tuning-lab.steps=-4” must be from 1 to 5000; using the default instead.']);
  });

  it('falls back to the defaults with a notice for each bad value of a shared link', () => {
    const { state, notices } = read(
      'tuning-lab.preset=fastest&tuning-lab.hidden=64,99999&tuning-lab.cell=gru,transformer&tuning-lab.method=bayes',
    );
    expect(state).toMatchObject({ hidden: [64, 128, 256], cell: ['gru', 'lstm'], method: 'grid', preset: '' });
    expect(notices).toHaveLength(4);
    expect(notices.join(' ')).toContain('“tuning-lab.hidden=64,99999” each entry must be from 8 to 512');
    expect(notices.join(' ')).toContain('“tuning-lab.preset=fastest” must be one of grid, random, halving, overfit');
  });

  it('writes a preset out as its fields, so a later change back to a default survives a reload', () => {
    const { state } = read('tuning-lab.preset=overfit');
    const params = new URLSearchParams();
    tuningLabUrl.write({ ...state, preset: '' }, params);
    expect(params.get('tuning-lab.task')).toBe('count');
    expect(params.has('tuning-lab.preset')).toBe(false);
    expect(read(params.toString()).state).toEqual({ ...state, preset: '' });
  });

  it('makes trial configs the worker accepts, for every trial of the default search and the overfitting preset', () => {
    for (const query of ['', 'tuning-lab.preset=overfit', 'tuning-lab.method=random']) {
      const { state } = read(query);
      const space = {
        ...state,
        lrRange: [state.lrmin, state.lrmax] as [number, number],
        hiddenRange: [state.hmin, state.hmax] as [number, number],
      };
      for (const settings of firstTrials(space, state.method, state.trials, state.seed)) {
        const config = TASK_INFO[state.task].config(settings, state.steps, state.every, state.seed);
        const parsed = parseToWorker({ type: 'start', runId: 'r', config, data: { kind: 'none' } });
        expect(parsed.ok, JSON.stringify(parsed)).toBe(true);
      }
    }
  });
});
