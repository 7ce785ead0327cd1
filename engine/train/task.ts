// The contract between a training task (model + data + loss + optimizer) and whoever drives it: a Node test,
// the benchmark, or the Web Worker. A task is synchronous and has no timers: the driver decides when to step.
import type { Tensor } from '../tensor';

import type { CellType } from '../ops/recurrentLayout';

export { CELL_TYPES, type CellType } from '../ops/recurrentLayout';

/** The tasks the course trains. */
export const TASK_NAMES = ['char-model', 'forecast', 'sentiment', 'synthetic', 'teacher-forcing', 'translate'] as const;

/** One of TASK_NAMES. */
export type TaskName = (typeof TASK_NAMES)[number];

/** The optimizers a run can use, with PyTorch's defaults apart from the learning rate. */
export const OPTIMIZERS = ['adam', 'rmsprop', 'sgd'] as const;

/** One of OPTIMIZERS. */
export type OptimizerName = (typeof OPTIMIZERS)[number];

/** The nonlinearities of a plain RNN cell, as torch.nn.RNN's `nonlinearity=`. */
export const NONLINEARITIES = ['tanh', 'relu'] as const;

/** One of NONLINEARITIES. */
export type Nonlinearity = (typeof NONLINEARITIES)[number];

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
  /** Momentum μ of SGD or RMSprop (PyTorch's `momentum=`); 0 or absent: none. Adam has its own (β₁) and refuses it. */
  momentum?: number;
  /**
   * When the run ends (all steps done or stopped early), load the weights of the evaluation with the lowest
   * validation loss, as Keras's `restore_best_weights`; default false (the run ends with its last weights).
   */
  restoreBest?: boolean;
  /** Share of the training data to train on (a small slice makes overfitting visible); default 1, all of it. */
  trainFraction?: number;
}

/** The recurrent model every task builds: its cell, width, depth, dropout between layers and (plain RNN) nonlinearity. */
export interface RecurrentModelConfig {
  cell: CellType;
  hiddenSize: number;
  /** Stacked layers (default 1). */
  numLayers?: number;
  /** Dropout on each layer's output except the last, as PyTorch's `dropout=` (so none with one layer); default 0. */
  dropout?: number;
  /** The plain RNN's nonlinearity (default tanh); the gated cells have fixed ones and refuse 'relu'. */
  nonlinearity?: Nonlinearity;
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
  /**
   * When the task sets its own length (sentiment: whole epochs of data whose size no config knows), the trainer's
   * step limit and evaluation interval, in place of the config's `maxSteps` and `evalEvery`.
   */
  readonly schedule?: { readonly maxSteps: number; readonly evalEvery: number };
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
