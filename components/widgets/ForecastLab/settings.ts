// The forecast lab's settings in the reader's terms, the one mapping to the forecaster's task config, and its URL state
// (`forecast-lab.norm=0`, `forecast-lab.preset=normalization`, …). Every range lies inside the engine's bounds.
import { BASE_BOUNDS, MODEL_BOUNDS } from '../../../engine/train/config';
import { CELL_TYPES, type CellType } from '../../../engine/train/task';
import type { TaskConfig } from '../../../engine/train/tasks/configs';
import { FORECAST_BOUNDS, FORECAST_DEFAULTS, type ForecastConfig } from '../../../engine/train/tasks/forecastConfig';
import { bool, field, intIn, numIn, oneOf, urlState, type Codec, type StateOf } from '../../lib/urlState';
import { SPANS } from './forecasts';

/** The lab's runs are short enough to watch: 500 steps (the engine's default forecaster trains 1,500). */
export const LAB_STEPS = 500;

/** Which forecasts the chart shows: each day from the true days before it, or the year from 1 January on. */
export const MODES = ['one-step', 'recursive'] as const;
export type Mode = (typeof MODES)[number];

/** Preset ids, in the order chapter 10 asks them (the presets themselves are in presets.ts). */
export const PRESET_IDS = ['beat-seasonal-naive', 'normalization'] as const;

const presetCodec: Codec<string> = {
  parse: (raw) =>
    raw === '' || (PRESET_IDS as readonly string[]).includes(raw)
      ? { value: raw }
      : { error: `must be one of ${PRESET_IDS.join(', ')}` },
  format: (value) => value,
};

/** The URL table: the run's settings, what the chart shows, and a preset to load. */
export const forecastLabSpec = {
  norm: field(bool(), true, 'Normalize the births with the training years’ mean and spread (1) or feed them raw (0)'),
  cell: field(oneOf(CELL_TYPES), FORECAST_DEFAULTS.cell, 'The recurrent cell: rnn, lstm or gru'),
  hidden: field(
    intIn(MODEL_BOUNDS.hiddenSize, { min: 2, max: 128 }),
    FORECAST_DEFAULTS.hiddenSize,
    'Hidden units (2 to 128)',
  ),
  window: field(
    intIn(FORECAST_BOUNDS.window, { min: 7, max: 91 }),
    FORECAST_DEFAULTS.window,
    'Days the model reads before each forecast (7 to 91)',
  ),
  lr: field(
    numIn(BASE_BOUNDS.learningRate, { min: 0.0001, max: 1 }),
    FORECAST_DEFAULTS.learningRate,
    'Adam’s learning rate (0.0001 to 1)',
  ),
  steps: field(intIn(BASE_BOUNDS.maxSteps, { min: 50, max: 3000 }), LAB_STEPS, 'Training steps (50 to 3,000)'),
  seed: field(intIn(BASE_BOUNDS.seed, { min: 0, max: 99999 }), FORECAST_DEFAULTS.seed, 'Random seed (0 to 99,999)'),
  mode: field(
    oneOf(MODES),
    'one-step',
    'The forecasts on the chart: one-step (each day from the true days) or recursive',
  ),
  span: field(oneOf(SPANS), 'jan-feb', `The stretch of 2014 on the chart: ${SPANS.join(', ')}`),
  preset: field(presetCodec, '', `Load a question’s runs, ready to train: ${PRESET_IDS.join(', ')}`),
};

export type ForecastLabState = StateOf<typeof forecastLabSpec>;

/** The URL state under the widget's name. */
export const forecastLabUrl = urlState('forecast-lab', forecastLabSpec);

/** The settings of one run (the part of the state that trains). */
export interface RunSettings {
  norm: boolean;
  cell: CellType;
  hidden: number;
  window: number;
  lr: number;
  steps: number;
  seed: number;
}

/** The lab's defaults: the engine's forecaster for LAB_STEPS steps. */
export const RUN_DEFAULTS: Readonly<RunSettings> = {
  norm: true,
  cell: FORECAST_DEFAULTS.cell,
  hidden: FORECAST_DEFAULTS.hiddenSize,
  window: FORECAST_DEFAULTS.window,
  lr: FORECAST_DEFAULTS.learningRate,
  steps: LAB_STEPS,
  seed: FORECAST_DEFAULTS.seed,
};

/** The task config of a run: the engine's forecaster defaults with the lab's settings, evaluated ten times a run. */
export function toTaskConfig(s: RunSettings): ForecastConfig {
  return {
    ...FORECAST_DEFAULTS,
    normalize: s.norm,
    cell: s.cell,
    hiddenSize: s.hidden,
    window: s.window,
    learningRate: s.lr,
    maxSteps: s.steps,
    evalEvery: Math.max(10, Math.round(s.steps / 10)),
    seed: s.seed,
  };
}

/** A run's settings read back from the config the worker trained (null for another task's config). */
export function fromTaskConfig(config: TaskConfig): RunSettings | null {
  if (config.task !== 'forecast') return null;
  return {
    norm: config.normalize ?? true,
    cell: config.cell ?? RUN_DEFAULTS.cell,
    hidden: config.hiddenSize ?? RUN_DEFAULTS.hidden,
    window: config.window ?? RUN_DEFAULTS.window,
    lr: config.learningRate ?? RUN_DEFAULTS.lr,
    steps: config.maxSteps ?? RUN_DEFAULTS.steps,
    seed: config.seed ?? RUN_DEFAULTS.seed,
  };
}

/** A run in a few words: "LSTM 32, normalized, window 28, lr 0.005, 500 steps". */
export function runWords(s: RunSettings): string {
  return [
    `${s.cell.toUpperCase()} ${s.hidden}`,
    s.norm ? 'normalized' : 'raw births',
    `window ${s.window}`,
    `lr ${s.lr}`,
    `${s.steps} steps`,
    ...(s.seed !== RUN_DEFAULTS.seed ? [`seed ${s.seed}`] : []),
  ].join(', ');
}
