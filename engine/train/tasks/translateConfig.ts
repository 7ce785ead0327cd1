// The number-words translator's settings: their type, the defaults the worker and the lab run, the bounds, and the
// parser that checks an untrusted config against them. No model code, so the page can import it.
import { BASE_BOUNDS, parseConfig, type ConfigBounds, type ConfigResult } from '../config';
import type { BaseTaskConfig } from '../task';

/** Settings of the translator (a GRU encoder–decoder); an absent optional setting takes its value from TRANSLATE_DEFAULTS. */
export interface TranslateConfig extends BaseTaskConfig {
  task: 'translate';
  /**
   * On: at each output step the decoder reads a weighted average of all the encoder's states, the weights a softmax of
   * dot products with its own state (Luong's dot attention). Off: it reads the encoder's last state at every step.
   */
  attention: boolean;
  /** Units of the encoder's and the decoder's GRU. */
  hiddenSize: number;
  /** Size of the learned word and digit vectors. */
  embeddingDim?: number;
  batchSize: number;
  /** Number names in the training set (drawn from the seed; the test numbers are never among them). */
  trainSize?: number;
}

/** Defaults: measured by scripts/attention-lab/outcomes.ts (see its outcomes.json) to show the contrast within a minute or two. */
export const TRANSLATE_DEFAULTS: Readonly<Required<TranslateConfig>> = {
  task: 'translate',
  seed: 1,
  attention: true,
  hiddenSize: 64,
  embeddingDim: 32,
  batchSize: 64,
  trainSize: 20_000,
  learningRate: 3e-3,
  optimizer: 'adam',
  clip: 1,
  maxSteps: 400,
  evalEvery: 50,
  patience: 0,
  momentum: 0,
  restoreBest: false,
  trainFraction: 1,
};

/** What each setting may be; the upper ends keep a model within a browser tab's memory and a step within a second. */
export const TRANSLATE_BOUNDS = {
  ...BASE_BOUNDS,
  attention: { kind: 'flag' },
  hiddenSize: { kind: 'int', min: 1, max: 512 },
  embeddingDim: { kind: 'int', min: 1, max: 512, optional: true },
  batchSize: { kind: 'int', min: 1, max: 512 },
  trainSize: { kind: 'int', min: 1, max: 200_000, optional: true },
} as const satisfies ConfigBounds<TranslateConfig>;

/**
 * Checks an untrusted value against TRANSLATE_BOUNDS.
 * @returns the config, or `{ ok: false, field, error }` with a sentence naming the setting
 */
export function parseTranslateConfig(raw: unknown): ConfigResult<TranslateConfig> {
  return parseConfig<TranslateConfig>('translate', TRANSLATE_BOUNDS, raw);
}
