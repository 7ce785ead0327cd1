// The sentiment lab's account of a run as it trains: a status line with the time left, a progress bar, the loss
// curves (training per step, validation per epoch) and the validation accuracy per epoch against bag-of-words, with
// the numbers as a table; charts are redrawn at most once a second.
import type { Series } from '../../charts/lineChart';
import { lazyImport } from '../../lib/lazyImport';
import { el } from '../../lib/dom';
import { fmt, formatDuration } from '../../lib/format';
import type { ProgressMessage, RunInfo, WorkerRunStatus } from '../../lib/trainerClient';
import { LossCurves } from '../CharModel/model';

/** The curves (d3 scales and shapes): loaded when training has its first step to draw. */
const lineCharts = lazyImport(() => import('../../charts/lineChart'));

/** Statuses in which a run is still going. */
export const ACTIVE: readonly WorkerRunStatus[] = ['loading', 'running', 'paused'];

const STATUS_TEXT: Record<WorkerRunStatus, string> = {
  loading: 'Loading the sentences and building the model…',
  running: 'Training',
  paused: 'Paused',
  done: 'Finished',
  'early-stopped': 'Stopped early',
  diverged: 'Diverged',
  cancelled: 'Cancelled',
  error: 'Stopped by an error',
};

const count = (n: number): string => n.toLocaleString('en-US');
const pct = (x: number): string => `${(x * 100).toFixed(0)}%`;

/** Tick positions for an epoch axis up to `last`: whole epochs only, at most about eight of them. */
const wholeEpochs = (last: number): number[] => {
  const every = Math.max(1, Math.ceil(last / 8));
  return Array.from({ length: Math.floor(last / every) }, (_, i) => (i + 1) * every);
};

/** One evaluation at an epoch's end. */
interface EpochRow {
  epoch: number;
  step: number;
  trainLoss: number;
  valLoss: number;
  accuracy: number;
}

/** Status, bar, charts and table of one run; `reset` starts a new one. */
export class ProgressPanel {
  readonly element: HTMLElement;
  private readonly line = el('p', { class: 'sl-status', role: 'status' });
  private readonly bar = el('progress', { class: 'sl-bar', max: 1, value: 0, 'aria-label': 'Training progress' });
  private readonly charts = el('div', { class: 'sl-charts' });
  private readonly rows = el('tbody', {});
  private readonly live = el('p', { class: 'visually-hidden', 'aria-live': 'polite' });
  private curves = new LossCurves();
  private epochs: EpochRow[] = [];
  private latest: ProgressMessage | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private drawnAt = -Infinity;
  private drawnVersion = -1;

  constructor() {
    const th = (text: string): HTMLElement => el('th', { scope: 'col' }, text);
    this.element = el(
      'section',
      { class: 'sl-progress', 'aria-label': 'Training' },
      this.line,
      this.bar,
      this.charts,
      el(
        'details',
        { class: 'sl-details' },
        el('summary', {}, 'The curves as a table'),
        el(
          'div',
          {
            class: 'sl-table-wrap scroll-cue',
            tabindex: 0,
            role: 'region',
            'aria-label': 'Losses and accuracy at each epoch',
          },
          el(
            'table',
            { class: 'sl-table' },
            el(
              'caption',
              { class: 'visually-hidden' },
              'Training loss, validation loss and validation accuracy per epoch',
            ),
            el(
              'thead',
              {},
              el(
                'tr',
                {},
                th('epoch'),
                th('step'),
                th('training loss'),
                th('validation loss'),
                th('validation accuracy'),
              ),
            ),
            this.rows,
          ),
        ),
      ),
      this.live,
    );
    this.drawCharts(null);
  }

  reset(): void {
    this.curves = new LossCurves();
    this.epochs = [];
    this.latest = null;
    this.rows.replaceChildren();
    this.drawnVersion = -1;
    this.drawCharts(null);
  }

  /** Fold a progress message in (its points and evaluations); the charts follow within a second. */
  add(progress: ProgressMessage, stepsPerEpoch: number): void {
    this.latest = progress;
    this.curves.add(progress);
    for (const e of progress.evals) {
      const row: EpochRow = {
        epoch: Math.round(e.step / stepsPerEpoch),
        step: e.step,
        trainLoss: this.curves.lastTrain()?.y ?? NaN,
        valLoss: e.valLoss,
        accuracy: e.metrics.accuracy,
      };
      this.epochs.push(row);
      this.rows.append(
        el(
          'tr',
          {},
          ...[String(row.epoch), count(row.step), fmt(row.trainLoss, 3), fmt(row.valLoss, 3), pct(row.accuracy)].map(
            (text) => el('td', {}, text),
          ),
        ),
      );
      this.live.textContent = `Epoch ${row.epoch}: validation accuracy ${pct(row.accuracy)}.`;
    }
  }

  /** The run ended or paused: close the last block of the training curve. */
  finish(): void {
    this.curves.finish(this.latest?.step ?? 0);
  }

  /** The status line and the bar, now; the charts when the once-a-second budget allows. */
  render(status: WorkerRunStatus | null, info: RunInfo | null, ready: string): void {
    const p = this.latest;
    if (status === null) {
      this.line.textContent = ready;
      this.bar.value = 0;
    } else {
      const loadedOnly = status === 'done' && info?.maxSteps === 0;
      const parts = [loadedOnly ? 'Loaded and evaluated (nothing to train)' : STATUS_TEXT[status]];
      if (p && info && info.maxSteps > 0) {
        parts.push(
          `epoch ${Math.min(Math.ceil(p.epoch), Math.round(p.maxSteps / info.stepsPerEpoch))} of ${Math.round(p.maxSteps / info.stepsPerEpoch)}`,
          `step ${count(p.step)} of ${count(p.maxSteps)}`,
        );
        if (status === 'running' && p.remainingMs !== null) {
          const left = formatDuration(p.remainingMs);
          parts.push(left === 'under a second' ? 'under a second left' : `about ${left} left`);
        }
        if (!ACTIVE.includes(status)) parts.push(`took ${formatDuration(p.elapsedMs)}`);
      }
      this.line.textContent = parts.join(' · ');
      this.bar.max = Math.max(1, p?.maxSteps ?? info?.maxSteps ?? 1);
      this.bar.value = p?.step ?? 0;
      this.bar.setAttribute('aria-valuetext', p ? `step ${p.step} of ${p.maxSteps}` : 'not started');
    }
    this.schedule(info);
  }

  private schedule(info: RunInfo | null): void {
    if (this.timer !== null || this.curves.version === this.drawnVersion) return;
    const wait = Math.max(0, this.drawnAt + 1000 - performance.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      this.drawCharts(info);
    }, wait);
  }

  private drawCharts(info: RunInfo | null): void {
    this.drawnAt = performance.now();
    this.drawnVersion = this.curves.version;
    const width = Math.max(
      260,
      Math.min(520, (this.charts.clientWidth || 560) / (this.charts.clientWidth > 700 ? 2 : 1) - 12),
    );
    const loss = this.curves.series();
    const accuracy: Series[] = [
      { name: 'validation accuracy', points: this.epochs.map((r) => ({ x: r.epoch, y: r.accuracy })) },
    ];
    if (loss.every((s) => s.points.length === 0)) {
      this.charts.replaceChildren(
        el('p', { class: 'sl-chart-empty' }, 'The loss and accuracy curves appear here once training starts.'),
      );
      return;
    }
    const charts = lineCharts.need(
      () => this.drawCharts(info),
      (message) =>
        this.charts.replaceChildren(
          el(
            'p',
            { class: 'sl-chart-empty' },
            `The charts could not load (${message}). The table below lists the values.`,
          ),
        ),
    );
    if (!charts) return;
    const { lineChart } = charts;
    const bow = info?.baselines.accuracy;
    const named = (chart: SVGSVGElement | HTMLElement, label: string): HTMLElement => {
      for (const svg of chart instanceof SVGSVGElement ? [chart] : chart.querySelectorAll('svg')) {
        if (svg.getAttribute('aria-label')) svg.setAttribute('role', 'img');
        for (const g of svg.querySelectorAll('g[aria-label]')) g.removeAttribute('aria-label');
      }
      return el('figure', { class: 'sl-chart', 'aria-label': label }, chart);
    };
    const lossChart = lineChart(loss, {
      width,
      height: 220,
      xLabel: 'step',
      yLabel: 'cross-entropy loss',
      rules: [{ y: Math.log(2), label: 'guessing (ln 2)' }],
      ariaLabel: 'Training loss by step and validation loss at each epoch; the table below lists the values.',
    });
    const accuracyChart = lineChart(accuracy, {
      width,
      height: 220,
      xLabel: 'epoch',
      xTicks: wholeEpochs(this.epochs.at(-1)?.epoch ?? 1),
      yLabel: 'validation accuracy',
      yDomain: [0.4, 1],
      rules: bow === undefined ? [] : [{ y: bow, label: 'bag-of-words' }],
      ariaLabel: 'Validation accuracy at each epoch, with the bag-of-words model’s; the table below lists the values.',
    });
    requestAnimationFrame(() =>
      this.charts.replaceChildren(named(lossChart, 'Loss curves'), named(accuracyChart, 'Validation accuracy')),
    );
  }
}
