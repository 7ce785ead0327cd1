// The training driver: steps a task one optimisation step at a time, evaluates on schedule, keeps the
// best validation result, stops early, and stops a diverging run with a sentence a reader understands.
// Pure and synchronous, no timers: a test, the bench or the Web Worker calls `step()` as fast as it likes.
import { BASE_BOUNDS, checkSettings, type ConfigBounds } from './config';
import type { BaseTaskConfig, EvalReport, Task } from './task';

/** Where a run is: still going, finished its steps, stopped by early stopping, or stopped by NaN/Infinity. */
export type RunStatus = 'running' | 'done' | 'early-stopped' | 'diverged';

/** The best evaluation so far (lowest validation loss). */
export interface BestSoFar {
  /** The step after which it was measured. */
  step: number;
  valLoss: number;
  metrics: Record<string, number>;
}

/** What one call to `Run.step()` reports. */
export interface Progress {
  /** Optimisation steps done, counting this one (1 after the first call). */
  step: number;
  /** Passes over the training data done, fractional: step / stepsPerEpoch. */
  epoch: number;
  /** Training loss of this step's batch. */
  loss: number;
  /** Global gradient norm before clipping. */
  gradNorm: number;
  /** The learning rate this step used. */
  learningRate: number;
  /** Present when the validation split was evaluated after this step. */
  eval?: EvalReport;
  /** The best evaluation so far, or null before the first. */
  best: BestSoFar | null;
  /** The run's status after this step. */
  status: RunStatus;
  /** Present when this step ended the run: why, in a sentence for the reader. */
  message?: string;
  /** Present when this step ended the run and the best weights were restored: their step and re-measured validation loss. */
  restored?: RestoredWeights;
}

/** The weights a run ended with when `restoreBest` loaded the best evaluation's: its step and validation loss, measured again. */
export interface RestoredWeights {
  step: number;
  valLoss: number;
}

/** Where and why a run diverged. */
export interface Divergence {
  /** The step whose loss, or whose update, was not finite; for 'exploded', the first step of the streak. */
  step: number;
  /** What went wrong: a non-finite loss, non-finite parameters, or a finite loss that blew up and stayed up. */
  what: 'loss' | 'parameters' | 'exploded';
  message: string;
}

/**
 * A finite loss counts as exploded when it stays above EXPLOSION_FACTOR times the run's first loss for
 * EXPLOSION_STEPS steps in a row. With Adam a too-high learning rate rarely reaches NaN (each update is
 * bounded by the rate), it sends the loss to hundreds and keeps it there; every task here starts near
 * its chance-level loss, so ten times that is no longer learning. One bad batch is not a streak.
 */
export const EXPLOSION_FACTOR = 10;
export const EXPLOSION_STEPS = 5;

/** A training run over one task. */
export interface Run {
  readonly task: Task;
  readonly status: RunStatus;
  /** Steps done so far. */
  readonly stepsDone: number;
  readonly learningRate: number;
  readonly best: BestSoFar | null;
  /** The last step's progress, or null before the first step. */
  readonly last: Progress | null;
  /** Set when status is 'diverged'. */
  readonly divergence: Divergence | null;
  /** The sentence that ended the run, or null while it runs. */
  readonly message: string | null;
  /** Set when the run ended and `restoreBest` loaded the weights of the best evaluation. */
  readonly restored: RestoredWeights | null;
  /**
   * One optimisation step, then an evaluation if one is due (every `evalEvery` steps and after the
   * last step). Throws when the run is over; check `status` first.
   */
  step(): Progress;
  /** Changes the learning rate from the next step on. */
  setLearningRate(lr: number): void;
}

/** The part of a task config the driver reads. */
export type RunConfig = Pick<
  BaseTaskConfig,
  'learningRate' | 'maxSteps' | 'evalEvery' | 'patience' | 'clip' | 'restoreBest'
>;

/** The bounds of the settings the driver reads: the tasks' own (BASE_BOUNDS). */
const RUN_BOUNDS = {
  learningRate: BASE_BOUNDS.learningRate,
  maxSteps: BASE_BOUNDS.maxSteps,
  evalEvery: BASE_BOUNDS.evalEvery,
  patience: BASE_BOUNDS.patience,
  clip: BASE_BOUNDS.clip,
  restoreBest: BASE_BOUNDS.restoreBest,
} as const satisfies ConfigBounds<RunConfig>;

/** Throws a RangeError naming the first setting outside its bound (0 patience or clip turns that off). */
function checkRunConfig(config: RunConfig): void {
  const problem = checkSettings(RUN_BOUNDS, config);
  if (problem) throw new RangeError(problem.error);
}

/** Formats a learning rate as a reader would type it: 0.5, 0.003, 3e-5. */
export function formatLearningRate(lr: number): string {
  return lr >= 1e-4 ? String(Number(lr.toPrecision(3))) : lr.toExponential(1).replace(/\.0e/, 'e');
}

/**
 * The sentence shown when a run diverges: what went wrong and at which step, the likely cause, and
 * what to try. Clipping is suggested only when it is off.
 * @param value the offending loss (NaN, ±Infinity) for 'loss', the threshold it exceeded for 'exploded'; ignored for 'parameters'
 */
export function divergenceMessage(
  what: Divergence['what'],
  step: number,
  value: number,
  learningRate: number,
  clipOn: boolean,
): string {
  const became = Number.isNaN(value) ? 'NaN' : value > 0 ? 'infinite' : 'minus infinity';
  const subject =
    what === 'loss'
      ? `The loss became ${became} at step ${step}`
      : what === 'parameters'
        ? `The weights became NaN or infinite at step ${step}`
        : `The loss blew up at step ${step}: it rose above ${Number(value.toPrecision(3))}, ${EXPLOSION_FACTOR} ` +
          `times its first value, and stayed there for ${EXPLOSION_STEPS} steps. `;
  if (what === 'loss' && step === 1) {
    return `The loss was ${became} at the very first step, before any update: the data or the model settings produce invalid numbers, so check the input data.`;
  }
  const lower = formatLearningRate(learningRate / 10);
  const clipping = clipOn ? '' : ', or turn gradient clipping on';
  const cause = `the learning rate ${formatLearningRate(learningRate)} is probably too high for this model — try ${lower}${clipping}.`;
  return what === 'exploded' ? `${subject}${cause[0].toUpperCase()}${cause.slice(1)}` : `${subject}: ${cause}`;
}

/**
 * Starts a run. The task should be fresh (no steps taken); the run counts steps from 1.
 * Early stopping (patience > 0) ends the run when `patience` evaluations in a row bring no validation
 * loss lower than the best so far. A non-finite loss, non-finite parameters after an update, or a loss
 * that stays above 10× its first value for 5 steps end it with status 'diverged' and a message; no
 * further step is taken. With `restoreBest`, the run keeps a copy of the weights at each new lowest validation loss,
 * and when it ends by finishing or stopping early it loads them back (unless the last evaluation was the best) and
 * evaluates once more, so the reported `restored.valLoss` is measured, not copied.
 * @param config the task's config (its learningRate, maxSteps, evalEvery, patience, clip and restoreBest)
 * @throws RangeError when a setting is out of bounds, or `restoreBest` is asked of a task without `namedParameters`
 */
export function createRun(task: Task, config: RunConfig): Run {
  checkRunConfig(config);
  const weights = config.restoreBest ? task.namedParameters?.() : undefined;
  if (config.restoreBest && !weights)
    throw new RangeError(`the ${task.name} task does not expose its weights, so restoreBest cannot keep the best ones`);
  const params = weights ? [...weights.values()] : [];
  let bestWeights: (Float32Array | Float64Array)[] | null = null;
  let restored: RestoredWeights | null = null;
  const { maxSteps, evalEvery } = config;
  const patience = config.patience ?? 0;
  const clipOn = (config.clip ?? 0) > 0;
  let learningRate = config.learningRate;
  let status: RunStatus = 'running';
  let stepsDone = 0;
  let best: BestSoFar | null = null;
  let evalsSinceBest = 0;
  let last: Progress | null = null;
  let divergence: Divergence | null = null;
  let message: string | null = null;
  let firstLoss = NaN;
  let streakStart = 0;

  const finish = (s: RunStatus, text: string): void => {
    status = s;
    message = text;
  };

  /** Load the best evaluation's weights back and measure them again; returns the sentence to add to the ending. */
  const restoreBest = (): string => {
    if (!bestWeights || !best || best.step === stepsDone) return '';
    params.forEach((p, i) => p.data.set(bestWeights![i]));
    restored = { step: best.step, valLoss: task.evaluate().valLoss };
    return ` The weights of step ${best.step} were restored (validation loss ${restored.valLoss.toPrecision(4)}).`;
  };

  const step = (): Progress => {
    if (status !== 'running') throw new Error(`the run is over (${status}); start a new run to train again`);
    const usedLr = learningRate;
    const { loss, gradNorm } = task.step();
    stepsDone += 1;
    const progress: Progress = {
      step: stepsDone,
      epoch: stepsDone / task.stepsPerEpoch,
      loss,
      gradNorm,
      learningRate: usedLr,
      best,
      status,
    };

    if (stepsDone === 1) firstLoss = loss;
    // A first loss of 0 (or NaN, which ends the run anyway) gives no scale to blow up against.
    const threshold = firstLoss > 0 ? EXPLOSION_FACTOR * firstLoss : Infinity;
    if (!(loss > threshold)) streakStart = 0;
    else if (streakStart === 0) streakStart = stepsDone;

    // The loss is measured before the update, the parameters after it: check the loss first.
    const badLoss = !Number.isFinite(loss);
    if (badLoss || !task.parametersFinite()) {
      const what = badLoss ? 'loss' : 'parameters';
      divergence = { step: stepsDone, what, message: divergenceMessage(what, stepsDone, loss, usedLr, clipOn) };
      finish('diverged', divergence.message);
    } else if (streakStart > 0 && stepsDone - streakStart + 1 >= EXPLOSION_STEPS) {
      divergence = {
        step: streakStart,
        what: 'exploded',
        message: divergenceMessage('exploded', streakStart, threshold, usedLr, clipOn),
      };
      finish('diverged', divergence.message);
    } else {
      if (stepsDone % evalEvery === 0 || stepsDone === maxSteps) {
        const report = task.evaluate();
        progress.eval = report;
        if (!Number.isFinite(report.valLoss)) {
          divergence = {
            step: stepsDone,
            what: 'loss',
            message: divergenceMessage('loss', stepsDone, report.valLoss, usedLr, clipOn),
          };
          finish('diverged', divergence.message);
        } else if (best === null || report.valLoss < best.valLoss) {
          best = { step: stepsDone, valLoss: report.valLoss, metrics: report.metrics };
          evalsSinceBest = 0;
          if (params.length > 0) {
            if (bestWeights) params.forEach((p, i) => bestWeights![i].set(p.data));
            else bestWeights = params.map((p) => p.data.slice());
          }
        } else {
          evalsSinceBest += 1;
          if (patience > 0 && evalsSinceBest >= patience) {
            finish(
              'early-stopped',
              `Stopped early at step ${stepsDone}: the validation loss has not improved for ${patience} ` +
                `evaluation${patience === 1 ? '' : 's'} (best ${best.valLoss.toPrecision(4)} at step ${best.step}).` +
                restoreBest(),
            );
          }
        }
      }
      if (status === 'running' && stepsDone >= maxSteps) {
        finish(
          'done',
          `Finished ${maxSteps} steps` +
            (best ? ` (best validation loss ${best.valLoss.toPrecision(4)} at step ${best.step})` : '') +
            `.${restoreBest()}`,
        );
      }
    }
    progress.best = best;
    progress.status = status;
    if (message !== null) progress.message = message;
    if (restored !== null && status !== 'running') progress.restored = restored;
    last = progress;
    return progress;
  };

  return {
    task,
    get status() {
      return status;
    },
    get stepsDone() {
      return stepsDone;
    },
    get learningRate() {
      return learningRate;
    },
    get best() {
      return best;
    },
    get last() {
      return last;
    },
    get divergence() {
      return divergence;
    },
    get message() {
      return message;
    },
    get restored() {
      return restored;
    },
    step,
    setLearningRate(lr: number): void {
      const problem = checkSettings({ learningRate: RUN_BOUNDS.learningRate }, { learningRate: lr });
      if (problem) throw new RangeError(problem.error);
      learningRate = lr;
      task.setLearningRate(lr);
    },
  };
}
