import { describe, expect, it } from 'vitest';
import { parseTaskConfig } from '../../../engine/train/tasks/configs';
import { createWorkerRun } from '../../../engine/worker/tasks';
import { labelledSentencesBundle } from '../../../scripts/data/datasets';
import { PRESETS, presetSettings } from './presets';
import { dataCredit, dataFile, fromTaskConfig, LAB_DEFAULTS, LAB_TASKS, toTaskConfig } from './settings';
import { comparisonUrl, parseLabUrl, SETTINGS_SPECS, writeSettings } from './state';

const parse = (query: string) => parseLabUrl(new URLSearchParams(query));

describe('training lab URL', () => {
  it('reads the char model’s defaults from an empty address, and each task’s own defaults when it is named', () => {
    expect(parse('')).toEqual({ settings: LAB_DEFAULTS['char-model'], preset: null, shared: [], notices: [] });
    expect(parse('training-lab.task=forecast').settings).toEqual(LAB_DEFAULTS.forecast);
    expect(parse('training-lab.task=recall&training-lab.hidden=16').settings).toEqual({
      ...LAB_DEFAULTS.recall,
      hidden: 16,
    });
  });

  it('replaces each bad value by its default with a sentence, and keeps the good ones', () => {
    const { settings, notices } = parse(
      'training-lab.task=poetry&training-lab.hidden=5000&training-lab.lr=abc&training-lab.cell=gru&training-lab.preset=nope&training-lab.runs=9',
    );
    expect(settings).toEqual({ ...LAB_DEFAULTS['char-model'], cell: 'gru' });
    expect(notices).toEqual([
      '“training-lab.task=poetry” must be one of char-model, forecast, sentiment, recall; using the character model instead.',
      '“training-lab.hidden=5000” must be from 2 to 512; using the default instead.',
      '“training-lab.lr=abc” must be a number from 0.00001 to 1; using the default instead.',
      `“training-lab.preset=nope” must be one of ${PRESETS.map((p) => p.id).join(', ')}; no preset was loaded.`,
      '“training-lab.runs=9” must be from 0 to 4; the shared runs were not loaded.',
    ]);
  });

  it('round-trips settings, a preset and a shared comparison of up to 4 runs', () => {
    const current = { ...LAB_DEFAULTS.sentiment, hidden: 16, early: true };
    const runs = [
      { ...LAB_DEFAULTS['char-model'], lr: 0.05 },
      { ...LAB_DEFAULTS['char-model'] },
      { ...LAB_DEFAULTS.forecast, cell: 'gru' as const, slice: 5 },
      { ...LAB_DEFAULTS.recall, seq: 40 },
      { ...LAB_DEFAULTS.recall, seq: 60 },
    ];
    const href = comparisonUrl(
      'https://example.org/course/hyperparameters/?training-lab.preset=relu-rnn&other=1',
      current,
      runs,
    );
    const url = new URL(href);
    expect(url.searchParams.get('other')).toBe('1');
    expect(url.searchParams.get('training-lab.preset')).toBeNull();
    expect(url.searchParams.get('training-lab.r1.lr')).toBeNull();
    expect(url.searchParams.get('training-lab.r1.task')).toBe('char-model');
    expect(url.searchParams.get('training-lab.r2.slice')).toBe('5');
    const back = parseLabUrl(url.searchParams);
    expect(back.notices).toEqual([]);
    expect(back.settings).toEqual(current);
    expect(back.shared).toEqual(runs.slice(1));
    expect(parse(`training-lab.preset=${PRESETS[0].id}`).preset).toBe(PRESETS[0].id);
  });

  it('writes only what differs from the task’s defaults', () => {
    const params = new URLSearchParams('training-lab.hidden=99');
    writeSettings({ ...LAB_DEFAULTS.forecast, lr: 0.01 }, params);
    expect(params.toString()).toBe('training-lab.lr=0.01&training-lab.task=forecast');
  });

  it('has a table per task whose defaults are within the ranges it offers', () => {
    for (const task of LAB_TASKS) {
      for (const [key, f] of Object.entries(SETTINGS_SPECS[task])) {
        const round = f.codec.parse(f.codec.format(f.default as never));
        expect('value' in round, `${task}.${key}`).toBe(true);
      }
    }
  });
});

describe('lab settings and engine configs', () => {
  it('turn every task’s defaults and every preset run into a config within the engine’s bounds', () => {
    for (const task of LAB_TASKS) expect(parseTaskConfig(toTaskConfig(LAB_DEFAULTS[task])).ok).toBe(true);
    for (const preset of PRESETS)
      for (const run of preset.runs) {
        const parsed = parseTaskConfig(toTaskConfig(presetSettings(preset, run)));
        expect(parsed.ok ? null : parsed.error, `${preset.id} ${run.label}`).toBeNull();
      }
  });

  it('pass the momentum with SGD only, the activation with the plain RNN only, and early stopping as patience and restore', () => {
    const d = LAB_DEFAULTS['char-model'];
    expect(toTaskConfig({ ...d, opt: 'adam', momentum: 0.9 })).toMatchObject({ momentum: 0 });
    expect(toTaskConfig({ ...d, opt: 'sgd', momentum: 0.9 })).toMatchObject({ optimizer: 'sgd', momentum: 0.9 });
    expect(toTaskConfig({ ...d, cell: 'gru', act: 'relu' })).toMatchObject({ nonlinearity: 'tanh' });
    expect(toTaskConfig({ ...d, cell: 'rnn', act: 'relu' })).toMatchObject({ nonlinearity: 'relu' });
    expect(toTaskConfig({ ...d, early: true, patience: 4, slice: 2 })).toMatchObject({
      patience: 4,
      restoreBest: true,
      trainFraction: 0.02,
    });
    expect(toTaskConfig({ ...d, early: false })).toMatchObject({ patience: 0, restoreBest: false });
  });

  it('read a config back into the same settings', () => {
    for (const task of LAB_TASKS) {
      const s = {
        ...LAB_DEFAULTS[task],
        cell: 'rnn' as const,
        act: 'relu' as const,
        opt: 'sgd' as const,
        momentum: 0.5,
        slice: 5,
        early: true,
        patience: 2,
        layers: 2,
        dropout: 0.2,
      };
      expect(fromTaskConfig(toTaskConfig(s))).toEqual(s);
    }
  });
});

describe('training lab sentiment data', () => {
  it('trains on real review sentences by default, each site its own part of one bundle; the course set one choice away', () => {
    expect(LAB_DEFAULTS.sentiment.data).toBe('imdb');
    for (const source of ['imdb', 'amazon', 'yelp'] as const) {
      const settings = { ...LAB_DEFAULTS.sentiment, data: source };
      expect(toTaskConfig(settings)).toMatchObject({ task: 'sentiment', source });
      expect(dataFile('sentiment', source)).toBe('data/sentiment-labelled-sentences.json');
      expect(dataCredit('sentiment', source)).toContain('CC BY 4.0');
    }
    expect(dataFile('sentiment', 'course')).toBe('data/sentiment.json');
    // Chapter 7's sentiment presets were measured on the course set and say so (“all 2,096 training sentences”).
    for (const preset of PRESETS.filter((p) => p.task === 'sentiment'))
      for (const run of preset.runs) expect(presetSettings(preset, run).data).toBe('course');
  });

  it('the worker reads the chosen site’s sentences from the bundle', () => {
    const config = toTaskConfig({ ...LAB_DEFAULTS.sentiment, data: 'yelp' });
    const run = createWorkerRun(config, {
      kind: 'text',
      name: 'sentiment-labelled-sentences.json',
      text: JSON.stringify(labelledSentencesBundle()),
    });
    expect(run.info.dataSummary).toContain('Yelp restaurant reviews');
  });
});
