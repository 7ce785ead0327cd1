// <training-lab>: every hyperparameter of chapter 7 as a control, what a setting costs before it runs, and runs that are
// kept and compared. This file is the element: it lays out the form, cost panel, queue status and runs panel (each in
// its own module), loads presets and shared comparisons, answers the chapter's Predict questions, and keeps the URL.
// Training happens in a worker; the main thread folds progress into one small update every 250 ms.
import { el } from '../../lib/dom';
import { hasEnded, RunHistory, type RunRecord } from '../../lib/runHistory';
import { TrainerClient, type DataSource } from '../../lib/trainerClient';
import type { RecurrentNetConfig, TaskConfig } from '../../../engine/train/tasks/configs';
import { CostPanel } from './costPanel';
import { vocabFromCount } from './estimate';
import { LabForm } from './form';
import { findPreset, PRESETS, presetSettings, type Preset } from './presets';
import { PresetController, type BatchRun } from './presetController';
import { LabRunner } from './runner';
import { RunsPanel, type CurveView } from './runsPanel';
import {
  dataCredit,
  dataFile,
  fromTaskConfig,
  LAB_DEFAULTS,
  labTaskOf,
  SENTIMENT_SOURCES,
  TASK_INFO,
  toTaskConfig,
  type LabSettings,
  type LabTask,
} from './settings';
import { comparisonUrl, parseLabUrl, saveSettings } from './state';
import { StepTimer, type Measurement } from './stepTimer';
import { addShareButton } from '../../lib/shareDialog';

/** Update the status, table and chart at most this often while runs train. */
const UI_INTERVAL_MS = 250;
/** Where the kept runs are stored. */
const STORAGE_KEY = 'unrolled:runs:training-lab';

const count = (n: number): string => n.toLocaleString('en-US');

class TrainingLabElement extends HTMLElement {
  private settings!: LabSettings;
  private curveView: CurveView = 'loss';
  private history!: RunHistory;
  private runner!: LabRunner;
  private timer!: StepTimer;
  private measurement: Measurement | null = null;
  private sentimentVocab = new Map<string, number>();
  private presets!: PresetController<Preset>;
  private uiTimer: ReturnType<typeof setTimeout> | null = null;
  private lastUiAt = -Infinity;
  private built = false;
  private parts!: {
    notice: HTMLElement;
    alert: HTMLElement;
    formBox: HTMLElement;
    form: LabForm;
    cost: CostPanel;
    batch: HTMLElement;
    answer: HTMLElement;
    presetSelect: HTMLSelectElement;
    status: HTMLElement;
    bar: HTMLProgressElement;
    stop: HTMLButtonElement;
    stopAll: HTMLButtonElement;
    runs: RunsPanel;
    share: HTMLElement;
    data: HTMLElement;
    live: HTMLElement;
  };

  /** The kept runs, oldest first (read-only; for tests and the console). */
  get runs(): readonly RunRecord[] {
    return this.history.list();
  }

  connectedCallback(): void {
    if (this.built) return;
    this.built = true;
    const url = parseLabUrl(new URLSearchParams(location.search));
    this.settings = url.settings;
    this.history = new RunHistory({ storageKey: STORAGE_KEY, maxRuns: 12 });
    this.history.load();
    this.history.subscribe(() => this.scheduleUi());
    this.runner = new LabRunner({
      widget: 'training-lab',
      history: this.history,
      createClient: () => new TrainerClient(),
      dataFor: (config, source) => this.dataFor(config, source),
      onChange: () => this.scheduleUi(),
      onGroupEnded: (group, runs) => this.presets.groupEnded(group, runs),
    });
    this.timer = new StepTimer({
      createClient: () => new TrainerClient(),
      dataFor: (config) => this.dataFor(config, this.settings.data),
      onMeasurement: (config, m) => this.onMeasurement(config, m),
    });
    this.build();
    this.presets = new PresetController({
      host: this,
      runner: this.runner,
      find: findPreset,
      runsOf: (preset) => preset.runs.map((r) => batchRun(r.label, presetSettings(preset, r))),
      // The form shows the first run's settings, ready to vary.
      onLoad: (preset) => {
        this.settings = presetSettings(preset, preset.runs[0]);
        this.rebuildForm();
        this.settingsChanged(true);
      },
      onQueued: () => this.renderAll(true),
      boxes: this.parts,
    });
    addShareButton(this, 'training-lab');
    this.showNotice(url.notices.join(' '));
    if (url.shared.length > 0)
      this.presets.show({
        title: `This link shares ${url.shared.length} run${url.shared.length === 1 ? '' : 's'}`,
        question: null,
        preset: null,
        runs: url.shared.map((s, i) => batchRun(`shared ${i + 1}`, s)),
      });
    else if (url.preset) this.presets.load(url.preset);
    this.presets.listen();
    this.settingsChanged(false);
    this.parts.runs.observe();
    this.renderAll(true);
  }

  disconnectedCallback(): void {
    if (this.isConnected) return;
    this.runner.dispose();
    this.timer.dispose();
    this.parts.runs.disconnect();
    this.history.save();
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Layout

  private build(): void {
    const base = this.id || 'training-lab';
    const titleId = `${base}-title`;
    const helpId = `${base}-help`;
    this.setAttribute('role', 'group');
    this.setAttribute('aria-labelledby', titleId);
    this.setAttribute('aria-describedby', helpId);
    const button = (text: string, onclick: () => void, primary = false) =>
      el('button', { type: 'button', class: primary ? 'button button-primary' : 'button', onclick }, text);
    const presetSelect = el(
      'select',
      { class: 'lab-input', id: `${base}-preset` },
      el('option', { value: '' }, 'Choose a question…'),
      ...PRESETS.map((p) => el('option', { value: p.id }, p.title)),
    );
    const cost = new CostPanel();
    const runs = new RunsPanel(base, {
      hide: (id, hidden) => this.history.setHidden(id, hidden),
      pin: (id, pinned) => {
        this.history.setPinned(id, pinned);
        this.history.save();
      },
      remove: (id) => this.removeRun(id),
      stop: () => this.runner.stopCurrent(),
      share: () => this.share(),
      clear: () => {
        this.history.clearUnpinned();
        this.history.save();
      },
      view: (view) => {
        this.curveView = view;
        this.renderAll(true);
      },
    });
    const formBox = el('div', { class: 'tl-form-box' });
    this.parts = {
      notice: el('p', { class: 'widget-notice', role: 'status', hidden: true }),
      alert: el('p', { class: 'widget-notice lab-alert tl-alert', role: 'alert', hidden: true }),
      formBox,
      form: this.makeForm(base),
      cost,
      batch: el('div', { class: 'lab-batch tl-batch', hidden: true }),
      answer: el('p', { class: 'lab-answer tl-answer', hidden: true }),
      presetSelect,
      status: el('p', { class: 'lab-status tl-status' }),
      bar: el('progress', {
        class: 'lab-bar tl-bar',
        max: 1,
        value: 0,
        'aria-label': 'Progress of the run training now',
      }),
      stop: button('Stop', () => this.runner.stopCurrent()),
      stopAll: button('Stop all', () => this.runner.stopAll()),
      runs,
      share: el('p', { class: 'tl-share', hidden: true }),
      data: el('p', { class: 'lab-data' }),
      live: el('p', { class: 'visually-hidden', 'aria-live': 'polite' }),
    };
    formBox.append(this.parts.form.element);
    const p = this.parts;
    this.replaceChildren(
      el('p', { class: 'widget-title', id: titleId }, 'Training lab'),
      el(
        'p',
        { class: 'widget-help', id: helpId },
        'Set any hyperparameter, see what it costs, press Run: the model trains in a background thread of your ' +
          'browser and its curves stay on the chart beside the runs before it. Runs are kept in this browser until ' +
          'you delete them.',
      ),
      p.notice,
      el(
        'div',
        { class: 'tl-presets' },
        el('label', { class: 'lab-label', for: presetSelect.id }, 'Questions from the chapter: '),
        presetSelect,
        button('Load', () => {
          if (presetSelect.value) this.presets.load(presetSelect.value);
        }),
      ),
      p.batch,
      p.answer,
      formBox,
      cost.element,
      el(
        'div',
        { class: 'lab-controls tl-controls' },
        button('Run these settings', () => this.runCurrent(), true),
        p.stop,
        p.stopAll,
      ),
      p.alert,
      p.status,
      p.bar,
      runs.element,
      p.share,
      p.data,
      p.live,
    );
  }

  private makeForm(base: string): LabForm {
    return new LabForm(this.settings, base, {
      change: (patch) => {
        this.settings = { ...this.settings, ...patch };
        this.settingsChanged(true);
      },
      task: (task) => this.setTask(task),
      notice: (text) => this.showNotice(text),
    });
  }

  /** Replace the form (after the task or a preset changed every setting). */
  private rebuildForm(): void {
    const form = this.makeForm(this.id || 'training-lab');
    this.parts.form = form;
    this.parts.formBox.replaceChildren(form.element);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Settings

  private setTask(task: LabTask): void {
    this.settings = { ...LAB_DEFAULTS[task] };
    this.rebuildForm();
    this.settingsChanged(true);
    this.renderAll(true);
    this.parts.form.element.querySelector<HTMLElement>('select')?.focus();
  }

  private settingsChanged(save: boolean): void {
    if (save) saveSettings(this.settings);
    this.parts.form.render(this.settings);
    this.timer.want(this.config());
    this.renderCost();
    this.renderData();
  }

  private config(): RecurrentNetConfig {
    return toTaskConfig(this.settings);
  }

  private onMeasurement(config: TaskConfig, m: Measurement): void {
    if (m.kind === 'timing' && config.task === 'sentiment') {
      const vocab = vocabFromCount(config, m.timing.parameters);
      if (vocab !== null) this.sentimentVocab.set(`${this.settings.data}:${config.trainFraction ?? 1}`, vocab);
    }
    this.measurement = m;
    this.renderCost();
  }

  private renderCost(): void {
    const config = this.config();
    const vocab = this.sentimentVocab.get(`${this.settings.data}:${config.trainFraction ?? 1}`) ?? 0;
    const source = SENTIMENT_SOURCES.find((s) => s.id === this.settings.data) ?? SENTIMENT_SOURCES[0];
    this.parts.cost.render(config, this.measurement, vocab, source.batchTokens);
  }

  private renderData(): void {
    this.parts.data.textContent = `Data: ${dataCredit(this.settings.task, this.settings.data)}`;
  }

  /** The worker's data for a config: a file of the site, by absolute URL (a worker resolves relative URLs against itself). */
  private dataFor(config: TaskConfig, source: string | null): DataSource {
    const task = labTaskOf(config);
    // Only the lab's own tasks reach its runner (its form makes every config it queues).
    const file = task === null ? null : dataFile(task, source ?? SENTIMENT_SOURCES[0].id);
    if (file === null) return { kind: 'none' };
    const base = import.meta.env.BASE_URL;
    return { kind: 'url', url: new URL(`${base.endsWith('/') ? base : `${base}/`}${file}`, location.href).href };
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Runs

  private runCurrent(): void {
    this.showAlert(null);
    this.runner.enqueue([{ config: this.config(), dataSource: this.settings.data }]);
    this.renderAll(true);
  }

  private removeRun(id: string): void {
    const run = this.history.get(id);
    if (run?.state === 'queued') this.runner.unqueue(id);
    else this.history.remove(id);
    this.history.save();
  }

  private share(): void {
    const runs = this.history
      .list()
      .filter((r) => !r.hidden)
      .map((r) => {
        const s = fromTaskConfig(r.config);
        return s && { ...s, data: r.dataSource ?? s.data };
      })
      .filter((s): s is LabSettings => s !== null);
    const href = comparisonUrl(location.href, this.settings, runs);
    const link = el('a', { href }, 'this link');
    this.parts.share.hidden = false;
    this.parts.share.replaceChildren(
      `The settings of the last ${Math.min(4, runs.length)} visible runs (not their results) are in `,
      link,
      '. Whoever opens it can train the same runs.',
    );
    void navigator.clipboard?.writeText(href).then(
      () => this.parts.share.append(' It is copied to your clipboard.'),
      () => undefined,
    );
    link.focus();
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Rendering

  /** Fold any number of changes into one update, at most every UI_INTERVAL_MS. */
  private scheduleUi(): void {
    if (this.uiTimer !== null) return;
    const wait = Math.max(0, this.lastUiAt + UI_INTERVAL_MS - performance.now());
    this.uiTimer = setTimeout(() => {
      this.uiTimer = null;
      this.lastUiAt = performance.now();
      this.renderAll(false);
    }, wait);
  }

  private renderAll(forceChart: boolean): void {
    const active = this.runner.active;
    this.timer.setBusy(active !== null);
    this.parts.runs.render(
      { runs: this.history.list(), task: this.settings.task, view: this.curveView, active },
      forceChart,
    );
    this.renderStatus(active);
  }

  private renderStatus(active: RunRecord | null): void {
    const p = this.parts;
    const waiting = this.runner.waiting.length;
    p.stop.disabled = active === null;
    p.stopAll.disabled = active === null && waiting === 0;
    const queue = waiting > 0 ? ` · ${waiting} run${waiting === 1 ? '' : 's'} waiting` : '';
    if (!active) {
      const last = this.history.list().at(-1);
      p.status.textContent =
        last && hasEnded(last) ? `Run #${last.number} ${endWords(last)}.${queue}` : `Ready.${queue}`;
      p.bar.value = 0;
      p.bar.setAttribute('aria-valuetext', 'no run training');
      const diverged = last?.state === 'diverged' || last?.state === 'error' ? last : null;
      this.showAlert(diverged ? `Run #${diverged.number}: ${diverged.message ?? 'it stopped.'}` : null);
      return;
    }
    const max = active.config.maxSteps;
    const what =
      active.state === 'loading'
        ? 'loading the data and building the model'
        : `step ${count(active.steps)} of ${count(max)}`;
    const left =
      active.msPerStep !== null && active.state === 'running'
        ? ` · about ${Math.max(1, Math.round(((max - active.steps) * active.msPerStep) / 1000))} s left`
        : '';
    const label = active.label ? ` (${active.label})` : '';
    p.status.textContent = `Training #${active.number}${label}: ${what}${left}${queue}`;
    p.bar.max = max;
    p.bar.value = active.steps;
    p.bar.setAttribute('aria-valuetext', `run ${active.number}, step ${active.steps} of ${max}`);
    this.presets.reportProgress(active, what);
  }

  private showNotice(text: string): void {
    this.parts.notice.hidden = text === '';
    this.parts.notice.textContent = text;
  }

  private showAlert(text: string | null): void {
    this.parts.alert.hidden = text === null;
    this.parts.alert.textContent = text ?? '';
  }
}

/** The run's ending for the status line. */
function endWords(run: RunRecord): string {
  switch (run.state) {
    case 'done':
      return `finished ${count(run.steps)} steps${run.restored ? ` and restored the weights of step ${run.restored.step}` : ''}`;
    case 'early-stopped':
      return `stopped early at step ${count(run.steps)}${run.restored ? ` and restored the weights of step ${run.restored.step}` : ''}`;
    case 'diverged':
      return `diverged at step ${count(run.steps)}`;
    case 'cancelled':
      return `was stopped at step ${count(run.steps)}`;
    default:
      return `failed at step ${count(run.steps)}`;
  }
}

/** A run of a batch: its settings as the worker's config, and in a few words for the list. */
function batchRun(label: string, s: LabSettings): BatchRun {
  return { label, config: toTaskConfig(s), dataSource: s.data, words: `${TASK_INFO[s.task].label}, ${runWords(s)}` };
}

/** A run's settings in a few words for the batch list. */
function runWords(s: LabSettings): string {
  const parts = [`${s.cell.toUpperCase()}${s.cell === 'rnn' ? ` (${s.act})` : ''} ${s.hidden}`, `lr ${s.lr}`];
  if (s.clip === 0) parts.push('no clipping');
  if (s.slice < 100) parts.push(`${s.slice}% of the data`);
  if (s.dropout > 0) parts.push(`dropout ${s.dropout}`);
  parts.push(`${s.steps} steps`);
  return parts.join(', ');
}

if (!customElements.get('training-lab')) customElements.define('training-lab', TrainingLabElement);
