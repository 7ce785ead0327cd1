// The contract between a training task (model + data + loss + optimizer) and whoever drives it: a Node test,
// the benchmark, or the Web Worker. A task is synchronous and has no timers: the driver decides when to step.

/** The tasks the course trains. */
export type TaskName = 'char-model' | 'forecast' | 'sentiment' | 'synthetic';

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
  /** Evaluate on the validation split every this many steps. */
  evalEvery: number;
  /** Early stopping: stop when the validation loss has not improved for this many evaluations (0 = off). */
  patience?: number;
}

/** What one optimisation step reports. */
export interface StepReport {
  /** Training loss of this step's batch. */
  loss: number;
  /** Global gradient norm before clipping. */
  gradNorm: number;
}

/** What an evaluation on the validation split reports: its loss plus task metrics (accuracy, perplexity, mae, …). */
export interface EvalReport {
  valLoss: number;
  metrics: Record<string, number>;
}

/** A training task ready to run. */
export interface Task {
  readonly name: TaskName;
  /** Steps in one pass over the training data (for the epoch counter). */
  readonly stepsPerEpoch: number;
  /** Forward, backward (BPTT), clip, optimizer update on the next batch. */
  step(): StepReport;
  /** Validation loss and metrics, computed without recording gradients. */
  evaluate(): EvalReport;
  /** Change the learning rate mid-run. */
  setLearningRate(lr: number): void;
  /** True when every parameter is finite (the driver checks this to detect divergence). */
  parametersFinite(): boolean;
  /** Task-specific output a reader looks at (generated text, a forecast, predictions on examples). */
  showcase?(): unknown;
}
