// What a contestant is to the bench: something that, given a model, initial weights and Adam's
// settings, builds a trainer whose step() runs one full training step.
import type { Batch } from '../data';
import type { AdamOptions } from '../fused/adam';
import type { InitialWeights, ModelConfig } from '../model';

/** Contestant ids, as they appear in the BENCH line (`<id>_ms`). */
export type ContestantId = 'engine' | 'engine_js' | 'fused' | 'tfjs_cpu' | 'tfjs_wasm' | 'recurrent_js';

/** Everything a contestant needs to build its trainer; identical for all contestants of a workload. */
export interface TrainerSetup {
  model: ModelConfig;
  weights: InitialWeights;
  adam: AdamOptions;
}

/** One contestant's model plus optimizer, ready to train. */
export interface Trainer {
  /**
   * One training step (forward, BPTT, Adam update) from zero initial state; synchronous, so the
   * time it takes is the step's time.
   * @param batch [T·B] time-major token ids and targets
   * @returns the mean cross-entropy before the update
   */
  step(batch: Batch): number;
  /**
   * Called, untimed, before each timed step: TF.js switches its process-wide backend here, since
   * both of its backends share one process.
   */
  activate?(): void;
  /** Frees what the trainer holds outside the JS heap (TF.js tensors). */
  dispose(): void;
}

/** Why a contestant cannot run a workload (shown instead of a time). */
export interface Unavailable {
  unavailable: string;
}

export interface Contestant {
  id: ContestantId;
  label: string;
  /**
   * Builds a trainer, or says why it cannot (library missing, cell not supported).
   */
  create(setup: TrainerSetup): Promise<Trainer | Unavailable>;
}

export function isUnavailable(t: Trainer | Unavailable): t is Unavailable {
  return 'unavailable' in t;
}
