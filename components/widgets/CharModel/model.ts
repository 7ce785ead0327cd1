// The char-model widget's logic without the DOM: the run config its settings make, the loss curves it
// accumulates from progress messages (bounded in size), and the sentences it shows about time and input.
import { CHAR_MODEL_DEFAULTS, type CharModelConfig } from '../../../engine/train/tasks/charModelConfig';
import type { Series } from '../../charts/lineChart';
import { visible } from '../../lib/notice';
import type { ProgressMessage, WorkerRunStatus } from '../../lib/trainerClient';
import type { StateOf } from '../../lib/urlState';
import type { charModelSpec } from './state';

type State = StateOf<typeof charModelSpec>;

/** Characters generated per sample. */
export const SAMPLE_LENGTH = 240;

/**
 * The worker's config for the widget's settings: the engine's CHAR_MODEL_DEFAULTS (the same the bench times)
 * with the cell, hidden size, chunk length, learning rate and seed the reader chose.
 */
export function runConfig(state: State): CharModelConfig {
  return {
    ...CHAR_MODEL_DEFAULTS,
    seed: state.seed,
    cell: state.cell,
    hiddenSize: state.hidden,
    seqLen: state.seq,
    learningRate: state.lr,
  };
}

/**
 * The absolute URL of the site's copy of Moby-Dick, which the worker fetches (a worker resolves relative URLs
 * against its own script, so the page resolves it).
 * @param base the site's base path (`import.meta.env.BASE_URL`)
 * @param pageHref `location.href`
 */
export function dataUrl(base: string, pageHref: string): string {
  return new URL(`${base.endsWith('/') ? base : `${base}/`}data/moby-dick.txt`, pageHref).href;
}

/** A point of the training-loss curve: the mean loss of a block of steps, plotted at the block's last step. */
export interface CurvePoint {
  x: number;
  y: number;
}

/** One row of the table that stands in for the chart: an evaluation and the training loss around it. */
export interface EvalRow {
  step: number;
  trainLoss: number;
  valLoss: number;
  perplexity: number;
}

/**
 * Training and validation loss as they arrive. The training curve starts with every step and halves its
 * resolution whenever it reaches `2 × maxPoints` points (each point then averages twice as many steps), so a
 * short run shows every step, a long one stays at most `2 × maxPoints` points, and a single batch's noise
 * is smoothed as the run grows.
 */
export class LossCurves {
  readonly validation: CurvePoint[] = [];
  readonly rows: EvalRow[] = [];
  /** Counts changes to the curves, so a chart is redrawn only when there is something new to draw. */
  version = 0;
  /** Steps per training point. */
  block = 1;
  private points: { x: number; sum: number; count: number }[] = [];
  private sum = 0;
  private count = 0;

  constructor(private readonly maxPoints = 150) {}

  /** The training curve: one point per block of steps. */
  get train(): CurvePoint[] {
    return this.points.map((p) => ({ x: p.x, y: p.sum / p.count }));
  }

  /** The latest training point, or undefined before the first. */
  lastTrain(): CurvePoint | undefined {
    const p = this.points.at(-1);
    return p && { x: p.x, y: p.sum / p.count };
  }

  /** Append a progress message's points and evaluations. */
  add(progress: Pick<ProgressMessage, 'points' | 'evals'>): void {
    for (const p of progress.points) {
      this.sum += p.loss;
      this.count += 1;
      if (this.count >= this.block) this.flush(p.step);
    }
    for (const e of progress.evals) {
      this.version += 1;
      this.validation.push({ x: e.step, y: e.valLoss });
      const last = this.points.at(-1);
      this.rows.push({
        step: e.step,
        trainLoss: last ? last.sum / last.count : NaN,
        valLoss: e.valLoss,
        perplexity: e.metrics.perplexity ?? Math.exp(e.valLoss),
      });
    }
  }

  /** Close a partial block (at the end of a run or a pause), so the curve reaches the last step. */
  finish(step: number): void {
    if (this.count > 0) this.flush(step);
  }

  /** The curves for `lineChart`. */
  series(): Series[] {
    return [
      { name: 'training loss', points: this.train },
      { name: 'validation loss', points: this.validation },
    ];
  }

  private flush(step: number): void {
    this.version += 1;
    this.points.push({ x: step, sum: this.sum, count: this.count });
    this.sum = 0;
    this.count = 0;
    if (this.points.length >= 2 * this.maxPoints) {
      // Merge neighbours: each point now stands for twice as many steps.
      const merged: typeof this.points = [];
      for (let i = 0; i + 1 < this.points.length; i += 2) {
        const [a, b] = [this.points[i], this.points[i + 1]];
        merged.push({ x: b.x, sum: a.sum + b.sum, count: a.count + b.count });
      }
      this.points = merged;
      this.block *= 2;
    }
  }
}

/** The characters of `prime` missing from `vocabulary`, each once, in order of appearance. */
export function unknownCharacters(prime: string, vocabulary: string): string[] {
  const known = new Set(Array.from(vocabulary));
  return [...new Set(Array.from(prime))].filter((ch) => !known.has(ch));
}

/** How a character is shown in a message: quoted, with invisible and direction-changing ones (U+202E…) named. */
export function showChar(ch: string): string {
  if (ch === '\n') return 'a line break';
  if (ch === '\t') return 'a tab';
  if (/\s/.test(ch) || visible(ch) !== ch) return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  return `“${ch}”`;
}

/** The sentence shown when the priming text has characters the model has never seen; null when it has none. */
export function primeMessage(unknown: readonly string[], vocabularySize: number): string | null {
  if (unknown.length === 0) return null;
  const shown = unknown.slice(0, 6).map(showChar);
  if (unknown.length > 6) shown.push(`${unknown.length - 6} more`);
  const listed = shown.length === 1 ? shown[0] : `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
  const they = unknown.length === 1 ? 'it is' : 'they are';
  return (
    `The model knows only the ${vocabularySize} characters of its training text (letters, digits, space, ` +
    `line break and ! " ' ( ) , - . : ; ?), so ${listed} ${unknown.length === 1 ? 'is' : 'are'} left out ` +
    `of the priming text: ${they} skipped when the model reads it.`
  );
}

/** A few words for each status, for the status line. */
export const STATUS_TEXT: Record<WorkerRunStatus, string> = {
  loading: 'Loading Moby-Dick and building the model…',
  running: 'Training',
  paused: 'Paused',
  done: 'Finished',
  'early-stopped': 'Stopped early',
  diverged: 'Diverged',
  cancelled: 'Cancelled',
  error: 'Stopped by an error',
};
