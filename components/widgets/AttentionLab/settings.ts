// The attention lab's settings in the reader's terms, the one mapping to the translator's task config, and its URL
// state (`attention-lab.attn=0`, `attention-lab.phrase=…`, `attention-lab.preset=with-without`). Every range lies
// inside the engine's bounds.
import { BASE_BOUNDS } from '../../../engine/train/config';
import type { TaskConfig } from '../../../engine/train/tasks/configs';
import {
  TRANSLATE_BOUNDS,
  TRANSLATE_DEFAULTS,
  type TranslateConfig,
} from '../../../engine/train/tasks/translateConfig';
import { bool, field, intIn, numIn, text, urlState, type Codec, type StateOf } from '../../lib/urlState';

/** The lab's runs: 400 steps, short enough to watch and long enough for the contrast (scripts/attention-lab). */
export const LAB_STEPS = 400;

/** Evaluations per run (accuracy on the test numbers, drawn on the chart as the run trains). */
export const EVALS_PER_RUN = 8;

/** The most characters of a typed phrase the address keeps. */
export const MAX_PHRASE_CHARS = 120;

/** The phrase the heatmap reads until the reader types one. */
export const DEFAULT_PHRASE = 'three hundred and twelve thousand and five';

/** Preset ids, in the order chapter 10 asks them (the presets themselves are in presets.ts). */
export const PRESET_IDS = ['with-without'] as const;

const presetCodec: Codec<string> = {
  parse: (raw) =>
    raw === '' || (PRESET_IDS as readonly string[]).includes(raw)
      ? { value: raw }
      : { error: `must be one of ${PRESET_IDS.join(', ')}` },
  format: (value) => value,
};

/** The URL table: the run's settings, the phrase the heatmap reads, and a preset to load. */
export const attentionLabSpec = {
  attn: field(
    bool(),
    true,
    'Attention on (1) or off (0): off, the decoder reads the encoder’s last state at every step',
  ),
  hidden: field(
    intIn(TRANSLATE_BOUNDS.hiddenSize, { min: 8, max: 128 }),
    TRANSLATE_DEFAULTS.hiddenSize,
    'Hidden units of the encoder and the decoder (8 to 128)',
  ),
  lr: field(
    numIn(BASE_BOUNDS.learningRate, { min: 0.0001, max: 1 }),
    TRANSLATE_DEFAULTS.learningRate,
    'Adam’s learning rate (0.0001 to 1)',
  ),
  steps: field(intIn(BASE_BOUNDS.maxSteps, { min: 50, max: 3000 }), LAB_STEPS, 'Training steps (50 to 3,000)'),
  seed: field(intIn(BASE_BOUNDS.seed, { min: 0, max: 99999 }), TRANSLATE_DEFAULTS.seed, 'Random seed (0 to 99,999)'),
  phrase: field(
    text(MAX_PHRASE_CHARS),
    DEFAULT_PHRASE,
    `A number in words for the trained model to translate (up to ${MAX_PHRASE_CHARS} characters)`,
  ),
  preset: field(presetCodec, '', `Load a question’s runs, ready to train: ${PRESET_IDS.join(', ')}`),
};

export type AttentionLabState = StateOf<typeof attentionLabSpec>;

/** The URL state under the widget's name. */
export const attentionLabUrl = urlState('attention-lab', attentionLabSpec);

/** The settings of one run (the part of the state that trains). */
export interface RunSettings {
  attn: boolean;
  hidden: number;
  lr: number;
  steps: number;
  seed: number;
}

/** The lab's defaults: the engine's translator for LAB_STEPS steps. */
export const RUN_DEFAULTS: Readonly<RunSettings> = {
  attn: true,
  hidden: TRANSLATE_DEFAULTS.hiddenSize,
  lr: TRANSLATE_DEFAULTS.learningRate,
  steps: LAB_STEPS,
  seed: TRANSLATE_DEFAULTS.seed,
};

/** The task config of a run: the engine's translator defaults with the lab's settings, evaluated EVALS_PER_RUN times. */
export function toTaskConfig(s: RunSettings): TranslateConfig {
  return {
    ...TRANSLATE_DEFAULTS,
    attention: s.attn,
    hiddenSize: s.hidden,
    learningRate: s.lr,
    maxSteps: s.steps,
    evalEvery: Math.max(10, Math.round(s.steps / EVALS_PER_RUN)),
    seed: s.seed,
  };
}

/** A run's settings read back from the config the worker trained (null for another task's config). */
export function fromTaskConfig(config: TaskConfig): RunSettings | null {
  if (config.task !== 'translate') return null;
  return {
    attn: config.attention,
    hidden: config.hiddenSize,
    lr: config.learningRate,
    steps: config.maxSteps,
    seed: config.seed,
  };
}

/** A run in a few words: "attention, GRU 64, lr 0.003, 400 steps". */
export function runWords(s: RunSettings): string {
  return [
    s.attn ? 'attention' : 'no attention',
    `GRU ${s.hidden}`,
    `lr ${s.lr}`,
    `${s.steps} steps`,
    ...(s.seed !== RUN_DEFAULTS.seed ? [`seed ${s.seed}`] : []),
  ].join(', ');
}
