// The sequence generator's settings (teacher forcing vs free running): their type, defaults, bounds and the parser
// that checks an untrusted config against them. No model code, so the page can import it.
import { BASE_BOUNDS, MODEL_BOUNDS, parseConfig, type ConfigBounds, type ConfigResult } from '../config';
import type { BaseTaskConfig, RecurrentModelConfig } from '../task';

/** Settings of the births generator; an absent optional setting takes its value from TEACHER_FORCING_DEFAULTS. */
export interface TeacherForcingConfig extends BaseTaskConfig, RecurrentModelConfig {
  task: 'teacher-forcing';
  /** True days the generator reads before it generates (the warm-up that sets its state). */
  warmup: number;
  /** Days generated after the warm-up, in training and in the free-running test. */
  horizon: number;
  batchSize: number;
  /**
   * Teacher forcing ratio at the first training step: the chance that a generated step's input is the true day
   * rather than the model's own prediction of it (1: always the truth, 0: always its own prediction).
   */
  teacherForcing: number;
  /** The ratio at the last training step, reached by a straight line from `teacherForcing` (scheduled sampling); default: no change. */
  teacherForcingEnd?: number;
  /** Add the weekday as a one-hot input beside the births. */
  weekdays?: boolean;
  /** The year early stopping watches. */
  validationYear?: number;
  /** The held-out year the free-running error is measured on. */
  testYear?: number;
}

/**
 * Defaults: an LSTM of 32 units reading births and weekdays, warmed up on 28 true days, then generating 28 days; batches of 32, Adam 5e-3,
 * clipping at 1; teacher forcing throughout; validation on 2013, test on 2014.
 */
export const TEACHER_FORCING_DEFAULTS: Readonly<Required<TeacherForcingConfig>> = {
  task: 'teacher-forcing',
  seed: 1,
  cell: 'lstm',
  hiddenSize: 32,
  numLayers: 1,
  dropout: 0,
  nonlinearity: 'tanh',
  warmup: 28,
  horizon: 28,
  batchSize: 32,
  teacherForcing: 1,
  teacherForcingEnd: 1,
  weekdays: true,
  validationYear: 2013,
  testYear: 2014,
  learningRate: 5e-3,
  optimizer: 'adam',
  clip: 1,
  maxSteps: 600,
  evalEvery: 100,
  patience: 0,
  momentum: 0,
  restoreBest: false,
  trainFraction: 1,
};

/** What each setting may be; the years must be in the data, which the task checks against the series it reads. */
export const TEACHER_FORCING_BOUNDS = {
  ...BASE_BOUNDS,
  ...MODEL_BOUNDS,
  warmup: { kind: 'int', min: 1, max: 366 },
  horizon: { kind: 'int', min: 1, max: 366 },
  batchSize: { kind: 'int', min: 1, max: 256 },
  teacherForcing: { kind: 'number', min: 0, max: 1 },
  teacherForcingEnd: { kind: 'number', min: 0, max: 1, optional: true },
  weekdays: { kind: 'flag', optional: true },
  validationYear: { kind: 'int', min: 1, max: 9999, optional: true },
  testYear: { kind: 'int', min: 1, max: 9999, optional: true },
} as const satisfies ConfigBounds<TeacherForcingConfig>;

/**
 * Checks an untrusted value against TEACHER_FORCING_BOUNDS, and that the validation year comes before the test year.
 * @returns the config, or `{ ok: false, field, error }` with a sentence naming the setting
 */
export function parseTeacherForcingConfig(raw: unknown): ConfigResult<TeacherForcingConfig> {
  return parseConfig<TeacherForcingConfig>('teacher-forcing', TEACHER_FORCING_BOUNDS, raw, (c) => {
    const validationYear = c.validationYear ?? TEACHER_FORCING_DEFAULTS.validationYear;
    const testYear = c.testYear ?? TEACHER_FORCING_DEFAULTS.testYear;
    return validationYear < testYear
      ? null
      : {
          field: 'validationYear',
          error: `validationYear must come before testYear, got ${validationYear} and ${testYear}`,
        };
  });
}
