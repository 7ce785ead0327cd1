// The char-model widget's account of the run it trains, in words and numbers: the status line (with a steady time
// left), the progress bar, the metrics line, and a polite announcement of each new evaluation for screen readers. The
// losses at each evaluation are in the runs panel's table, with every kept run's.
import type { CharModelConfig } from '../../../engine/train/tasks/charModelConfig';
import { el } from '../../lib/dom';
import { fmt, formatDuration } from '../../lib/format';
import type { RunRecord } from '../../lib/runHistory';
import { timeLeftText } from '../../lib/timeLeft';
import type { ProgressMessage, RunInfo, WorkerRunStatus } from '../../lib/trainerClient';
import { STATUS_TEXT } from './model';

const count = (n: number): string => n.toLocaleString('en-US');

/** Statuses in which a run is still going. */
export const ACTIVE: readonly WorkerRunStatus[] = ['loading', 'running', 'paused'];

/** What the status panel shows. */
export interface StatusSnapshot {
  /** null before the first run. */
  status: WorkerRunStatus | null;
  latest: ProgressMessage | null;
  /** The kept record of that run. */
  record: RunRecord | null;
  info: RunInfo | null;
  /** The config the next (or current) run trains with. */
  config: CharModelConfig;
  /** The steady estimate of the time left (`TimeLeft`), or null before it has seen enough. */
  remainingMs: number | null;
}

/** The training loss now: the mean of the steps since the last point of the record's curve, or that point. */
function currentTrainLoss(record: RunRecord | null): number | null {
  if (!record) return null;
  const [sum, n] = record.trainPending;
  if (n > 0) return sum / n;
  return record.train.at(-1)?.[1] ?? null;
}

/** The status line, progress bar, metrics line and live region; the widget places each. */
export class StatusPanel {
  readonly line = el('p', { class: 'cm-status' });
  readonly bar = el('progress', { class: 'cm-bar', max: 1, value: 0, 'aria-label': 'Training progress' });
  readonly metrics = el('p', { class: 'cm-metrics' });
  readonly live = el('p', { class: 'visually-hidden', 'aria-live': 'polite' });
  private lastAnnounced = 0;

  /** Forget the previous run's announcements. */
  clear(): void {
    this.lastAnnounced = 0;
  }

  /** Bring every part up to date. */
  render({ status, latest: p, record, info, config, remainingMs }: StatusSnapshot): void {
    this.bar.max = p?.maxSteps ?? config.maxSteps;
    if (status === null) {
      this.line.textContent = `Ready to train: ${count(config.maxSteps)} steps, each on ${config.batchSize} chunks of ${config.seqLen} characters.`;
      this.metrics.textContent = '';
      return;
    }
    const parts = [STATUS_TEXT[status]];
    if (p) {
      parts.push(`step ${count(p.step)} of ${count(p.maxSteps)}`, `epoch ${fmt(p.epoch, 2)}`);
      if (status === 'running' && remainingMs !== null) parts.push(timeLeftText(remainingMs));
      if (!ACTIVE.includes(status)) parts.push(`took ${formatDuration(p.elapsedMs)}`);
    }
    if (record) parts.push(`run #${record.number} on the chart`);
    this.line.textContent = parts.join(' · ');
    this.bar.value = p?.step ?? 0;
    this.bar.setAttribute('aria-valuetext', p ? `step ${p.step} of ${p.maxSteps}` : 'not started');
    const trainLoss = currentTrainLoss(record);
    const metrics: string[] = [];
    if (trainLoss !== null) metrics.push(`training loss ${fmt(trainLoss, 3)}`);
    if (p?.valLoss !== null && p?.valLoss !== undefined)
      metrics.push(
        `validation loss ${fmt(p.valLoss, 3)} (perplexity ${fmt(p.metrics.perplexity ?? Math.exp(p.valLoss), 1)})`,
      );
    const unigram = info?.baselines.valLoss;
    if (unigram !== undefined) metrics.push(`unigram baseline ${fmt(unigram, 3)}`);
    metrics.push(`learning rate ${config.learningRate}`);
    this.metrics.textContent = metrics.join(' · ');
    const last = record?.evals.at(-1);
    if (last && last.step !== this.lastAnnounced) {
      this.lastAnnounced = last.step;
      this.live.textContent = `Step ${count(last.step)}: validation loss ${fmt(last.valLoss, 2)}.`;
    }
  }
}
