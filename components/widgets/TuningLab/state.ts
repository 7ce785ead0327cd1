// The tuning lab's URL state table: the task, the method, the search space (values per axis, ranges for random
// draws), the budget and the seed, and a preset a link can name (`?tuning-lab.preset=overfit`), which sets several
// fields at once before the link's own fields apply.
import { CELL_TYPES, type CellType } from '../../../engine/ops/recurrentLayout';
import { BASE_BOUNDS } from '../../../engine/train/config';
import { CHAR_MODEL_BOUNDS } from '../../../engine/train/tasks/charModelConfig';
import {
  choiceList,
  distinctNumberList,
  field,
  intIn,
  numIn,
  oneOf,
  urlState,
  type Codec,
  type Parsed,
  type StateOf,
} from '../../lib/urlState';
import { DEFAULT_SPACE, MAX_TRIALS, METHODS, type Method } from './search';
import { LAB_TASKS, TASK_INFO, type LabTask } from './tasks';

const B = CHAR_MODEL_BOUNDS;

/**
 * What the lab offers, inside the engine's bounds: models a browser trains in minutes (hidden sizes 8 to 512, at
 * most 4 layers as the engine allows), learning rates from 1e-5 (barely moves) to 1 (diverges at once), up to 6
 * values per axis, budgets up to 5,000 steps per trial.
 */
export const RANGES = {
  hidden: intIn(B.hiddenSize, { min: 8, max: 512 }),
  layers: intIn(B.numLayers, { min: 1, max: 4 }),
  lr: numIn(B.learningRate, { min: 1e-5, max: 1 }),
  trials: intIn(BASE_BOUNDS.maxSteps, { min: 1, max: MAX_TRIALS }),
  steps: intIn(BASE_BOUNDS.maxSteps, { min: 1, max: 5000 }),
  every: intIn(BASE_BOUNDS.evalEvery, { min: 1, max: 5000 }),
  seed: intIn(BASE_BOUNDS.seed, { min: 0, max: 99999 }),
};

/** Most values one axis may list. */
export const MAX_VALUES = 6;

const { hidden, layers, lr, trials, steps, every, seed } = RANGES;
const D = DEFAULT_SPACE;

/** The lab's settings but the preset (what a preset may set). */
export interface SearchSettings {
  task: LabTask;
  method: Method;
  hidden: number[];
  layers: number[];
  lr: number[];
  cell: CellType[];
  lrmin: number;
  lrmax: number;
  hmin: number;
  hmax: number;
  trials: number;
  steps: number;
  every: number;
  seed: number;
}

/** Chapter 8's overfitting run: an LSTM of 128 units on the counting task's 200 sequences, 30 passes, seed 1. */
const OVERFIT_STATE: Partial<SearchSettings> = {
  task: 'count',
  method: 'grid',
  hidden: [128],
  layers: [1],
  lr: [3e-3],
  cell: ['lstm'],
  steps: TASK_INFO.count.defaults.steps,
  every: TASK_INFO.count.defaults.evalEvery,
  seed: 1,
};

/**
 * Named settings a link can ask for. `overfit` is chapter 8's overfitting run: the PyTorch script's counting task,
 * an LSTM on 200 sequences for 30 passes with an evaluation after each (`overfit-sizes`: a 16-unit one beside it).
 * `random` and `halving` race the outline's
 * space on the grid's budget.
 */
export const PRESETS: Record<string, { doc: string; state: Partial<SearchSettings> }> = {
  grid: { doc: 'The outline’s 36-configuration grid on the character model (the default)', state: {} },
  random: { doc: 'Random search, 36 trials, on the grid’s budget', state: { method: 'random' } },
  halving: { doc: 'Successive halving from 36 random trials, on the grid’s budget', state: { method: 'halving' } },
  overfit: {
    doc: 'Chapter 8’s overfitting run: an LSTM counts symbols in 200 sequences for 30 passes, evaluated after each',
    state: OVERFIT_STATE,
  },
  'overfit-sizes': {
    doc: 'Chapter 8’s overfitting run with a small model beside it: LSTMs of 16 and 128 units on the same 200 sequences',
    state: { ...OVERFIT_STATE, hidden: [16, 128] },
  },
};

const PRESET_NAMES = Object.keys(PRESETS);

/** A preset's name, or '' for none. */
const presetCodec: Codec<string> = {
  parse: (raw) =>
    raw === '' || PRESET_NAMES.includes(raw) ? { value: raw } : { error: `must be one of ${PRESET_NAMES.join(', ')}` },
  format: (value) => value,
};

/**
 * State table: `tuning-lab.task`, `.method`, `.hidden`, `.layers`, `.lr`, `.cell`, `.lrmin`, `.lrmax`, `.hmin`,
 * `.hmax`, `.trials`, `.steps`, `.every`, `.seed`, `.preset`.
 */
export const tuningLabSpec = {
  task: field(
    oneOf(LAB_TASKS),
    'char-model',
    'What to tune: char-model (Moby-Dick) or count (is symbol 3 more frequent than 7, on 200 sequences)',
  ),
  method: field(oneOf(METHODS), 'grid', 'The search: grid, random or halving (successive halving)'),
  hidden: field(
    distinctNumberList(hidden, MAX_VALUES),
    D.hidden,
    `Hidden sizes to try, comma-separated (${hidden.min} to ${hidden.max})`,
  ),
  layers: field(
    distinctNumberList(layers, MAX_VALUES),
    D.layers,
    `Numbers of layers to try (${layers.min} to ${layers.max})`,
  ),
  lr: field(distinctNumberList(lr, MAX_VALUES), D.lr, `Adam learning rates to try (${lr.min} to ${lr.max})`),
  cell: field(choiceList(CELL_TYPES), D.cell, 'Cells to try: rnn, gru, lstm, comma-separated'),
  lrmin: field(lr, D.lrRange[0], 'Random draws: the lowest learning rate (drawn log-uniformly)'),
  lrmax: field(lr, D.lrRange[1], 'Random draws: the highest learning rate'),
  hmin: field(hidden, D.hiddenRange[0], 'Random draws: the smallest hidden size (drawn log-uniformly)'),
  hmax: field(hidden, D.hiddenRange[1], 'Random draws: the largest hidden size'),
  trials: field(
    trials,
    36,
    `Configurations random search and successive halving try (${trials.min} to ${trials.max}); the grid has its own`,
  ),
  steps: field(
    steps,
    TASK_INFO['char-model'].defaults.steps,
    `Training steps per trial (${steps.min} to ${steps.max}); successive halving spreads the same total over its rounds`,
  ),
  every: field(
    every,
    TASK_INFO['char-model'].defaults.evalEvery,
    `Evaluate on held-out data every this many steps (${every.min} to ${every.max})`,
  ),
  seed: field(
    seed,
    1,
    `Seed of every trial's weights and data order, and of the random draws (${seed.min} to ${seed.max})`,
  ),
  preset: field(
    presetCodec,
    '',
    `Settings for a classic demonstration, which the link's other parameters may change: ${PRESET_NAMES.map((n) => `${n} (${PRESETS[n].doc})`).join('; ')}`,
  ),
};

export type TuningLabState = StateOf<typeof tuningLabSpec>;

// The table and the settings type say the same: a table field that is not a setting (or the reverse) fails here.
export type SameSettings = [Omit<TuningLabState, 'preset'>, SearchSettings] extends [
  SearchSettings,
  Omit<TuningLabState, 'preset'>,
]
  ? true
  : never;
const same: SameSettings = true;
void same;

/** URL state of the tuning lab (read it with `readTuningLabState`, which applies a preset). */
export const tuningLabUrl = urlState('tuning-lab', tuningLabSpec);

/**
 * The state a URL asks for: the preset it names (if any) over the defaults, then its own fields. An unknown preset
 * and every invalid field fall back with a notice.
 */
export function readTuningLabState(params: URLSearchParams): Parsed<typeof tuningLabSpec> {
  const parsed = tuningLabUrl.parse(params);
  const state = { ...parsed.state };
  const preset = state.preset === '' ? {} : PRESETS[state.preset].state;
  for (const key of Object.keys(preset) as (keyof SearchSettings)[]) {
    const raw = params.get(`tuning-lab.${key}`);
    // The link's own value wins; a missing or invalid one falls back to the preset's, not the default.
    if (raw === null || 'error' in tuningLabSpec[key].codec.parse(raw))
      Object.assign(state, { [key]: structuredClone(preset[key]) });
  }
  return { state, notices: parsed.notices };
}

/**
 * Write the state into the page's address (replacing it, no new history entry). A preset in the address is
 * written out as its fields, so that a setting changed back to its default stays changed after a reload.
 */
export function saveTuningLabState(state: TuningLabState): void {
  // save() tolerates a browser that refuses replaceState (a sandboxed frame): the lab works on, its address lags.
  tuningLabUrl.save({ ...state, preset: '' });
}
