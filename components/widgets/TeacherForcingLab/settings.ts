// The teacher forcing lab's settings in the reader's terms, the three training regimes, the one mapping to the
// generator's task config, and its URL state (`teacher-forcing-lab.seed=2`, …). Every range lies inside the engine's bounds.
import { BASE_BOUNDS, MODEL_BOUNDS } from '../../../engine/train/config';
import { CELL_TYPES, type CellType } from '../../../engine/train/task';
import type { TaskConfig } from '../../../engine/train/tasks/configs';
import { TEACHER_FORCING_DEFAULTS, type TeacherForcingConfig } from '../../../engine/train/tasks/teacherForcingConfig';
import { field, intIn, numIn, oneOf, urlState, type Codec, type StateOf } from '../../lib/urlState';

/** The three ways of training the generator, each a teacher forcing ratio at the first and the last step. */
export const REGIMES = [
  { id: 'teacher-forcing', label: 'teacher forcing', words: 'always fed the true day (ratio 1)', start: 1, end: 1 },
  { id: 'free-running', label: 'free running', words: 'always fed its own prediction (ratio 0)', start: 0, end: 0 },
  {
    id: 'scheduled',
    label: 'scheduled sampling',
    words: 'fed the true day less and less often (ratio 1 falling to 0)',
    start: 1,
    end: 0,
  },
] as const;
export type Regime = (typeof REGIMES)[number];
export type RegimeId = Regime['id'];

/** Preset ids, in the order chapter 10 asks them (the presets themselves are in presets.ts). */
export const PRESET_IDS = ['exposure-bias'] as const;

const presetCodec: Codec<string> = {
  parse: (raw) =>
    raw === '' || (PRESET_IDS as readonly string[]).includes(raw)
      ? { value: raw }
      : { error: `must be one of ${PRESET_IDS.join(', ')}` },
  format: (value) => value,
};

/** The URL table: the runs' settings and a preset to load. */
export const teacherForcingLabSpec = {
  cell: field(oneOf(CELL_TYPES), TEACHER_FORCING_DEFAULTS.cell, 'The recurrent cell: rnn, lstm or gru'),
  hidden: field(
    intIn(MODEL_BOUNDS.hiddenSize, { min: 2, max: 64 }),
    TEACHER_FORCING_DEFAULTS.hiddenSize,
    'Hidden units (2 to 64)',
  ),
  lr: field(
    numIn(BASE_BOUNDS.learningRate, { min: 0.0001, max: 1 }),
    TEACHER_FORCING_DEFAULTS.learningRate,
    'Adam’s learning rate (0.0001 to 1)',
  ),
  steps: field(
    intIn(BASE_BOUNDS.maxSteps, { min: 50, max: 2000 }),
    TEACHER_FORCING_DEFAULTS.maxSteps,
    'Training steps of each run (50 to 2,000)',
  ),
  seed: field(
    intIn(BASE_BOUNDS.seed, { min: 0, max: 99999 }),
    TEACHER_FORCING_DEFAULTS.seed,
    'Random seed (0 to 99,999)',
  ),
  preset: field(presetCodec, '', `Load a question’s runs, ready to train: ${PRESET_IDS.join(', ')}`),
};

export type TeacherForcingLabState = StateOf<typeof teacherForcingLabSpec>;

/** The URL state under the widget's name. */
export const teacherForcingLabUrl = urlState('teacher-forcing-lab', teacherForcingLabSpec);

/** The settings shared by the three runs of a comparison. */
export interface RunSettings {
  cell: CellType;
  hidden: number;
  lr: number;
  steps: number;
  seed: number;
}

/** The lab's defaults: the engine's generator. */
export const RUN_DEFAULTS: Readonly<RunSettings> = {
  cell: TEACHER_FORCING_DEFAULTS.cell,
  hidden: TEACHER_FORCING_DEFAULTS.hiddenSize,
  lr: TEACHER_FORCING_DEFAULTS.learningRate,
  steps: TEACHER_FORCING_DEFAULTS.maxSteps,
  seed: TEACHER_FORCING_DEFAULTS.seed,
};

/** The task config of one regime: the engine's generator defaults with the lab's settings, evaluated six times a run. */
export function toTaskConfig(s: RunSettings, regime: Regime): TeacherForcingConfig {
  return {
    ...TEACHER_FORCING_DEFAULTS,
    cell: s.cell,
    hiddenSize: s.hidden,
    learningRate: s.lr,
    maxSteps: s.steps,
    evalEvery: Math.max(10, Math.round(s.steps / 6)),
    seed: s.seed,
    teacherForcing: regime.start,
    teacherForcingEnd: regime.end,
  };
}

/** The regime a config trained with (null for another task's config or another schedule). */
export function regimeOf(config: TaskConfig): Regime | null {
  if (config.task !== 'teacher-forcing') return null;
  const end = config.teacherForcingEnd ?? config.teacherForcing;
  return REGIMES.find((r) => r.start === config.teacherForcing && r.end === end) ?? null;
}

/** A run's shared settings read back from the config the worker trained (null for another task's config). */
export function fromTaskConfig(config: TaskConfig): RunSettings | null {
  if (config.task !== 'teacher-forcing') return null;
  return {
    cell: config.cell,
    hidden: config.hiddenSize,
    lr: config.learningRate,
    steps: config.maxSteps,
    seed: config.seed,
  };
}

/** Settings in a few words: "LSTM 32, 600 steps". */
export function runWords(s: RunSettings): string {
  return [
    `${s.cell.toUpperCase()} ${s.hidden}`,
    ...(s.lr !== RUN_DEFAULTS.lr ? [`lr ${s.lr}`] : []),
    `${s.steps} steps`,
    ...(s.seed !== RUN_DEFAULTS.seed ? [`seed ${s.seed}`] : []),
  ].join(', ');
}
