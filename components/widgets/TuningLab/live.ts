// The tuning lab while a search trains: the status line (trials and steps done, time left, workers), the progress
// bar, what each worker is training now, and every trial's curve (running trials with their training loss, finished
// ones with their validation loss only), with the same numbers as a table for screen readers.
import { curveKey, RUN_COLORS, runsTable, type RunCurves } from '../../charts/runsChart';
import { el } from '../../lib/dom';
import { lazyImport } from '../../lib/lazyImport';
import { fmt, formatDuration } from '../../lib/format';
import { hasEnded } from '../../lib/runHistory';
import { KEEP_CURVES, type SearchRunner, type Trial } from './runner';
import { describeSettings } from './results';
import { METHOD_NAMES, totalSteps } from './search';
import { COUNT_SETUP, TASK_INFO } from './tasks';

const count = (n: number): string => n.toLocaleString('en-US');

/** The budget of a search in words, before it starts: "36 trials × 100 steps = 3,600 steps". */
export function budgetText(runner: Pick<SearchRunner, 'rungs' | 'input'>): string {
  const rungs = runner.rungs;
  const total = count(totalSteps(rungs));
  const trials = (n: number): string => `${count(n)} trial${n === 1 ? '' : 's'}`;
  if (rungs.length === 1) return `${trials(rungs[0].trials)} × ${count(rungs[0].steps)} steps = ${total} steps`;
  const parts = rungs.map((r, k) =>
    k === 0 ? `${trials(r.trials)} × ${count(r.steps)} steps` : `the best ${count(r.trials)} × ${count(r.steps)}`,
  );
  return `${parts.join(', then ')} = ${total} steps`;
}

/** The drawing (d3 scales and shapes): loaded when a search starts. */
const runsPlot = lazyImport(() => import('../../charts/runsPlot'));

/** The live part of the lab; `render(runner)` brings it up to date (cheap), `draw(runner)` redraws the chart. */
export class LivePanel {
  readonly status = el('p', { class: 'tl-status', role: 'status' });
  readonly bar = el('progress', { class: 'tl-bar', max: 1, value: 0, 'aria-label': 'Search progress (steps)' });
  readonly lanes = el('ul', { class: 'tl-lanes', 'aria-label': 'What each worker trains' });
  readonly chart = el('div', { class: 'tl-chart' });
  readonly key = el('p', { class: 'tl-note' });
  readonly table = el('details', { class: 'tl-details' }, el('summary', {}, 'The curves as a table'));
  private readonly tableWrap = el('div', {
    class: 'tl-table-wrap scroll-cue',
    tabindex: 0,
    role: 'region',
    'aria-label': 'Validation loss of each trial at each evaluation',
  });
  private chartVersion = '';

  constructor() {
    this.table.append(this.tableWrap);
    this.table.addEventListener('toggle', () => this.chartVersion === '' || this.fillTable(this.lastRunner));
  }

  private lastRunner: SearchRunner | null = null;

  /** The status line, bar and worker lanes. */
  render(runner: SearchRunner | null, workers: number): void {
    this.lastRunner = runner;
    if (!runner) {
      this.status.textContent =
        workers === 1
          ? 'Ready: 1 worker will train the trials one after another.'
          : `Ready: ${workers} workers will train the trials side by side.`;
      this.bar.value = 0;
      this.lanes.replaceChildren();
      return;
    }
    const { ended, total } = runner.counts;
    const state = { running: 'Searching', paused: 'Paused', done: 'Finished', cancelled: 'Cancelled' }[runner.state];
    const parts = [
      `${state} (${METHOD_NAMES[runner.input.method]})`,
      `${count(ended)} of ${count(total)} trials done`,
      `${count(runner.doneSteps)} of ${count(runner.plannedSteps)} steps`,
    ];
    if (runner.rungs.length > 1) parts.push(`round ${runner.rung + 1} of ${runner.rungs.length}`);
    const left = runner.timeLeftMs();
    if (runner.state === 'running' && left !== null) {
      const text = formatDuration(left);
      parts.push(text === 'under a second' ? 'under a second left' : `about ${text} left`);
    }
    if (runner.endedAt !== null) parts.push(`took ${formatDuration(runner.endedAt - runner.startedAt)}`);
    parts.push(`${workers} worker${workers === 1 ? '' : 's'}`);
    this.status.textContent = parts.join(' · ');
    this.bar.max = Math.max(1, runner.plannedSteps);
    this.bar.value = runner.doneSteps;
    this.bar.setAttribute('aria-valuetext', `${runner.doneSteps} of ${runner.plannedSteps} steps`);
    const lanes: HTMLElement[] = [];
    const live = runner.state === 'running' || runner.state === 'paused';
    for (let slot = 0; live && slot < workers; slot++) {
      const t = runner.trials.find((x) => x.slot === slot && !hasEnded(x.record));
      lanes.push(
        el(
          'li',
          {},
          el('strong', {}, `Worker ${slot + 1}: `),
          t ? `trial ${t.number} (${describeSettings(t)}), ${laneState(t)}` : 'idle',
        ),
      );
    }
    this.lanes.replaceChildren(...lanes);
  }

  /** Redraw the curves; skipped when nothing changed since the last drawing. */
  draw(runner: SearchRunner | null, width: number): void {
    if (!runner) {
      this.chart.replaceChildren(
        el('p', { class: 'tl-chart-empty' }, 'Each trial’s loss curve appears here as the search trains it.'),
      );
      this.key.textContent = '';
      this.chartVersion = '';
      return;
    }
    const plot = runsPlot.need(
      () => this.draw(runner, width),
      (message) =>
        this.chart.replaceChildren(
          el('p', { class: 'tl-chart-empty' }, `The chart could not load (${message}). Reload the page to try again.`),
        ),
    );
    if (!plot) return;
    const version = `${runner.startedAt}:${runner.trials.map((t) => `${t.record.steps}/${t.record.evals.length}/${t.record.state}`).join(',')}`;
    if (version === this.chartVersion) return;
    this.chartVersion = version;
    const task = TASK_INFO[runner.input.task];
    const curves: RunCurves[] = runner.trials
      .filter((t) => t.record.steps > 0)
      .map((t) => ({
        id: String(t.number),
        name: `#${t.number}`,
        label: describeSettings(t),
        color: RUN_COLORS[(t.number - 1) % RUN_COLORS.length],
        train: t.record.train.map(([x, y]) => ({ x, y })),
        val: t.record.evals.map((e) => ({ x: e.step, y: e.valLoss })),
        emphasis: !hasEnded(t.record),
      }));
    const baseline = runner.trials.find((t) => t.record.baselines.valLoss !== undefined)?.record.baselines.valLoss;
    const baselineName = runner.input.task === 'char-model' ? 'unigram' : 'class shares';
    this.chart.replaceChildren(
      plot.runsChart(curves, {
        width: Math.max(300, Math.min(760, width)),
        height: 280,
        xLabel: runner.input.task === 'count' ? `step (${COUNT_SETUP.stepsPerEpoch} steps = one pass)` : 'step',
        yLabel: runner.input.task === 'char-model' ? 'loss (nats per character)' : 'loss (cross-entropy)',
        baselines: baseline === undefined ? [] : [{ y: baseline, label: `${baselineName} ${fmt(baseline, 2)}` }],
        ariaLabel:
          `Loss curves of ${curves.length} trials of the ${METHOD_NAMES[runner.input.method]} on ${task.name}; ` +
          'the table below the chart lists the same numbers.',
      }),
    );
    this.key.textContent =
      `${curveKey('loss')} Running trials are drawn thicker. ` +
      `In a search of more than ${KEEP_CURVES} trials a finished trial keeps only its validation curve. ` +
      'Numbers at the line ends are trial numbers.';
    if (this.table.open) this.fillTable(runner);
  }

  private fillTable(runner: SearchRunner | null): void {
    if (!runner) return;
    this.tableWrap.replaceChildren(
      runsTable(
        runner.trials
          .filter((t) => t.record.evals.length > 0)
          .map((t) => ({
            name: `#${t.number}`,
            evals: t.record.evals.map((e) => ({ step: e.step, train: e.trainLoss, val: e.valLoss })),
          })),
        { valueLabel: 'loss', caption: 'Each trial’s losses at each evaluation', format: (x) => fmt(x, 3) },
      ),
    );
  }
}

function laneState(t: Trial): string {
  switch (t.record.state) {
    case 'loading':
    case 'queued':
      return 'loading';
    case 'paused':
      return `paused at step ${count(t.record.steps)} of ${count(t.budget)}`;
    default:
      return `step ${count(t.record.steps)} of ${count(t.budget)}`;
  }
}
