// A steady "about 2 min 30 s left" for a training run: the pace is an exponentially weighted steps-per-second over
// whole stretches between evaluations (each holds the same mix of training and evaluating, so an evaluation does not
// make it swing), the estimate is rounded to a unit that grows with it, and nothing is said before one whole stretch
// after the warm-up has been seen.

/** Options of a `TimeLeft`. */
export interface TimeLeftOptions {
  /** How fast old pace is forgotten: its weight halves every this many ms of training time (default 20 s). */
  halfLifeMs?: number;
  /** Say nothing before a checkpoint at this step or later (and a stretch measured after the first)… (default 100) */
  minSteps?: number;
  /** …and this much training time (default 2 s). */
  minElapsedMs?: number;
}

/**
 * Folds a run's checkpoints, `(step, elapsedMs)` with pauses excluded from `elapsedMs`, into a pace and a time left.
 * Give it points that end alike, e.g. the progress right after each evaluation: every stretch between two then holds
 * the same share of evaluating (and of anything else the worker does now and then), as the rest of the run will.
 * The pace is Σ w·Δsteps / Σ w·Δtime over the stretches, each one's weight halving every `halfLifeMs` of training
 * time after it, so a run that slows down or speeds up is followed within a minute or so.
 */
export class TimeLeft {
  private readonly halfLifeMs: number;
  private readonly minSteps: number;
  private readonly minElapsedMs: number;
  private last: { step: number; elapsedMs: number } | null = null;
  private weightedSteps = 0;
  private weightedMs = 0;

  constructor(options: TimeLeftOptions = {}) {
    this.halfLifeMs = options.halfLifeMs ?? 20_000;
    this.minSteps = options.minSteps ?? 100;
    this.minElapsedMs = options.minElapsedMs ?? 2_000;
  }

  /** Start over (a new run). */
  reset(): void {
    this.last = null;
    this.weightedSteps = 0;
    this.weightedMs = 0;
  }

  /** Add a checkpoint: the run is at `step` after `elapsedMs` of training. Checkpoints out of order are ignored. */
  add(step: number, elapsedMs: number): void {
    const last = this.last;
    if (last === null) {
      // The stretch before the first checkpoint holds the warm-up (compiling, the first allocations): the pace is
      // measured from there on.
      this.last = { step, elapsedMs };
      return;
    }
    const ds = step - last.step;
    const dt = elapsedMs - last.elapsedMs;
    if (ds < 0 || dt < 0 || (ds === 0 && dt === 0)) return;
    const keep = Math.pow(0.5, dt / this.halfLifeMs);
    this.weightedSteps = this.weightedSteps * keep + ds;
    this.weightedMs = this.weightedMs * keep + dt;
    this.last = { step, elapsedMs };
  }

  /** Steps per second at the current pace, or null before any time has passed. */
  stepsPerSecond(): number | null {
    return this.weightedMs > 0 ? (1000 * this.weightedSteps) / this.weightedMs : null;
  }

  /**
   * Milliseconds left to reach `maxSteps` at the current pace, or null until a stretch between two checkpoints has
   * been measured and the last is at `minSteps` after `minElapsedMs`.
   * @param step where the run is now (default: the last checkpoint); between checkpoints the estimate falls with it
   */
  remainingMs(maxSteps: number, step = this.last?.step ?? 0): number | null {
    const last = this.last;
    const rate = this.stepsPerSecond();
    if (last === null || rate === null || rate <= 0) return null;
    if (last.step < this.minSteps || last.elapsedMs < this.minElapsedMs) return null;
    return (1000 * Math.max(0, maxSteps - Math.max(step, last.step))) / rate;
  }
}

/** The rounding of a time left: to 5 s under a minute, 10 s under 5 min, 30 s under 20 min, whole minutes above. */
export function roundTimeLeft(ms: number): number {
  const s = ms / 1000;
  const unit = s < 60 ? 5 : s < 300 ? 10 : s < 1200 ? 30 : 60;
  return Math.max(unit, Math.round(s / unit) * unit) * 1000;
}

/** The time left in words: "about 2 min 30 s left", "a few seconds left" under 10 s. */
export function timeLeftText(ms: number): string {
  if (ms < 10_000) return 'a few seconds left';
  const s = roundTimeLeft(ms) / 1000;
  const m = Math.floor(s / 60);
  const rest = s % 60;
  if (m === 0) return `about ${s} s left`;
  if (m >= 60) return `about ${Math.floor(m / 60)} h ${m % 60} min left`;
  return `about ${m} min${rest === 0 ? '' : ` ${rest} s`} left`;
}
