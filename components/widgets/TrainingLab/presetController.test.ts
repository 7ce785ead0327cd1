// The run labs' preset controller and settings form in a DOM: a loaded preset waits in the batch box and trains as one
// group, a Predict request trains it at once, its group's end answers the question (or says why it cannot), and the
// settings form reads entries through the lab's codecs, puts a refused one back and shows a preset's settings.
// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { withDefaults } from '../../../engine/train/tasks/configs';
import { PREDICT_RESULT, PREDICT_STATUS } from '../../lib/predict';
import { createRunRecord, type RunRecord } from '../../lib/runHistory';
import { int, oneOf } from '../../lib/urlState';
import { PresetController, presetIdOf, runNames, type LabPreset } from './presetController';
import type { LabRunner, RunRequest } from './runner';
import { settingsForm } from './settingsForm';

const preset: LabPreset = {
  id: 'two-runs',
  title: 'Small or large',
  question: 'Which ends lower?',
  runs: [{ label: 'small' }, { label: 'large' }],
  outcome: (runs) => ({ choice: runs[0].steps < runs[1].steps ? 0 : 1, summary: 'The small one.' }),
};

/** A runner that only records what it is asked to queue. */
function fakeRunner(): { runner: LabRunner; queued: RunRequest[] } {
  const queued: RunRequest[] = [];
  const runner = { enqueue: (requests: RunRequest[]) => queued.push(...requests) } as unknown as LabRunner;
  return { runner, queued };
}

function lab(options: { batchBox?: boolean; divergedAnswers?: boolean } = {}) {
  const host = document.createElement('div');
  const batchBox = options.batchBox === false ? null : document.createElement('div');
  const answer = document.createElement('p');
  const live = document.createElement('p');
  const { runner, queued } = fakeRunner();
  const loaded: string[] = [];
  const controller = new PresetController({
    host,
    runner,
    find: (id) => (id === preset.id ? preset : undefined),
    runsOf: (p) =>
      p.runs.map((r, i) => ({ label: r.label, config: withDefaults('forecast', { seed: i }), words: `seed ${i}` })),
    onLoad: (p) => loaded.push(p.id),
    boxes: { batch: batchBox, answer, live },
    divergedAnswers: options.divergedAnswers,
  });
  return { host, batchBox, answer, live, queued, loaded, controller };
}

/** The Predict events the document hears while `act` runs. */
function heard(act: () => void): { status: string[]; results: unknown[] } {
  const status: string[] = [];
  const results: unknown[] = [];
  const onStatus = (e: Event) => status.push((e as CustomEvent<{ text: string }>).detail.text);
  const onResult = (e: Event) => results.push((e as CustomEvent).detail);
  document.addEventListener(PREDICT_STATUS, onStatus);
  document.addEventListener(PREDICT_RESULT, onResult);
  try {
    act();
  } finally {
    document.removeEventListener(PREDICT_STATUS, onStatus);
    document.removeEventListener(PREDICT_RESULT, onResult);
  }
  return { status, results };
}

function ended(group: string, states: RunRecord['state'][]): RunRecord[] {
  return states.map((state, i) => ({
    ...createRunRecord(withDefaults('forecast'), { group, number: i + 1 }),
    state,
    steps: 10 * (i + 1),
  }));
}

describe('presetController', () => {
  it('names runs and reads the preset of a group', () => {
    const runs = ended('g', ['done', 'done', 'done']);
    expect(runNames(runs.slice(0, 1))).toBe('#1');
    expect(runNames(runs.slice(0, 2))).toBe('#1 and #2');
    expect(runNames(runs)).toBe('#1, #2 and #3');
    expect(presetIdOf('preset:lr-too-high:abc-1')).toBe('lr-too-high');
    expect(presetIdOf('three:abc-1')).toBeNull();
    expect(presetIdOf(null)).toBeNull();
  });

  it('lists a loaded preset in the batch box and queues it as one group when Train is pressed', () => {
    const { batchBox, queued, loaded, controller } = lab();
    expect(controller.load('nope')).toBeNull();
    expect(controller.load('two-runs')).toBe(preset);
    expect(loaded).toEqual(['two-runs']);
    expect(batchBox!.hidden).toBe(false);
    expect(batchBox!.textContent).toContain('small: seed 0');
    const train = [...batchBox!.querySelectorAll('button')].find((b) => b.textContent === 'Train all 2')!;
    const { status } = heard(() => train.click());
    expect(queued.map((r) => r.label)).toEqual(['small', 'large']);
    expect(presetIdOf(queued[0].group)).toBe('two-runs');
    expect(queued[1].group).toBe(queued[0].group);
    expect(status).toEqual(['The lab is training 2 runs…']);
    expect(batchBox!.hidden).toBe(true);
  });

  it('trains a Predict request at once, and says so when the lab has no such preset', () => {
    const { host, queued, controller } = lab({ batchBox: false });
    host.setAttribute('data-predict-request', JSON.stringify({ preset: 'two-runs', question: 'q' }));
    heard(() => controller.listen());
    expect(queued).toHaveLength(2);
    host.setAttribute('data-predict-request', JSON.stringify({ preset: 'other', question: 'q' }));
    const { status } = heard(() => controller.listen());
    expect(status).toEqual(['The lab has no preset “other”.']);
    expect(queued).toHaveLength(2);
  });

  it('answers the question when every run has ended, in the question and in the lab', () => {
    const { answer, live, controller } = lab();
    const group = 'preset:two-runs:x-1';
    const { results } = heard(() => controller.groupEnded(group, ended(group, ['done', 'early-stopped'])));
    expect(results).toEqual([
      {
        preset: 'two-runs',
        result: { choice: 0, value: null, summary: 'The small one. (Runs #1 and #2 in the lab.)' },
      },
    ]);
    expect(answer.hidden).toBe(false);
    expect(answer.textContent).toBe('Small or large: The small one. ');
    expect(live.textContent).toBe('Small or large: The small one.');
  });

  it('says why stopped or diverged runs do not answer it', () => {
    const group = 'preset:two-runs:x-1';
    const stopped = heard(() => lab().controller.groupEnded(group, ended(group, ['done', 'cancelled'])));
    expect(stopped.results).toEqual([]);
    expect(stopped.status[0]).toContain('stopped or failed');
    // Where divergence is part of the lesson a diverged run still answers; elsewhere it does not.
    const diverged = ended(group, ['done', 'diverged']);
    expect(heard(() => lab().controller.groupEnded(group, diverged)).results).toHaveLength(1);
    const strict = heard(() => lab({ divergedAnswers: false }).controller.groupEnded(group, diverged));
    expect(strict.results).toEqual([]);
    expect(strict.status[0]).toMatch(/^Run #2 diverged/);
  });
});

describe('settingsForm', () => {
  const spec = { cell: { codec: oneOf(['rnn', 'gru'] as const) }, hidden: { codec: int(2, 128) } };

  it('reads entries through the codecs, puts a refused one back and shows new settings', () => {
    const changes: unknown[] = [];
    const notices: string[] = [];
    const form = settingsForm<{ cell: 'rnn' | 'gru'; hidden: number }>({
      base: 'lab',
      legend: 'Settings',
      spec,
      values: { cell: 'gru', hidden: 32 },
      controls: [
        { key: 'cell', kind: 'select', label: 'Cell', options: ['rnn', 'gru'] },
        { key: 'hidden', kind: 'number', label: 'Hidden units' },
      ],
      onChange: (key, value) => changes.push([key, value]),
      onNotice: (text) => notices.push(text),
    });
    const hidden = form.inputs.hidden as HTMLInputElement;
    expect(form.element.querySelector('label[for="lab-hidden"]')?.textContent).toBe('Hidden units');
    expect([hidden.min, hidden.max, hidden.value]).toEqual(['2', '128', '32']);
    expect(form.inputs.cell.value).toBe('gru');
    hidden.value = '64';
    hidden.dispatchEvent(new Event('change'));
    hidden.value = '500';
    hidden.dispatchEvent(new Event('change'));
    expect(changes).toEqual([['hidden', 64]]);
    expect(notices).toEqual(['', 'Hidden units must be from 2 to 128; kept 64.']);
    expect(hidden.value).toBe('64');
    form.set({ cell: 'rnn', hidden: 8 });
    expect([form.inputs.cell.value, hidden.value]).toEqual(['rnn', '8']);
  });
});
