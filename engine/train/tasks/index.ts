// The task registry: one config union, the data each task needs, the defaults, and `createTask`, which is
// all a driver (the Web Worker, the bench, a test) needs to start any of the course's training tasks.
import type { Task, TaskName } from '../task';
import { CHAR_MODEL_DEFAULTS, createCharModelTask, type CharModelConfig, type CharModelData } from './charModel';
import { createForecastTask, FORECAST_DEFAULTS, type ForecastConfig, type ForecastData } from './forecast';
import { createSentimentTask, SENTIMENT_DEFAULTS, type SentimentConfig, type SentimentData } from './sentiment';
import { createSyntheticTask, SYNTHETIC_DEFAULTS, type SyntheticConfig } from './synthetic';

export { CHAR_MODEL_DEFAULTS, createCharModelTask } from './charModel';
export type { CharModelConfig, CharModelData, CharModelShowcase, CharModelTask, SampleOptions } from './charModel';
export { FORECAST_DEFAULTS, createForecastTask } from './forecast';
export type { ForecastConfig, ForecastData, ForecastShowcase, ForecastTask } from './forecast';
export { SENTIMENT_DEFAULTS, createSentimentTask } from './sentiment';
export type { SentimentConfig, SentimentData, SentimentPrediction, SentimentTask } from './sentiment';
export { SYNTHETIC_DEFAULTS, createSyntheticTask } from './synthetic';
export type { SyntheticConfig, SyntheticProblem, SyntheticShowcase, SyntheticTask } from './synthetic';

/** Any task's config; `task` tells which. */
export type TaskConfig = CharModelConfig | ForecastConfig | SentimentConfig | SyntheticConfig;

/** The data each task trains on; the synthetic tasks generate their own from the seed. */
export interface TaskDataMap {
  'char-model': CharModelData;
  forecast: ForecastData;
  sentiment: SentimentData;
  synthetic: undefined;
}

/** The config of task N. */
export type ConfigOf<N extends TaskName> = Extract<TaskConfig, { task: N }>;

/** Each task's default settings (seed 1). */
export const TASK_DEFAULTS: { readonly [N in TaskName]: ConfigOf<N> } = {
  'char-model': CHAR_MODEL_DEFAULTS,
  forecast: FORECAST_DEFAULTS,
  sentiment: SENTIMENT_DEFAULTS,
  synthetic: SYNTHETIC_DEFAULTS,
};

/**
 * A task's defaults with some settings changed, e.g. `withDefaults('synthetic', { cell: 'rnn', delay: 40 })`.
 * @returns a new config object
 */
export function withDefaults<N extends TaskName>(name: N, overrides: Partial<ConfigOf<N>> = {}): ConfigOf<N> {
  return { ...TASK_DEFAULTS[name], ...overrides, task: name };
}

/**
 * Builds the task a config names over its data. Throws a RangeError naming the setting when a
 * setting is out of range, and the data layer's errors when the data cannot be used.
 */
export function createTask<N extends TaskName>(config: ConfigOf<N>, data: TaskDataMap[N]): Task;
export function createTask(config: TaskConfig, data: TaskDataMap[TaskName]): Task {
  switch (config.task) {
    case 'char-model':
      return createCharModelTask(config, data as CharModelData);
    case 'forecast':
      return createForecastTask(config, data as ForecastData);
    case 'sentiment':
      return createSentimentTask(config, data as SentimentData);
    case 'synthetic':
      return createSyntheticTask(config);
    default:
      throw new RangeError(
        `unknown task ${JSON.stringify((config as { task: unknown }).task)}; use 'char-model', 'forecast', 'sentiment' or 'synthetic'`,
      );
  }
}
