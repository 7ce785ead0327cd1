// The forecaster's settings: their type, the defaults the worker and the bench run, the bounds, and the parser
// that checks an untrusted config against them. No model code, so the page can import it.
import { BASE_BOUNDS, MODEL_BOUNDS, parseConfig, type ConfigBounds, type ConfigResult } from '../config';
import type { BaseTaskConfig, RecurrentModelConfig } from '../task';

/** Settings of the forecaster; an absent optional setting takes its value from FORECAST_DEFAULTS. */
export interface ForecastConfig extends BaseTaskConfig, RecurrentModelConfig {
  task: 'forecast';
  /** Days the model reads before each forecast. */
  window: number;
  /** Days of the recursive multi-step forecast: each prediction is fed back as the next input. */
  horizon?: number;
  batchSize: number;
  /** Add the weekday as a one-hot input beside the births. */
  weekdays?: boolean;
  /**
   * Z-score the births with the training years' mean and standard deviation before the model reads them, and undo it
   * on its predictions (chapter 11). Off, the model reads and predicts births per day as they are.
   */
  normalize?: boolean;
  /** The year early stopping watches. */
  validationYear?: number;
  /** The held-out year of the reported test MAE. */
  testYear?: number;
}

/**
 * Defaults that beat the seasonal-naive forecast on the held-out year: an LSTM of 32 units reading
 * 28 days and their weekdays, batches of 32 windows, Adam 5e-3, clipping at 1; validation on 2013,
 * test on 2014, recursive forecasts of 14 days.
 */
export const FORECAST_DEFAULTS: Readonly<Required<ForecastConfig>> = {
  task: 'forecast',
  seed: 1,
  cell: 'lstm',
  hiddenSize: 32,
  numLayers: 1,
  dropout: 0,
  nonlinearity: 'tanh',
  window: 28,
  horizon: 14,
  batchSize: 32,
  weekdays: true,
  normalize: true,
  validationYear: 2013,
  testYear: 2014,
  learningRate: 5e-3,
  optimizer: 'adam',
  clip: 1,
  maxSteps: 1500,
  evalEvery: 100,
  patience: 0,
  momentum: 0,
  restoreBest: false,
  trainFraction: 1,
};

/**
 * What each setting may be. The upper ends keep a model within a browser tab's memory; the years must be in
 * the data and the validation year before the test year, which the task checks against the series it reads.
 */
export const FORECAST_BOUNDS = {
  ...BASE_BOUNDS,
  ...MODEL_BOUNDS,
  window: { kind: 'int', min: 1, max: 366 },
  horizon: { kind: 'int', min: 1, max: 366, optional: true },
  batchSize: { kind: 'int', min: 1, max: 256 },
  weekdays: { kind: 'flag', optional: true },
  normalize: { kind: 'flag', optional: true },
  validationYear: { kind: 'int', min: 1, max: 9999, optional: true },
  testYear: { kind: 'int', min: 1, max: 9999, optional: true },
} as const satisfies ConfigBounds<ForecastConfig>;

/**
 * Checks an untrusted value against FORECAST_BOUNDS, and that the validation year comes before the test year.
 * @returns the config, or `{ ok: false, field, error }` with a sentence naming the setting
 */
export function parseForecastConfig(raw: unknown): ConfigResult<ForecastConfig> {
  return parseConfig<ForecastConfig>('forecast', FORECAST_BOUNDS, raw, (c) => {
    const validationYear = c.validationYear ?? FORECAST_DEFAULTS.validationYear;
    const testYear = c.testYear ?? FORECAST_DEFAULTS.testYear;
    return validationYear < testYear
      ? null
      : {
          field: 'validationYear',
          error: `validationYear must come before testYear, got ${validationYear} and ${testYear}`,
        };
  });
}
