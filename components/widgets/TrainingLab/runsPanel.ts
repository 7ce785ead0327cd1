// The training lab's kept runs: the chart of every visible run of the current task (loss or the task's metric, with its
// baseline, the overfitting turn and restored weights marked), its legend and table alternative, and the table of runs
// with their settings, parameters, best validation result, time per step and ending, each with hide, pin and delete.
// The char-model widget shows its runs with it too; its styles are in runsPanel.css, for both.
import './runsPanel.css';
import {
  clippedRuns,
  curveKey,
  RUN_COLORS,
  runsDomain,
  runsLegend,
  runsTable,
  type RunCurves,
  type RunMark,
} from '../../charts/runsChart';
import { el } from '../../lib/dom';
import { lazyImport } from '../../lib/lazyImport';
import {
  describeChange,
  endText,
  formatSetting,
  hasEnded,
  neverLearned,
  runOverfitting,
  type RunRecord,
} from '../../lib/runHistory';
import { fromTaskConfig, labTaskOf, TASK_INFO, type LabTask } from './settings';

/** What the chart shows: losses (training and validation) or the task's validation metric. */
export type CurveView = 'loss' | 'metric';

/** What the panel asks of the lab. */
export interface RunsActions {
  hide: (id: string, hidden: boolean) => void;
  pin: (id: string, pinned: boolean) => void;
  remove: (id: string) => void;
  stop: () => void;
  /** Offer "Share these runs" (the training lab: a link that trains the same runs); without it, no such button. */
  share?: () => void;
  clear: () => void;
  /** The reader changed what the chart shows. */
  view: (view: CurveView) => void;
}

/** What the panel draws. */
export interface RunsView {
  /** Every kept run, oldest first. */
  runs: readonly RunRecord[];
  /** The task whose runs the chart shows. */
  task: LabTask;
  view: CurveView;
  /** The run training now. */
  active: RunRecord | null;
}

/** The drawing (d3 scales and shapes): loaded for the first curve, so the lab costs no chart code until a run has steps. */
const runsPlot = lazyImport(() => import('../../charts/runsPlot'));

/** Redraw the chart at most this often, and at most a tenth of the time. */
const CHART_INTERVAL_MS = 1000;
const CHART_SHARE = 0.1;

const f3 = (x: number): string => (Number.isFinite(x) ? x.toFixed(3) : '—');

/** A run's settings in a line: "GRU 64 · Adam lr 0.003 · batch 16 · seq 32 · clip 5 · seed 1 · 400 steps". */
export function settingsLine(run: RunRecord): string {
  const s = fromTaskConfig(run.config);
  if (!s) return run.config.task;
  const parts = [
    `${s.cell.toUpperCase()}${s.cell === 'rnn' ? ` (${s.act})` : ''} ${s.hidden}${s.layers > 1 ? ` × ${s.layers} layers` : ''}`,
    `${s.opt === 'sgd' ? `SGD (momentum ${s.momentum})` : s.opt === 'adam' ? 'Adam' : 'RMSprop'} lr ${formatSetting('learningRate', s.lr)}`,
    `batch ${s.batch}`,
    `${TASK_INFO[s.task].seqLabel.split(' (')[0].toLowerCase()} ${s.seq}`,
    `clip ${formatSetting('clip', s.clip)}`,
  ];
  if (s.dropout > 0) parts.push(`dropout ${s.dropout}`);
  if (s.slice < 100) parts.push(`${s.slice}% of the data`);
  if (s.early) parts.push(`early stopping (patience ${s.patience})`);
  parts.push(`seed ${s.seed}`, `${s.steps} steps`);
  return parts.join(' · ');
}

/**
 * What differs from the previous run, the data first when the two read different sources (the course's sentences and
 * IMDb's have the same config: the worker tells them apart by the file).
 */
function changeText(prev: RunRecord | null, run: RunRecord, max?: number): string {
  const change = describeChange(prev?.config ?? null, run.config, max);
  const bothSentiment = prev && labTaskOf(prev.config) === 'sentiment' && labTaskOf(run.config) === 'sentiment';
  if (!bothSentiment || prev.dataSource === run.dataSource) return change;
  const data = `data ${prev.dataSource ?? '—'} → ${run.dataSource ?? '—'}`;
  return change === 'same settings' ? data : `${data} · ${change}`;
}

/** A metric value as the table shows it. */
function metricText(task: LabTask, value: number | undefined): string {
  const m = TASK_INFO[task].metric;
  if (value === undefined || !Number.isFinite(value)) return '—';
  return m.percent ? `${(value * 100).toFixed(1)}%` : value.toFixed(m.key === 'mae' ? 0 : 3);
}

/** The runs panel; `render` is cheap (rows are rebuilt only when something changed), the chart redraws on its own schedule. */
export class RunsPanel {
  readonly element: HTMLElement;
  private readonly chartBox = el('div', { class: 'tl-chart' });
  private readonly legendBox = el('div', { class: 'tl-legend' });
  private readonly note = el('p', { class: 'tl-note' });
  private readonly curveRows = el('div', {
    class: 'tl-scroll scroll-cue-both',
    tabindex: 0,
    role: 'region',
    'aria-label': 'The curves as a table',
  });
  private readonly body = el('tbody', {});
  private readonly tableBox = el('div', {
    class: 'tl-scroll scroll-cue-both tl-runs-box',
    tabindex: 0,
    role: 'region',
    'aria-label': 'Table of runs',
  });
  private readonly viewSelect: HTMLSelectElement;
  private readonly shareButton: HTMLButtonElement | null;
  private readonly clearButton: HTMLButtonElement;
  private view: RunsView | null = null;
  private rowsKey = '';
  private chartKey = '';
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastDraw = -Infinity;
  private cost = 0;
  private visible = true;
  private observer: IntersectionObserver | null = null;

  /**
   * @param base prefix of the ids inside the panel (the widget's id)
   * @param options `runButton`: the words of the owner's button that starts a run, for the empty table ("Run")
   */
  constructor(
    base: string,
    private readonly actions: RunsActions,
    private readonly options: { runButton?: string } = {},
  ) {
    this.viewSelect = el(
      'select',
      { class: 'tl-input', id: `${base}-view` },
      el('option', { value: 'loss' }, 'training and validation loss'),
      el('option', { value: 'metric' }, 'the task’s validation metric'),
    );
    this.viewSelect.addEventListener('change', () => actions.view(this.viewSelect.value as CurveView));
    const button = (text: string, onclick: () => void) =>
      el('button', { type: 'button', class: 'button', onclick }, text);
    this.shareButton = actions.share ? button('Share these runs', actions.share) : null;
    this.clearButton = button('Delete the unpinned runs', actions.clear);
    const th = (text: string) => el('th', { scope: 'col' }, text);
    this.element = el(
      'section',
      { class: 'tl-runs', 'aria-label': 'Kept runs' },
      el(
        'div',
        { class: 'tl-chart-head' },
        el('label', { for: this.viewSelect.id, class: 'tl-label' }, 'Chart: '),
        this.viewSelect,
      ),
      this.chartBox,
      this.legendBox,
      this.note,
      el('details', { class: 'tl-details' }, el('summary', {}, 'The curves as a table'), this.curveRows),
      el('p', { class: 'tl-subtitle' }, 'Runs'),
      this.tableBox,
      el('div', { class: 'tl-run-actions' }, ...(this.shareButton ? [this.shareButton] : []), this.clearButton),
    );
    this.tableBox.append(
      el(
        'table',
        { class: 'tl-table' },
        el(
          'caption',
          { class: 'visually-hidden' },
          'Kept runs: settings, size, best validation result, speed and how each ended',
        ),
        el(
          'thead',
          {},
          el(
            'tr',
            {},
            th('Run'),
            th('Changed from the run before'),
            th('Settings'),
            th('Parameters'),
            th('Best validation'),
            th('Time per step'),
            th('Ended'),
            th('Actions'),
          ),
        ),
        this.body,
      ),
    );
  }

  /** Skip redrawing a chart nobody can see; catch up when it scrolls back into view. */
  observe(): void {
    this.observer = new IntersectionObserver((entries) => {
      this.visible = entries.some((e) => e.isIntersecting);
      if (this.visible) this.scheduleChart(true);
    });
    this.observer.observe(this.chartBox);
  }

  disconnect(): void {
    this.observer?.disconnect();
    if (this.timer !== null) clearTimeout(this.timer);
  }

  /** Bring the table up to date and ask for a chart redraw (forced when the reader changed what it shows). */
  render(view: RunsView, forceChart = false): void {
    this.view = view;
    this.viewSelect.value = view.view;
    this.renderRows(view);
    if (this.shareButton) this.shareButton.disabled = view.runs.length === 0;
    this.clearButton.disabled = !view.runs.some((r) => !r.pinned && hasEnded(r));
    this.scheduleChart(forceChart);
  }

  /** The runs the chart shows: the visible runs of the current task that have something to draw. */
  private charted(view: RunsView): RunRecord[] {
    return view.runs.filter((r) => labTaskOf(r.config) === view.task && !r.hidden);
  }

  private renderRows(view: RunsView): void {
    const key = JSON.stringify(
      view.runs.map((r) => [
        r.id,
        r.state,
        r.steps,
        r.best?.step,
        r.pinned,
        r.hidden,
        r.parameters,
        r.restored?.step,
        r.evals.length,
      ]),
    );
    if (key === this.rowsKey) return;
    this.rowsKey = key;
    // A button pressed in a row is replaced with the row: keep the keyboard where it was.
    const active = document.activeElement;
    const focused =
      active instanceof HTMLElement && this.body.contains(active) ? active.getAttribute('aria-label') : null;
    const rows = view.runs.map((run, i) => this.row(run, i > 0 ? view.runs[i - 1] : null, view));
    this.body.replaceChildren(
      ...(rows.length > 0
        ? rows
        : [
            el(
              'tr',
              {},
              el(
                'td',
                { colspan: 8, class: 'tl-empty' },
                `No runs yet: press ${this.options.runButton ?? 'Run'} to train the settings above.`,
              ),
            ),
          ]),
    );
    if (focused !== null) this.refocus(focused);
  }

  /** Focus the row button labelled `label` again (e.g. "Hide #2"), or the table when its run was deleted. */
  private refocus(label: string): void {
    const again = [...this.body.querySelectorAll('button')].find((b) => b.getAttribute('aria-label') === label);
    (again ?? this.tableBox).focus();
  }

  private row(run: RunRecord, prev: RunRecord | null, view: RunsView): HTMLTableRowElement {
    const task = labTaskOf(run.config);
    const name = `#${run.number}`;
    const swatch = el('span', { class: 'runs-swatch', 'aria-hidden': 'true' });
    swatch.style.setProperty('--run-color', RUN_COLORS[run.color % RUN_COLORS.length]);
    const toggle = (text: string, pressed: boolean, label: string, onclick: () => void) =>
      el(
        'button',
        {
          type: 'button',
          class: 'button tl-small',
          'aria-pressed': String(pressed),
          'aria-label': `${text} ${label}`,
          onclick,
        },
        text,
      );
    const actions: HTMLElement[] = [];
    const queued = run.state === 'queued';
    if (run === view.active)
      actions.push(
        el('button', { type: 'button', class: 'button tl-small', onclick: () => this.actions.stop() }, 'Stop'),
      );
    else {
      actions.push(toggle('Hide', run.hidden, name, () => this.actions.hide(run.id, !run.hidden)));
      if (!queued) actions.push(toggle('Pin', run.pinned, name, () => this.actions.pin(run.id, !run.pinned)));
      actions.push(
        el(
          'button',
          {
            type: 'button',
            class: 'button tl-small',
            'aria-label': `Delete ${name}`,
            onclick: () => this.actions.remove(run.id),
          },
          'Delete',
        ),
      );
    }
    const best = run.best;
    const overfit = runOverfitting(run);
    const ended = endText(run) + (overfit ? `; validation turned up after step ${overfit.turnStep}` : '');
    return el(
      'tr',
      { class: run.pinned ? 'tl-pinned' : '', 'data-run': run.id },
      el(
        'th',
        { scope: 'row' },
        swatch,
        ` ${name}${run.label ? ` ${run.label}` : ''}${task !== view.task ? ` (${task ? TASK_INFO[task].label : run.config.task})` : ''}`,
      ),
      el('td', { 'data-label': 'Changed' }, changeText(prev, run, 20)),
      el('td', { class: 'tl-settings', 'data-label': 'Settings' }, settingsLine(run)),
      el('td', { 'data-label': 'Parameters' }, run.parameters === null ? '—' : run.parameters.toLocaleString('en-US')),
      el(
        'td',
        { 'data-label': 'Best validation' },
        best && task
          ? `loss ${f3(best.valLoss)} (${metricText(task, best.metrics[TASK_INFO[task].metric.key])} ${TASK_INFO[task].metric.short}) at step ${best.step}`
          : '—',
      ),
      el(
        'td',
        { 'data-label': 'Time per step' },
        run.msPerStep === null
          ? '—'
          : `${run.msPerStep < 10 ? run.msPerStep.toFixed(1) : Math.round(run.msPerStep)} ms`,
      ),
      el('td', { class: `tl-end tl-end-${run.state}`, 'data-label': 'Ended' }, ended),
      el('td', { class: 'tl-actions' }, ...actions),
    );
  }

  private scheduleChart(force: boolean): void {
    if (!this.view) return;
    const key = JSON.stringify([
      this.view.view,
      this.view.task,
      this.charted(this.view).map((r) => [r.id, r.train.length, r.evals.length, r.pinned, r.state]),
    ]);
    if (!force && key === this.chartKey) return;
    if (this.timer !== null) {
      if (!force) return;
      clearTimeout(this.timer);
    }
    const interval = Math.max(CHART_INTERVAL_MS, this.cost / CHART_SHARE);
    const wait = force ? 0 : Math.max(0, this.lastDraw + interval - performance.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      this.chartKey = key;
      this.draw();
    }, wait);
  }

  private draw(): void {
    const view = this.view;
    if (!view || !this.visible) return;
    const start = performance.now();
    this.lastDraw = start;
    const info = TASK_INFO[view.task];
    const runs = this.charted(view);
    const metric = view.view === 'metric';
    const scale = metric && info.metric.percent ? 100 : 1;
    const valueOf = (e: RunRecord['evals'][number]) =>
      metric ? (e.metrics[info.metric.key] ?? NaN) * scale : e.valLoss;
    const curves: RunCurves[] = runs.map((run) => {
      const marks: RunMark[] = [];
      const turn = runOverfitting(run);
      const at = (step: number) => run.evals.find((e) => e.step === step);
      if (turn) {
        const e = at(turn.turnStep);
        if (e)
          marks.push({ x: e.step, y: valueOf(e), label: run.restored?.step === e.step ? 'turn · restored' : 'turn' });
      }
      if (run.restored && run.restored.step !== turn?.turnStep) {
        const e = at(run.restored.step);
        if (e) marks.push({ x: e.step, y: valueOf(e), label: 'restored' });
      }
      const prev = view.runs[view.runs.indexOf(run) - 1] ?? null;
      return {
        id: run.id,
        name: `#${run.number}`,
        label: `${run.label ? `${run.label}: ` : ''}${changeText(prev, run)}`,
        color: RUN_COLORS[run.color % RUN_COLORS.length],
        train: metric ? [] : run.train.map(([x, y]) => ({ x, y })),
        val: run.evals.map((e) => ({ x: e.step, y: valueOf(e) })),
        emphasis: run.pinned,
        offScale: run.state === 'diverged' || neverLearned(run),
        marks,
      };
    });
    const hiddenCount = view.runs.filter((r) => labTaskOf(r.config) === view.task && r.hidden).length;
    const otherCount = view.runs.filter((r) => labTaskOf(r.config) !== view.task).length;
    const notes: string[] = [];
    if (hiddenCount > 0) notes.push(`${hiddenCount} hidden run${hiddenCount === 1 ? '' : 's'} not drawn.`);
    if (otherCount > 0)
      notes.push(
        `${otherCount} run${otherCount === 1 ? '' : 's'} of other tasks ${otherCount === 1 ? 'is' : 'are'} ` +
          'in the table only (their losses are not on this scale).',
      );
    this.note.textContent = [
      curves.length > 0 ? curveKey(metric ? info.metric.label : info.lossLabel.split(' (')[0]) : '',
      ...notes,
    ].join(' ');
    if (curves.every((c) => c.train.length === 0 && c.val.length === 0)) {
      this.chartBox.replaceChildren(
        el(
          'p',
          { class: 'tl-chart-empty' },
          view.active
            ? 'The curves appear here once the first steps are done.'
            : 'Runs you train appear here, one colour each, and stay to compare.',
        ),
      );
      this.legendBox.replaceChildren();
      this.curveRows.replaceChildren();
      return;
    }
    const plot = runsPlot.need(
      () => this.scheduleChart(true),
      (message) =>
        this.chartBox.replaceChildren(
          el('p', { class: 'tl-chart-empty' }, `The chart could not load (${message}). Reload the page to try again.`),
        ),
    );
    if (!plot) return;
    const first = runs.find((r) => Object.keys(r.baselines).length > 0);
    const baseValue = first ? (metric ? first.baselines[info.metric.key] * scale : first.baselines.valLoss) : undefined;
    const baselines =
      baseValue !== undefined && Number.isFinite(baseValue) ? [{ y: baseValue, label: info.baselineLabel }] : [];
    const yLabel = metric ? `validation ${info.metric.label}${info.metric.percent ? ' (%)' : ''}` : info.lossLabel;
    const show = metric ? 'validation' : 'both';
    const clipped = clippedRuns(curves, runsDomain(curves, baselines, { show }), show);
    if (clipped.length > 0)
      this.note.append(
        ` ${clipped.map((c) => `${c.name} reaches ${c.max.toPrecision(3)}`).join(', ')}, above the top of the ` +
          'chart; its curve is cut there (the table lists every value).',
      );
    const chart = plot.runsChart(curves, {
      width: Math.max(300, Math.min(1040, this.chartBox.clientWidth || 600)),
      height: 300,
      xLabel: 'step',
      yLabel,
      baselines,
      show,
      ariaLabel:
        `${yLabel} by step for ${curves.length} run${curves.length === 1 ? '' : 's'}` +
        (baselines.length ? `, with the ${info.baselineLabel} baseline` : '') +
        '; the table “The curves as a table” lists the values.',
    });
    this.cost = performance.now() - start;
    const legend = runsLegend(curves);
    const table = runsTable(
      runs.map((run, i) => ({
        name: curves[i].name,
        evals: run.evals.map((e) => ({ step: e.step, train: e.trainLoss, val: valueOf(e) })),
      })),
      {
        valueLabel: metric ? info.metric.label : 'loss',
        caption: 'Each run’s evaluations: training loss around them and the validation value',
      },
    );
    // The chart is built detached; it goes into the page on the next frame, so the two halves are separate tasks.
    requestAnimationFrame(() => {
      this.chartBox.replaceChildren(chart);
      this.legendBox.replaceChildren(legend);
      this.curveRows.replaceChildren(table);
    });
  }
}
