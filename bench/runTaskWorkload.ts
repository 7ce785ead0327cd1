// Times one task from its first step until an evaluation meets its quality target (or the run ends), with the
// trainer's own schedule: evaluations every `evalEvery` steps are part of the time, and are timed apart too.
import type { EvalReport, Task } from '../engine/train/task';
import { runConfigFor } from '../engine/train/tasks/configs';
import { createRun, type BestSoFar, type RunStatus } from '../engine/train/trainer';
import type { TaskWorkload } from './taskWorkloads';

/** When and how a run met its target. */
export interface TargetReached {
  step: number;
  epoch: number;
  /** Wall time from the first step to the end of the evaluation that met the target, evaluations included. */
  ms: number;
  /** The part of `ms` spent in evaluations. */
  evalMs: number;
  evaluations: number;
  report: EvalReport;
}

/** One workload's outcome. */
export interface TaskResult {
  workload: TaskWorkload;
  /** Building the task over its data (untimed in `ms`). */
  setupMs: number;
  baselines: Readonly<Record<string, number>>;
  /** Null when the run ended (its steps, early stopping or divergence) before meeting the target. */
  reached: TargetReached | null;
  /** Steps taken and the time they took, until the target or the end. */
  steps: number;
  ms: number;
  status: RunStatus;
  /** The trainer's closing sentence when the run ended without meeting the target. */
  message: string | null;
  best: BestSoFar | null;
  /** Showcase lines once the run stopped. */
  showcase: string[];
}

/** Options of `runTaskWorkload`. */
export interface TaskRunOptions {
  onProgress?: (message: string) => void;
  /** Replaces `performance.now`, for tests. */
  now?: () => number;
}

/**
 * Trains the workload's task at its config until an evaluation meets the target, then stops.
 * Nothing is warmed up: the time includes the JIT's first steps, as a reader's run does.
 */
export function runTaskWorkload(workload: TaskWorkload, options: TaskRunOptions = {}): TaskResult {
  const { onProgress = () => {}, now = () => performance.now() } = options;
  const setupStart = now();
  const task = workload.create();
  // Some tasks compute their baselines on first use: do it here, outside the timed run.
  const baselines = task.baselines ?? {};
  const setupMs = now() - setupStart;

  let evalMs = 0;
  let evaluations = 0;
  const timed: Task = {
    name: task.name,
    stepsPerEpoch: task.stepsPerEpoch,
    step: () => task.step(),
    evaluate: () => {
      const t = now();
      const report = task.evaluate();
      evalMs += now() - t;
      evaluations += 1;
      return report;
    },
    setLearningRate: (lr) => task.setLearningRate(lr),
    parametersFinite: () => task.parametersFinite(),
  };

  const run = createRun(timed, runConfigFor(workload.config, task));
  let reached: TargetReached | null = null;
  let ms = 0;
  const start = now();
  const best = workload.target.best;
  while (run.status === 'running' && (reached === null || best !== undefined)) {
    const p = run.step();
    ms = now() - start;
    const sign = workload.target.lowerIsBetter ? -1 : 1;
    const improves = (e: EvalReport): boolean =>
      best === undefined
        ? reached === null
        : reached === null || sign * e.metrics[best] > sign * reached.report.metrics[best];
    if (p.eval && workload.target.reached(p.eval, baselines) && improves(p.eval)) {
      reached = { step: p.step, epoch: p.epoch, ms, evalMs, evaluations, report: p.eval };
    }
    if (p.step % 10 === 0 || p.eval)
      onProgress(`${workload.id}: step ${p.step}, ${(ms / 1000).toFixed(0)} s, loss ${p.loss.toFixed(3)}`);
  }
  return {
    workload,
    setupMs,
    baselines,
    reached,
    steps: run.stepsDone,
    ms,
    status: run.status,
    message: reached ? null : run.message,
    best: run.best,
    showcase: workload.showcase?.(task) ?? [],
  };
}
