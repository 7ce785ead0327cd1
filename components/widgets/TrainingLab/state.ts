// The training lab's URL state: its settings (one table per task, so each task's defaults are its own and a default
// never clutters the address), a preset to load, and a shared comparison of up to 4 runs' settings (`training-lab.runs=2`
// with `training-lab.r1.lr=0.05`, `training-lab.r2.lr=0.003`, …). Every range lies inside the engine's bounds.
import { BASE_BOUNDS, MODEL_BOUNDS } from '../../../engine/train/config';
import { CELL_TYPES, NONLINEARITIES, OPTIMIZERS } from '../../../engine/train/task';
import { FORECAST_BOUNDS } from '../../../engine/train/tasks/forecastConfig';
import {
  bool,
  field,
  int,
  intIn,
  numIn,
  oneOf,
  urlState,
  type Codec,
  type Spec,
  type UrlState,
} from '../../lib/urlState';
import { PRESETS } from './presets';
import { LAB_DEFAULTS, LAB_TASKS, SENTIMENT_SOURCES, TASK_INFO, type LabSettings, type LabTask } from './settings';

/**
 * What the lab offers, inside the engine's bounds (a range outside them throws when this module loads): models a
 * browser trains in minutes (2 to 512 units, up to 4 layers), learning rates from 10⁻⁵ to 1, sequences up to the
 * forecaster's longest window (366 days), runs of 10 to 5,000 steps.
 */
export const RANGES = {
  hidden: intIn(MODEL_BOUNDS.hiddenSize, { min: 2, max: 512 }),
  layers: intIn(MODEL_BOUNDS.numLayers),
  dropout: numIn(MODEL_BOUNDS.dropout, { min: 0, max: 0.9, step: 0.05 }),
  lr: numIn(BASE_BOUNDS.learningRate, { min: 0.00001, max: 1 }),
  momentum: numIn(BASE_BOUNDS.momentum, { min: 0, max: 0.99, step: 0.01 }),
  batch: intIn({ kind: 'int', min: 1, max: 256 }, { min: 1, max: 256 }),
  seq: intIn(FORECAST_BOUNDS.window, { min: 2, max: 366 }),
  clip: numIn(BASE_BOUNDS.clip, { min: 0, max: 100 }),
  seed: intIn(BASE_BOUNDS.seed, { min: 0, max: 99999 }),
  steps: intIn(BASE_BOUNDS.maxSteps, { min: 10, max: 5000 }),
  evalEvery: intIn(BASE_BOUNDS.evalEvery, { min: 1, max: 1000 }),
  slice: int(1, 100),
  patience: intIn(BASE_BOUNDS.patience, { min: 1, max: 20 }),
};

/** The most runs a shared comparison carries. */
export const MAX_SHARED_RUNS = 4;

/** The settings table with one task's defaults. */
function settingsSpec(task: LabTask) {
  const d = LAB_DEFAULTS[task];
  const r = RANGES;
  return {
    task: field(oneOf(LAB_TASKS), task, `The task: ${LAB_TASKS.map((t) => `${t} (${TASK_INFO[t].label})`).join(', ')}`),
    data: field(
      oneOf(SENTIMENT_SOURCES.map((s) => s.id)),
      d.data,
      `The sentiment task’s data: ${SENTIMENT_SOURCES.map((s) => `${s.id} (${s.label})`).join(', ')}`,
    ),
    cell: field(oneOf(CELL_TYPES), d.cell, 'The recurrent cell: rnn, lstm or gru'),
    act: field(oneOf(NONLINEARITIES), d.act, 'The plain RNN’s activation: tanh or relu (the gated cells ignore it)'),
    hidden: field(r.hidden, d.hidden, `Hidden units n (${r.hidden.min} to ${r.hidden.max})`),
    layers: field(r.layers, d.layers, `Stacked recurrent layers (${r.layers.min} to ${r.layers.max})`),
    dropout: field(
      r.dropout,
      d.dropout,
      `Dropout between stacked layers, as PyTorch’s dropout= (0 to ${r.dropout.max}); none with one layer`,
    ),
    lr: field(r.lr, d.lr, `Learning rate (${r.lr.min} to ${r.lr.max})`),
    opt: field(oneOf(OPTIMIZERS), d.opt, 'The optimizer: adam, rmsprop, or sgd (with momentum)'),
    momentum: field(r.momentum, d.momentum, `SGD’s momentum (0 to ${r.momentum.max}); used with sgd only`),
    batch: field(r.batch, d.batch, `Sequences per batch (${r.batch.min} to ${r.batch.max})`),
    seq: field(
      r.seq,
      d.seq,
      `Sequence length (${r.seq.min} to ${r.seq.max}): characters per chunk, days read, tokens kept, or the recall delay, by task`,
    ),
    clip: field(r.clip, d.clip, `Gradient clipping: max norm (0 turns it off, up to ${r.clip.max})`),
    seed: field(r.seed, d.seed, `Random seed (${r.seed.min} to ${r.seed.max})`),
    steps: field(r.steps, d.steps, `Training steps per run (${r.steps.min} to ${r.steps.max})`),
    eval: field(r.evalEvery, d.evalEvery, `Evaluate on the validation data every this many steps`),
    slice: field(r.slice, d.slice, 'Percent of the training data to train on (1 to 100; 2 or 5 for a small slice)'),
    early: field(bool(), d.early, 'Early stopping with the best weights restored (1) or not (0)'),
    patience: field(r.patience, d.patience, 'Evaluations without a new best before early stopping stops'),
  };
}

type SettingsSpec = ReturnType<typeof settingsSpec>;

/** The settings table with each task's defaults; the instructors' page lists the default task's. */
export const SETTINGS_SPECS: Readonly<Record<LabTask, SettingsSpec>> = Object.fromEntries(
  LAB_TASKS.map((t) => [t, settingsSpec(t)]),
) as Record<LabTask, SettingsSpec>;

/** Codec of the preset name. */
const presetCodec: Codec<string> = {
  parse: (raw) =>
    raw === '' || PRESETS.some((p) => p.id === raw)
      ? { value: raw }
      : { error: `must be one of ${PRESETS.map((p) => p.id).join(', ')}` },
  format: (value) => value,
};

/** The table the instructors' page documents: the settings (char model's defaults), a preset, a shared comparison. */
export const trainingLabSpec: Spec = {
  ...SETTINGS_SPECS['char-model'],
  preset: field(presetCodec, '', `Load a preset’s runs, ready to train: ${PRESETS.map((p) => p.id).join(', ')}`),
  runs: field(
    int(0, MAX_SHARED_RUNS),
    0,
    `A shared comparison: this many runs (up to ${MAX_SHARED_RUNS}), each with its settings as ` +
      'training-lab.r1.lr=0.05, training-lab.r2.lr=0.003, … (settings, not results)',
  ),
};

const NAMESPACE = 'training-lab';

/** The URL state of one task's settings, under `prefix` (`training-lab` or `training-lab.r2`). */
function settingsUrl(prefix: string, task: LabTask): UrlState<SettingsSpec> {
  return urlState(prefix, SETTINGS_SPECS[task]);
}

/** The task a set of parameters names under `prefix`, with a notice when it names none the lab knows. */
function taskOf(params: URLSearchParams, prefix: string): { task: LabTask; notice: string | null } {
  const raw = params.get(`${prefix}.task`);
  if (raw === null) return { task: 'char-model', notice: null };
  if ((LAB_TASKS as readonly string[]).includes(raw)) return { task: raw as LabTask, notice: null };
  return {
    task: 'char-model',
    notice: `“${prefix}.task=${raw.slice(0, 40)}” must be one of ${LAB_TASKS.join(', ')}; using the character model instead.`,
  };
}

/** Settings read from parameters under `prefix`: the named task's defaults with the valid values applied. */
function readSettings(params: URLSearchParams, prefix: string): { settings: LabSettings; notices: string[] } {
  const { task, notice } = taskOf(params, prefix);
  const { state, notices } = settingsUrl(prefix, task).parse(params);
  // The task was read above; a bad one has its own notice, so drop the table's.
  const rest = notices.filter((n) => !n.startsWith(`“${prefix}.task=`));
  const { eval: evalEvery, ...others } = state;
  return { settings: { ...others, evalEvery, task }, notices: notice ? [notice, ...rest] : rest };
}

/** What the address asks of the lab. */
export interface LabUrl {
  settings: LabSettings;
  /** A preset to load (its runs queued, ready to train), or null. */
  preset: string | null;
  /** The settings of a shared comparison's runs, in order (empty when none was shared). */
  shared: LabSettings[];
  /** One sentence per value that was refused and replaced by its default. */
  notices: string[];
}

/** Reads the lab's part of an address. Never throws: whatever is wrong gets a notice and a default. */
export function parseLabUrl(params: URLSearchParams): LabUrl {
  const { settings, notices } = readSettings(params, NAMESPACE);
  let preset: string | null = null;
  const rawPreset = params.get(`${NAMESPACE}.preset`);
  if (rawPreset !== null) {
    const parsed = presetCodec.parse(rawPreset);
    if ('error' in parsed)
      notices.push(`“${NAMESPACE}.preset=${rawPreset.slice(0, 40)}” ${parsed.error}; no preset was loaded.`);
    else preset = parsed.value || null;
  }
  const shared: LabSettings[] = [];
  const rawRuns = params.get(`${NAMESPACE}.runs`);
  if (rawRuns !== null) {
    const parsed = int(0, MAX_SHARED_RUNS).parse(rawRuns);
    if ('error' in parsed)
      notices.push(`“${NAMESPACE}.runs=${rawRuns.slice(0, 40)}” ${parsed.error}; the shared runs were not loaded.`);
    else
      for (let i = 1; i <= parsed.value; i++) {
        const run = readSettings(params, `${NAMESPACE}.r${i}`);
        shared.push(run.settings);
        notices.push(...run.notices);
      }
  }
  return { settings, preset, shared, notices };
}

/** Writes `settings` into `params` (only what differs from the task's defaults), leaving other parameters alone. */
export function writeSettings(settings: LabSettings, params: URLSearchParams, prefix = NAMESPACE): void {
  // Clear every setting first: the previous task's values may differ from this task's defaults.
  for (const key of Object.keys(SETTINGS_SPECS['char-model'])) params.delete(`${prefix}.${key}`);
  const { evalEvery, ...rest } = settings;
  settingsUrl(prefix, settings.task).write({ ...rest, eval: evalEvery }, params);
  if (settings.task !== 'char-model') params.set(`${prefix}.task`, settings.task);
}

/**
 * The address of a comparison: the page's address with the runs' settings (at most MAX_SHARED_RUNS, the last ones)
 * and the current settings; earlier shared runs, a preset and others' parameters of the lab are replaced.
 */
export function comparisonUrl(pageHref: string, current: LabSettings, runs: readonly LabSettings[]): string {
  const url = new URL(pageHref);
  const params = url.searchParams;
  for (const key of [...params.keys()]) if (key.startsWith(`${NAMESPACE}.`)) params.delete(key);
  writeSettings(current, params);
  const kept = runs.slice(-MAX_SHARED_RUNS);
  if (kept.length > 0) params.set(`${NAMESPACE}.runs`, String(kept.length));
  kept.forEach((run, i) => {
    writeSettings(run, params, `${NAMESPACE}.r${i + 1}`);
    // A run at the char model's defaults would leave no parameter: name its task so the slot is not empty.
    params.set(`${NAMESPACE}.r${i + 1}.task`, run.task);
  });
  return url.href;
}

/** Writes the current settings into the page's address (no new history entry); a preset or shared runs are dropped once loaded. */
export function saveSettings(settings: LabSettings): void {
  const url = new URL(location.href);
  for (const key of [...url.searchParams.keys()])
    if (key === `${NAMESPACE}.preset` || key === `${NAMESPACE}.runs` || /^training-lab\.r\d+\./.test(key))
      url.searchParams.delete(key);
  writeSettings(settings, url.searchParams);
  if (url.href !== location.href) history.replaceState(history.state, '', url);
}
