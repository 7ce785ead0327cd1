// @vitest-environment happy-dom
// The char model's samples history and Restart's question, in a DOM: each earlier sample says its run, step and
// temperature and opens to the whole text (an opened one is dropped last); Restart asks only when a trained model
// would be discarded, Escape and Keep training keep it, Discard restarts.
import { describe, expect, it, vi } from 'vitest';
import type { Sample } from '../../lib/trainerClient';
import { SettingsForm } from './form';
import { SamplesPanel } from './samples';
import { charModelUrl } from './state';

const state = () => charModelUrl.parse(new URLSearchParams('')).state;

const sample = (step: number, temperature: number, text = `text of step ${step}`): Sample => ({
  step,
  temperature,
  prime: 'The whale',
  text,
  unknown: [],
});

describe('SamplesPanel history', () => {
  it('keeps each earlier sample with its run, step and temperature, opening to the whole text', () => {
    const panel = new SamplesPanel(state(), 'cm', { set: () => undefined, request: () => undefined });
    const long = ' and the sea'.repeat(30);
    panel.show(sample(100, 0.7, long), 1);
    panel.show(sample(200, 1.3), 1);
    expect(panel.section.querySelector('.cm-sample .cm-sample-step')?.textContent).toBe(
      'Run #1, after 200 steps, temperature 1.3:',
    );
    const entries = panel.section.querySelectorAll('.cm-history details');
    expect(entries).toHaveLength(1);
    expect(entries[0].querySelector('summary .cm-sample-step')?.textContent).toBe('run #1, step 100, temperature 0.7:');
    expect(entries[0].querySelector('.cm-history-full')?.textContent).toBe(`The whale${long}`);
    // A new run: the last sample of the old one joins the history, still named by its run.
    panel.clear();
    expect(panel.section.querySelector('.cm-sample')?.textContent).toBe('');
    panel.show(sample(50, 0.7), 2);
    const summaries = [...panel.section.querySelectorAll('.cm-history .cm-sample-step')].map((s) => s.textContent);
    expect(summaries).toEqual(['run #1, step 200, temperature 1.3:', 'run #1, step 100, temperature 0.7:']);
  });

  it('drops the oldest entries beyond six, those the reader opened last', () => {
    const panel = new SamplesPanel(state(), 'cm', { set: () => undefined, request: () => undefined });
    panel.show(sample(100, 0.7), 1);
    panel.show(sample(200, 0.7), 1);
    // The reader opens the entry of step 100, the oldest.
    const opened = panel.section.querySelector<HTMLDetailsElement>('.cm-history details')!;
    opened.open = true;
    for (let step = 300; step <= 1000; step += 100) panel.show(sample(step, 0.7), 1);
    const steps = [...panel.section.querySelectorAll('.cm-history summary .cm-sample-step')].map(
      (s) => /step (\d+)/.exec(s.textContent ?? '')![1],
    );
    expect(steps).toEqual(['900', '800', '700', '600', '500', '100']);
  });
});

describe('Restart asks first', () => {
  const form = (discards: { run: number; step: number } | null) => {
    const train = vi.fn();
    const f = new SettingsForm(state(), 'cm', {
      set: () => undefined,
      train,
      discards: () => discards,
      togglePause: () => undefined,
      step: () => undefined,
      cancel: () => undefined,
      notice: () => undefined,
    });
    document.body.replaceChildren(f.settings, f.controls, f.confirm);
    const button = (name: string) =>
      [...document.querySelectorAll('button')].find((b) => b.textContent === name) as HTMLButtonElement;
    return { f, train, button };
  };

  it('trains at once when nothing trained would be discarded', () => {
    const { f, train, button } = form(null);
    button('Train').click();
    expect(train).toHaveBeenCalledTimes(1);
    expect(f.confirm.hidden).toBe(true);
  });

  it('asks, keeps the run on Escape or Keep training, and restarts on Discard', () => {
    const { f, train, button } = form({ run: 3, step: 1240 });
    f.render('running', true);
    const restart = button('Restart');
    restart.click();
    expect(train).not.toHaveBeenCalled();
    expect(f.confirm.hidden).toBe(false);
    expect(f.confirm.getAttribute('role')).toBe('group');
    const question = document.getElementById(f.confirm.getAttribute('aria-labelledby')!)!;
    expect(question.textContent).toMatch(/^Restart discards the model of run #3, trained for 1,240 steps/);
    expect(document.activeElement?.textContent).toBe('Keep training');

    document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(f.confirm.hidden).toBe(true);
    expect(document.activeElement).toBe(restart);

    restart.click();
    button('Keep training').click();
    expect(f.confirm.hidden).toBe(true);
    expect(train).not.toHaveBeenCalled();

    restart.click();
    button('Discard it and restart').click();
    expect(train).toHaveBeenCalledTimes(1);
    expect(f.confirm.hidden).toBe(true);
  });

  it('closes the question when the run ends while it is open', () => {
    const { f, button } = form({ run: 1, step: 10 });
    f.render('running', true);
    button('Restart').click();
    f.render('done', false);
    expect(f.confirm.hidden).toBe(true);
    expect(document.activeElement?.textContent).toBe('Train again');
  });
});
