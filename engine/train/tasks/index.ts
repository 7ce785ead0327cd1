// The tasks in one place: each task's builder, and from configs.ts the config union, the defaults and the parser.
// A driver (the Web Worker, the bench, a test) builds the task its config names with that task's `create…Task`.
export { CHAR_MODEL_BOUNDS, CHAR_MODEL_DEFAULTS, parseCharModelConfig } from './charModelConfig';
export type { CharModelConfig } from './charModelConfig';
export { createCharModelTask } from './charModel';
export type { CharModelData, CharModelShowcase, CharModelTask, SampleOptions } from './charModel';
export { FORECAST_BOUNDS, FORECAST_DEFAULTS, parseForecastConfig } from './forecastConfig';
export type { ForecastConfig } from './forecastConfig';
export { createForecastTask } from './forecast';
export type { ForecastData, ForecastShowcase, ForecastTask } from './forecast';
export { parseSentimentConfig, SENTIMENT_BOUNDS, SENTIMENT_DEFAULTS } from './sentimentConfig';
export type { SentimentConfig } from './sentimentConfig';
export { createSentimentTask } from './sentiment';
export type { NamedTensor, SentimentData, SentimentPrediction, SentimentReport, SentimentTask } from './sentiment';
export { readSentimentFile, writeSentimentFile, SENTIMENT_FILE_FORMAT } from './sentimentFile';
export type { LoadedSentimentModel, SentimentFile } from './sentimentFile';
export { parseSyntheticConfig, SYNTHETIC_BOUNDS, SYNTHETIC_DEFAULTS, SYNTHETIC_PROBLEMS } from './syntheticConfig';
export type { SyntheticConfig, SyntheticProblem } from './syntheticConfig';
export { createSyntheticTask } from './synthetic';
export type { SyntheticShowcase, SyntheticTask } from './synthetic';
export { parseTranslateConfig, TRANSLATE_BOUNDS, TRANSLATE_DEFAULTS } from './translateConfig';
export type { TranslateConfig } from './translateConfig';
export {
  createTranslateTask,
  isHeldOut,
  LONG_FROM,
  TEST_PER_LENGTH,
  testNumbers,
  trainingNumbers,
  wordCountOf,
} from './translate';
export type { LengthAccuracy, TranslateReport, TranslateTask } from './translate';
export { NumberTranslator, sourceBatch, SOURCE_VOCAB, MAX_OUTPUT_STEPS } from './translator';
export type { SourceBatch, Translation, TranslatorOptions } from './translator';
export { parseTeacherForcingConfig, TEACHER_FORCING_BOUNDS, TEACHER_FORCING_DEFAULTS } from './teacherForcingConfig';
export type { TeacherForcingConfig } from './teacherForcingConfig';
export { createTeacherForcingTask } from './teacherForcing';
export type { GenerationReport, TeacherForcingData, TeacherForcingTask } from './teacherForcing';
export { parseTaskConfig, runConfigFor, TASK_DEFAULTS, withDefaults } from './configs';
export type { ConfigOf, RecurrentNetConfig, TaskConfig } from './configs';
