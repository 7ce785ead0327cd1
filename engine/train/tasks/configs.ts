// Every task's config in one union, with its defaults and one parser that reads the `task` field and checks the
// rest against that task's bounds. Light (no model code): the worker's message check and the page import it.
import { shown, type ConfigResult } from '../config';
import { TASK_NAMES, type Task, type TaskName } from '../task';
import type { RunConfig } from '../trainer';
import { CHAR_MODEL_DEFAULTS, parseCharModelConfig, type CharModelConfig } from './charModelConfig';
import { FORECAST_DEFAULTS, parseForecastConfig, type ForecastConfig } from './forecastConfig';
import { parseSentimentConfig, SENTIMENT_DEFAULTS, type SentimentConfig } from './sentimentConfig';
import { parseSyntheticConfig, SYNTHETIC_DEFAULTS, type SyntheticConfig } from './syntheticConfig';
import { parseTeacherForcingConfig, TEACHER_FORCING_DEFAULTS, type TeacherForcingConfig } from './teacherForcingConfig';
import { parseTranslateConfig, TRANSLATE_DEFAULTS, type TranslateConfig } from './translateConfig';

/** Any task's config; `task` tells which. */
export type TaskConfig =
  CharModelConfig | ForecastConfig | SentimentConfig | SyntheticConfig | TeacherForcingConfig | TranslateConfig;

/**
 * The configs of the tasks whose model is one RecurrentNet (an input layer, a recurrent layer of a chosen cell, a Linear
 * head): every task but the translator, whose encoder–decoder has no cell setting. The training lab trains these.
 */
export type RecurrentNetConfig = Exclude<TaskConfig, TranslateConfig>;

/** The config of task N. */
export type ConfigOf<N extends TaskName> = Extract<TaskConfig, { task: N }>;

/** Each task's default settings (seed 1): what the course's widgets, the worker's tests and the bench run. */
export const TASK_DEFAULTS: { readonly [N in TaskName]: ConfigOf<N> } = {
  'char-model': CHAR_MODEL_DEFAULTS,
  forecast: FORECAST_DEFAULTS,
  sentiment: SENTIMENT_DEFAULTS,
  synthetic: SYNTHETIC_DEFAULTS,
  'teacher-forcing': TEACHER_FORCING_DEFAULTS,
  translate: TRANSLATE_DEFAULTS,
};

/**
 * A task's defaults with some settings changed, e.g. `withDefaults('synthetic', { cell: 'rnn', delay: 40 })`.
 * @returns a new config object
 */
export function withDefaults<N extends TaskName>(name: N, overrides: Partial<ConfigOf<N>> = {}): ConfigOf<N> {
  return { ...TASK_DEFAULTS[name], ...overrides, task: name };
}

/** Each task's parser, by task name. */
const PARSERS: { readonly [N in TaskName]: (raw: unknown) => ConfigResult<ConfigOf<N>> } = {
  'char-model': parseCharModelConfig,
  forecast: parseForecastConfig,
  sentiment: parseSentimentConfig,
  synthetic: parseSyntheticConfig,
  'teacher-forcing': parseTeacherForcingConfig,
  translate: parseTranslateConfig,
};

const isTaskName = (x: unknown): x is TaskName => (TASK_NAMES as readonly unknown[]).includes(x);

/**
 * Checks an untrusted value (the `config` of a worker's `start` message) as the config of the task it names.
 * Never throws.
 * @returns the typed config, or `{ ok: false, field, error }` with a sentence naming the setting
 */
export function parseTaskConfig(raw: unknown): ConfigResult<TaskConfig> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return { ok: false, field: 'config', error: 'config must be an object' };
  const task = 'task' in raw ? raw.task : undefined;
  if (!isTaskName(task))
    return { ok: false, field: 'task', error: `task must be one of ${TASK_NAMES.join(', ')}, got ${shown(task)}` };
  return PARSERS[task](raw);
}

/**
 * The trainer's settings for a task built from `config`: the config's own, or, when the task sets its own schedule
 * (sentiment with `epochs`: every epoch, evaluated at the end of each, the best epoch's weights kept by the task), that
 * schedule without early stopping or the trainer's own restoring of weights.
 */
export function runConfigFor(config: TaskConfig, task: Pick<Task, 'schedule'>): RunConfig {
  return task.schedule ? { ...config, ...task.schedule, patience: 0, restoreBest: false } : config;
}
