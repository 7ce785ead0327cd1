// A search's trials as rows: the one list the results table shows and the CSV and JSON exports write, so the
// exported rows are the table's rows by construction. Pure functions, no DOM.
import { endText } from '../../lib/runHistory';
import type { SearchInput, Trial } from './runner';
import { AXES, AXIS_NAMES } from './search';
import { TASK_INFO } from './tasks';

/** One trial as the table shows it and the exports write it. */
export interface TrialRow {
  trial: number;
  rung: number;
  cell: string;
  hidden_size: number;
  num_layers: number;
  lr: number;
  parameters: number;
  steps: number;
  /** Lowest validation loss, or null when the trial never evaluated, diverged or failed. */
  best_val_loss: number | null;
  best_step: number | null;
  /** The task's metric at the best evaluation (perplexity, or accuracy as a fraction). */
  metric: number | null;
  status: string;
  /** The step where validation loss turned up while training loss fell, or null. */
  overfit_from_step: number | null;
  seconds: number;
}

/** The rows of a search's trials, in trial order. */
export function trialRows(trials: readonly Trial[], input: Pick<SearchInput, 'task'>): TrialRow[] {
  const key = TASK_INFO[input.task].metric.key;
  return trials.map((t) => {
    const best = Number.isFinite(t.score) ? t.record.best : null;
    return {
      trial: t.number,
      rung: t.rung + 1,
      cell: t.settings.cell,
      hidden_size: t.settings.hidden,
      num_layers: t.settings.layers,
      lr: t.settings.lr,
      parameters: t.parameters,
      steps: t.record.steps,
      best_val_loss: best?.valLoss ?? null,
      best_step: best?.step ?? null,
      metric: best?.metrics[key] ?? null,
      status: endText(t.record),
      overfit_from_step: t.overfit?.turnStep ?? null,
      seconds: Math.round(t.record.elapsedMs / 100) / 10,
    };
  });
}

/** The CSV header: the row fields (the hyperparameters in the outline's order, as PyTorch names them), the metric under its own name. */
export function csvHeader(input: Pick<SearchInput, 'task'>): string[] {
  return [
    'trial',
    'rung',
    ...AXES.map((a) => AXIS_NAMES[a].python),
    'parameters',
    'steps',
    'best_val_loss',
    'best_step',
    TASK_INFO[input.task].metric.key,
    'status',
    'overfit_from_step',
    'seconds',
  ];
}

/** A CSV field: quoted when it holds a comma, a quote or a line break (RFC 4180). */
function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = typeof value === 'number' ? String(value) : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The trials as CSV: a header line, then one line per trial, in the table's fields and full precision. */
export function toCsv(trials: readonly Trial[], input: Pick<SearchInput, 'task'>): string {
  const lines = [csvHeader(input).join(',')];
  for (const r of trialRows(trials, input)) {
    lines.push(
      [
        r.trial,
        r.rung,
        r.hidden_size,
        r.num_layers,
        r.lr,
        r.cell,
        r.parameters,
        r.steps,
        r.best_val_loss,
        r.best_step,
        r.metric,
        r.status,
        r.overfit_from_step,
        r.seconds,
      ]
        .map(csvField)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** JSON has no NaN or Infinity: write them as null. */
const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

/**
 * The whole search as JSON: what was searched and how, then every trial's row, its full worker config, and its
 * evaluation curve (step, validation loss, training loss, metrics).
 */
export function toJson(
  trials: readonly Trial[],
  input: SearchInput,
  meta: { method: string; workers: number },
): string {
  const rows = trialRows(trials, input);
  return JSON.stringify(
    {
      search: { ...input, methodName: meta.method, workers: meta.workers },
      trials: trials.map((t, i) => ({
        ...rows[i],
        config: t.record.config,
        message: t.record.message,
        evals: t.record.evals.map((e) => ({
          step: e.step,
          val_loss: finite(e.valLoss),
          train_loss: finite(e.trainLoss),
          metrics: Object.fromEntries(Object.entries(e.metrics).map(([k, v]) => [k, finite(v)])),
        })),
      })),
    },
    null,
    2,
  );
}
