// The contract between a training task (model + data + loss + optimizer) and whoever drives it: a Node test,
// the benchmark, or the Web Worker. A task is synchronous and has no timers: the driver decides when to step.
import type { Tensor } from '../tensor';

export { CELL_TYPES, type CellType } from '../ops/recurrentLayout';

/** The tasks the course trains. */
export const TASK_NAMES = ['char-model', 'forecast', 'sentiment', 'synthetic'] as const;

/** One of TASK_NAMES. */
export type TaskName = (typeof TASK_NAMES)[number];

/** The optimizers a run can use, with PyTorch's defaults apart from the learning rate. */
export const OPTIMIZERS = ['adam', 'rmsprop', 'sgd'] as const;

/** One of OPTIMIZERS. */
export type OptimizerName = (typeof OPTIMIZERS)[number];

/** Settings every task accepts; each task extends this with its own (cell type, hidden size, …). */
export interface BaseTaskConfig {
  task: TaskName;
  /** Seeds initialisation, shuffling, dropout and sampling: same config and seed, identical loss curve. */
  seed: number;
  learningRate: number;
  /** Max global gradient norm; 0 or absent turns clipping off. */
  clip?: number;
  /** Stop after this many optimisation steps. */
  maxSteps: number;
  /** Evaluate on the validation split every this many steps (and after the last step). */
  evalEvery: number;
  /** Early stopping: stop when the validation loss has not improved for this many evaluations (0 or absent = off). */
  patience?: number;
  /** Default 'adam'. */
  optimizer?: OptimizerName;
}

/** What one optimisation step reports. */
export interface StepReport {
  /** Training loss of this step's batch (before the update). */
  loss: number;
  /** Global gradient norm before clipping. */
  gradNorm: number;
}

/**
 * What an evaluation reports: the validation loss plus task metrics, e.g. `perplexity` (char-model),
 * `mae` and `testMae` in births per day (forecast), `accuracy`, `negationAccuracy` (sentiment). Each
 * task's JSDoc lists its metric names; a metric that cannot be computed (an empty subset) is NaN.
 */
export interface EvalReport {
  valLoss: number;
  metrics: Record<string, number>;
}

/** A training task ready to run. */
export interface Task {
  readonly name: TaskName;
  /** Steps in one pass over the training data (for the epoch counter). */
  readonly stepsPerEpoch: number;
  /**
   * What simple baselines score on the same evaluation data, under the names used in `EvalReport`
   * (`valLoss` or a metric name), for reference lines on a chart: the unigram model's loss, the
   * seasonal-naive MAE, the bag-of-words accuracy on negation, chance accuracy. Constant for a task.
   */
  readonly baselines?: Readonly<Record<string, number>>;
  /** Forward, backward (BPTT), clip, optimizer update on the next batch. */
  step(): StepReport;
  /** Validation loss and metrics, computed without recording gradients. Does not change training. */
  evaluate(): EvalReport;
  /** Change the learning rate mid-run. */
  setLearningRate(lr: number): void;
  /** True when every parameter is finite (the driver checks this to detect divergence). */
  parametersFinite(): boolean;
  /** The parameters by PyTorch state_dict name (`rnn.weight_hh_l0`, `fc.bias`, …), for snapshots; the live tensors, not copies. */
  namedParameters?(): Map<string, Tensor>;
  /** Task-specific output a reader looks at (generated text, a forecast, predictions on examples); plain JSON-able data. */
  showcase?(): unknown;
}
