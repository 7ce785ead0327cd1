// The registry of "time to target quality" workloads: each course task at its default settings (the same
// TASK_DEFAULTS the widgets and the worker run), its real data, and the quality a reader can see is good;
// plus the cell-type comparison on the recall task at several delays. Add a workload by adding an entry.
import { loadLabelledSentences, loadMobyDick, loadSentimentCorpus, loadUsBirths } from '../scripts/data/datasets';
import { SENTIMENT_LAB_DEFAULTS } from '../engine/train/tasks/sentimentConfig';
import { CELL_TYPES, type EvalReport, type Task } from '../engine/train/task';
import {
  createCharModelTask,
  createForecastTask,
  createSentimentTask,
  createSyntheticTask,
  createTeacherForcingTask,
  createTranslateTask,
  withDefaults,
  type CharModelTask,
  type ForecastTask,
  type SentimentTask,
  type TaskConfig,
  type TeacherForcingTask,
  type TranslateTask,
} from '../engine/train/tasks/index';

/** The groups `--only=` selects: `tasks` (every task at its defaults) and `delays` (recall, three cells × three delays). */
export type TaskGroupId = 'tasks' | 'delays';

/** The quality a run has to reach. */
export interface QualityTarget {
  /** What the target means, for the report. */
  text: string;
  /** Whether an evaluation meets it; `baselines` are the task's own (unigram, seasonal-naive, bag-of-words, chance). */
  reached(report: EvalReport, baselines: Readonly<Record<string, number>>): boolean;
  /**
   * Instead of stopping at the first evaluation that meets the target, train the whole run and time the evaluation
   * with the highest value of this metric (the first such, as the lab keeps it): "time to its best".
   */
  best?: string;
  /** With `best`: the lowest value is the best (an error such as MAE), not the highest. */
  lowerIsBetter?: boolean;
}

/** One run to time: a task at given settings until its target or its step limit. */
export interface TaskWorkload {
  id: string;
  group: TaskGroupId;
  title: string;
  config: TaskConfig;
  /** The task built over its real data (untimed). */
  create(): Task;
  target: QualityTarget;
  /** Metrics printed beside the target, by name; `valLoss` is the validation loss. */
  show: string[];
  /** Lines a reader would look at once the run ends (a text sample, a forecast), untimed. */
  showcase?(task: Task): string[];
}

const fmt = (x: number, digits = 0): string =>
  x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

const charModel = withDefaults('char-model');
const forecast = withDefaults('forecast');
const sentiment = withDefaults('sentiment');
const synthetic = withDefaults('synthetic');
const teacherForcing = withDefaults('teacher-forcing');
const sentimentLab = SENTIMENT_LAB_DEFAULTS;

/** Validation loss in nats per character that makes the char model's samples read as word-like. */
export const CHAR_MODEL_TARGET_LOSS = 2.0;
/** Validation accuracy that counts as solving a synthetic classification task. */
export const SYNTHETIC_TARGET_ACCURACY = 0.95;
/** Share of the test numbers the translator must write exactly. */
export const TRANSLATE_TARGET_ACCURACY = 0.95;

/** The translator with or without attention at the attention lab's defaults; the same target for both. */
function translateWorkload(attention: boolean): TaskWorkload {
  const config = withDefaults('translate', { attention });
  return {
    id: attention ? 'translate' : 'translate-no-attention',
    group: 'tasks',
    title:
      `translate${attention ? '' : '-no-attention'}: number names to digits, GRU ${config.hiddenSize} encoder–decoder ` +
      `${attention ? 'with' : 'without'} attention, batch ${config.batchSize}, Adam ${config.learningRate}, ` +
      `${config.maxSteps} steps`,
    config,
    create: () => createTranslateTask(config),
    target: {
      text: `${TRANSLATE_TARGET_ACCURACY * 100}% of the test numbers written exactly (greedy decoding)`,
      reached: (r) => r.metrics.accuracy >= TRANSLATE_TARGET_ACCURACY,
    },
    show: ['accuracy', 'longAccuracy', 'valLoss'],
    showcase: (task) => {
      const rows = (task as TranslateTask).report().byLength;
      return [
        'exact by input length (words: right/count): ' +
          rows.map((r) => `${r.words}: ${r.correct}/${r.count}`).join(', '),
      ];
    },
  };
}

const defaults: TaskWorkload[] = [
  {
    id: 'char-model',
    group: 'tasks',
    title:
      `char-model: Moby-Dick, one-hot ${charModel.cell.toUpperCase()} ${charModel.hiddenSize}, seq ` +
      `${charModel.seqLen}, batch ${charModel.batchSize}, Adam ${charModel.learningRate}`,
    config: charModel,
    create: () => createCharModelTask(charModel, { text: loadMobyDick() }),
    target: {
      text:
        `validation loss below ${CHAR_MODEL_TARGET_LOSS} nats/char ` +
        `(${fmt(CHAR_MODEL_TARGET_LOSS / Math.LN2, 2)} bits/char; the unigram model's is printed beside it)`,
      reached: (r) => r.valLoss < CHAR_MODEL_TARGET_LOSS,
    },
    show: ['valLoss', 'perplexity', 'bitsPerChar'],
    showcase: (task) => {
      const { prime, temperature, text } = (task as CharModelTask).showcase();
      return [`sample (temperature ${temperature}): ${JSON.stringify(prime + text)}`];
    },
  },
  {
    id: 'forecast',
    group: 'tasks',
    title:
      `forecast: US births, ${forecast.cell.toUpperCase()} ${forecast.hiddenSize}, window ` +
      `${forecast.window} days + weekday, batch ${forecast.batchSize}, Adam ${forecast.learningRate}`,
    config: forecast,
    create: () => createForecastTask(forecast, { records: loadUsBirths() }),
    target: {
      text: 'one-step MAE on the held-out year 2014 below the seasonal-naive forecast (same weekday a week earlier)',
      reached: (r, b) => r.metrics.testMae < b.testMae,
    },
    show: ['mae', 'testMae', 'testMaeMultiStep'],
    showcase: (task) => {
      const { multiStep } = (task as ForecastTask).showcase();
      const row = (name: string, xs: number[]) => `  ${name.padEnd(15)}${xs.map((x) => fmt(x).padStart(8)).join('')}`;
      return [
        `recursive forecast from ${multiStep.origin} (births per day):`,
        row('actual', multiStep.actual),
        row('model', multiStep.forecast),
        row('seasonal-naive', multiStep.seasonalNaive),
      ];
    },
  },
  {
    id: 'sentiment',
    group: 'tasks',
    title:
      `sentiment: course corpus, Embedding ${sentiment.embeddingDim} → ${sentiment.cell.toUpperCase()} ` +
      `${sentiment.hiddenSize}, batch ${sentiment.batchSize}, Adam ${sentiment.learningRate}`,
    config: sentiment,
    create: () => createSentimentTask(sentiment, { kind: 'corpus', corpus: loadSentimentCorpus() }),
    target: {
      text: 'validation accuracy on the sentences with negation above the better bag-of-words baseline, and overall accuracy above it too',
      reached: (r, b) => r.metrics.negationAccuracy > b.negationAccuracy && r.metrics.accuracy > b.accuracy,
    },
    show: ['accuracy', 'negationAccuracy', 'contrastAccuracy'],
    showcase: (task) =>
      (task as SentimentTask)
        .showcase()
        .map((p) => `  ${p.label === 1 ? 'pos' : 'neg'}  P(pos) ${fmt(p.positive, 2)}  ${p.text}`),
  },
  {
    id: 'sentiment-uci',
    group: 'tasks',
    title:
      `sentiment-uci: chapter 9's lab, IMDb sentences (800 to train), Embedding ` +
      `${sentimentLab.embeddingDim} → ${sentimentLab.cell.toUpperCase()} ${sentimentLab.hiddenSize}, batch ` +
      `${sentimentLab.batchSize}, Adam ${sentimentLab.learningRate}, ${sentimentLab.epochs} epochs`,
    config: sentimentLab,
    create: () => createSentimentTask(sentimentLab, { kind: 'labelled', sources: loadLabelledSentences() }),
    target: {
      text: `its best validation accuracy over the ${sentimentLab.epochs} epochs (the epoch the lab keeps), within 30 s`,
      reached: () => true,
      best: 'accuracy',
    },
    show: ['accuracy', 'valLoss'],
    showcase: (task) => {
      const report = (task as SentimentTask).report();
      const right = (ps: number[]) =>
        ps.filter((p, i) => (p > 0.5 ? 1 : 0) === report.test.labels[i]).length / report.test.labels.length;
      return [
        `test accuracy of the best epoch's weights (epoch ${report.bestEpoch}): RNN ` +
          `${fmt(right(report.test.rnn) * 100, 0)}%, bag-of-words ${fmt(right(report.test.bow) * 100, 0)}%`,
      ];
    },
  },
  {
    id: 'teacher-forcing',
    group: 'tasks',
    title:
      `teacher-forcing: US births generator, ${teacherForcing.cell.toUpperCase()} ${teacherForcing.hiddenSize}, ` +
      `${teacherForcing.warmup} true days then ${teacherForcing.horizon} generated, teacher forcing ratio ` +
      `${teacherForcing.teacherForcing}, batch ${teacherForcing.batchSize}, Adam ${teacherForcing.learningRate}, ` +
      `${teacherForcing.maxSteps} steps`,
    config: teacherForcing,
    create: () => createTeacherForcingTask(teacherForcing, { records: loadUsBirths() }),
    target: {
      text: `its lowest free-running error on ${teacherForcing.testYear} (births a day, ${teacherForcing.horizon} days generated) over the run`,
      reached: () => true,
      best: 'testMae',
      lowerIsBetter: true,
    },
    show: ['testMae', 'testMaeFirstWeek', 'testMaeLastWeek', 'testMaeOneStep'],
    showcase: (task) => {
      const { freeRunning, oneStep } = (task as TeacherForcingTask).generationReport();
      const weeks = (xs: number[]): string =>
        [0, 1, 2, 3]
          .map((w) => xs.slice(7 * w, 7 * w + 7))
          .filter((xs) => xs.length > 0)
          .map((xs) => fmt(xs.reduce((a, b) => a + b, 0) / xs.length))
          .join(' → ');
      return [`error by week, free running: ${weeks(freeRunning)}; one step ahead: ${weeks(oneStep)}`];
    },
  },
  translateWorkload(true),
  translateWorkload(false),
  {
    id: 'synthetic',
    group: 'tasks',
    title:
      `synthetic: recall after ${synthetic.delay} noisy steps, ${synthetic.cell.toUpperCase()} ` +
      `${synthetic.hiddenSize} (forget bias ${synthetic.forgetBias}), batch ${synthetic.batchSize}, Adam ` +
      `${synthetic.learningRate}`,
    config: synthetic,
    create: () => createSyntheticTask(synthetic),
    target: {
      text: `validation accuracy ≥ ${SYNTHETIC_TARGET_ACCURACY * 100}% (chance 12.5%)`,
      reached: (r) => r.metrics.accuracy >= SYNTHETIC_TARGET_ACCURACY,
    },
    show: ['accuracy'],
  },
];

/** The recall task at three delays for each cell, 800 steps at most: where the plain RNN gives out. */
const delays: TaskWorkload[] = [5, 20, 40].flatMap((delay) =>
  CELL_TYPES.map((cell): TaskWorkload => {
    const config = withDefaults('synthetic', { delay, cell, maxSteps: 800, evalEvery: 50 });
    return {
      id: `recall-${delay}-${cell}`,
      group: 'delays',
      title: `recall after ${delay} steps, ${cell.toUpperCase()} ${config.hiddenSize}${cell === 'lstm' ? ` (forget bias ${config.forgetBias})` : ''}`,
      config,
      create: () => createSyntheticTask(config),
      target: {
        text: `validation accuracy ≥ ${SYNTHETIC_TARGET_ACCURACY * 100}%`,
        reached: (r) => r.metrics.accuracy >= SYNTHETIC_TARGET_ACCURACY,
      },
      show: ['accuracy'],
    };
  }),
);

export const taskWorkloads: TaskWorkload[] = [...defaults, ...delays];

/** The group ids, for `--only=`. */
export const TASK_GROUPS: readonly TaskGroupId[] = ['tasks', 'delays'];

/** Whether `--only=` names a task group or a task workload. */
export function isTaskSelector(id: string): boolean {
  return (TASK_GROUPS as readonly string[]).includes(id) || taskWorkloads.some((w) => w.id === id);
}

/**
 * The task workloads to run: those `only` names (by group or id), or without `only` the `tasks` group,
 * which a quick run skips (it takes minutes). The `delays` group runs only when named.
 */
export function selectTaskWorkloads(only: readonly string[] | undefined, quick: boolean): TaskWorkload[] {
  if (!only) return quick ? [] : taskWorkloads.filter((w) => w.group === 'tasks');
  return taskWorkloads.filter((w) => only.includes(w.group) || only.includes(w.id));
}
