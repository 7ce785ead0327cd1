// The char-model widget's account of a run in words and numbers: the status line, the progress bar, the metrics
// line, the table of losses at each evaluation, and a polite announcement of each new evaluation for screen readers.
import type { CharModelConfig } from '../../../engine/train/tasks/charModelConfig';
import { el } from '../../lib/dom';
import { fmt, formatDuration } from '../../lib/format';
import type { ProgressMessage, RunInfo, WorkerRunStatus } from '../../lib/trainerClient';
import { STATUS_TEXT, type LossCurves } from './model';

const count = (n: number): string => n.toLocaleString('en-US');

/** Statuses in which a run is still going. */
export const ACTIVE: readonly WorkerRunStatus[] = ['loading', 'running', 'paused'];

/** What the status panel shows. */
export interface StatusSnapshot {
  /** null before the first run. */
  status: WorkerRunStatus | null;
  latest: ProgressMessage | null;
  curves: LossCurves;
  info: RunInfo | null;
  /** The config the next (or current) run trains with. */
  config: CharModelConfig;
}

/** The status line, progress bar, metrics line, loss table and live region; the widget places each. */
export class StatusPanel {
  readonly line = el('p', { class: 'cm-status' });
  readonly bar = el('progress', { class: 'cm-bar', max: 1, value: 0, 'aria-label': 'Training progress' });
  readonly metrics = el('p', { class: 'cm-metrics' });
  /** The losses at each evaluation, in a closed `<details>` that stands in for the chart. */
  readonly table: HTMLDetailsElement;
  readonly live = el('p', { class: 'visually-hidden', 'aria-live': 'polite' });
  private readonly rows = el('tbody', {});
  private lastAnnounced = 0;

  constructor() {
    const th = (text: string): HTMLElement => el('th', { scope: 'col' }, text);
    this.table = el(
      'details',
      { class: 'cm-details' },
      el('summary', {}, 'The losses as a table'),
      el(
        'div',
        { class: 'cm-table-wrap scroll-cue', tabindex: 0, role: 'region', 'aria-label': 'Losses at each evaluation' },
        el(
          'table',
          { class: 'cm-table' },
          el('caption', { class: 'visually-hidden' }, 'Training and validation loss at each evaluation'),
          el('thead', {}, el('tr', {}, th('step'), th('training loss'), th('validation loss'), th('perplexity'))),
          this.rows,
        ),
      ),
    );
  }

  /** Forget the previous run's rows and announcements. */
  clear(): void {
    this.rows.replaceChildren();
    this.lastAnnounced = 0;
  }

  /** Bring every part up to date; table rows are appended, never rebuilt. */
  render({ status, latest: p, curves, info, config }: StatusSnapshot): void {
    this.bar.max = p?.maxSteps ?? config.maxSteps;
    if (status === null) {
      this.line.textContent = `Ready to train: ${count(config.maxSteps)} steps, each on ${config.batchSize} chunks of ${config.seqLen} characters.`;
      this.metrics.textContent = '';
      return;
    }
    const parts = [STATUS_TEXT[status]];
    if (p) {
      parts.push(`step ${count(p.step)} of ${count(p.maxSteps)}`, `epoch ${fmt(p.epoch, 2)}`);
      if (status === 'running' && p.remainingMs !== null) {
        const left = formatDuration(p.remainingMs);
        parts.push(left === 'under a second' ? 'under a second left' : `about ${left} left`);
      }
      if (!ACTIVE.includes(status)) parts.push(`took ${formatDuration(p.elapsedMs)}`);
    }
    this.line.textContent = parts.join(' · ');
    this.bar.value = p?.step ?? 0;
    this.bar.setAttribute('aria-valuetext', p ? `step ${p.step} of ${p.maxSteps}` : 'not started');
    const lastTrain = curves.lastTrain();
    const metrics: string[] = [];
    if (lastTrain) metrics.push(`training loss ${fmt(lastTrain.y, 3)}`);
    if (p?.valLoss !== null && p?.valLoss !== undefined)
      metrics.push(
        `validation loss ${fmt(p.valLoss, 3)} (perplexity ${fmt(p.metrics.perplexity ?? Math.exp(p.valLoss), 1)})`,
      );
    const unigram = info?.baselines.valLoss;
    if (unigram !== undefined) metrics.push(`unigram baseline ${fmt(unigram, 3)}`);
    metrics.push(`learning rate ${config.learningRate}`);
    this.metrics.textContent = metrics.join(' · ');
    this.appendRows(curves);
  }

  private appendRows(curves: LossCurves): void {
    const rows = curves.rows;
    for (let i = this.rows.children.length; i < rows.length; i++) {
      const row = rows[i];
      this.rows.append(
        el(
          'tr',
          {},
          el('td', {}, count(row.step)),
          el('td', {}, fmt(row.trainLoss, 3)),
          el('td', {}, fmt(row.valLoss, 3)),
          el('td', {}, fmt(row.perplexity, 1)),
        ),
      );
    }
    const last = rows.at(-1);
    if (last && last.step !== this.lastAnnounced) {
      this.lastAnnounced = last.step;
      this.live.textContent = `Step ${count(last.step)}: validation loss ${fmt(last.valLoss, 2)}.`;
    }
  }
}
