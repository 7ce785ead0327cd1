// The training lab's presets: each a question chapter 7 asks before the reader runs it, the runs that answer it, and
// how to read the answer off the finished runs (`outcome`), so the lab, the chapter's Predict blocks and the committed
// script (scripts/training-lab/presets.ts) all judge the same runs the same way.
import { detectOverfitting, type RunRecord } from '../../lib/runHistory';
import { LAB_DEFAULTS, type LabSettings, type LabTask } from './settings';

/** One run of a preset: a name for the legend and the settings that differ from the task's lab defaults. */
export interface PresetRun {
  label: string;
  settings: Partial<LabSettings>;
}

/** What the finished runs say: the index of the choice they support and a sentence with their numbers. */
export interface PresetOutcome {
  choice: number;
  summary: string;
}

/** A question with the runs that answer it. */
export interface Preset {
  /** URL name: `?training-lab.preset=<id>`. */
  id: string;
  /** A few words, for the preset menu. */
  title: string;
  task: LabTask;
  question: string;
  choices: readonly string[];
  runs: readonly PresetRun[];
  /** Reads the answer off the runs (in the order of `runs`), once all have ended. */
  outcome(runs: readonly RunRecord[]): PresetOutcome;
}

const lastEval = (run: RunRecord) => run.evals.at(-1);
const f3 = (x: number | undefined): string => (x === undefined || !Number.isFinite(x) ? 'no value' : x.toFixed(3));
const pct = (x: number | undefined): string =>
  x === undefined || !Number.isFinite(x) ? 'no value' : `${(x * 100).toFixed(1)}%`;

/** How a run ended, for a summary: "diverged at step 40" or its last validation loss. */
function ending(run: RunRecord): string {
  if (run.state === 'diverged') return `diverged at step ${run.steps}`;
  return `ended at a validation loss of ${f3(lastEval(run)?.valLoss)}`;
}

/** The settings of one run of a preset: the task's lab defaults with the preset's changes. */
export function presetSettings(preset: Preset, run: PresetRun): LabSettings {
  return { ...LAB_DEFAULTS[preset.task], ...run.settings, task: preset.task };
}

/** The presets, in the order chapter 7 asks them. */
export const PRESETS: readonly Preset[] = [
  {
    id: 'lr-too-high',
    title: 'Learning rate 0.05 or 0.003',
    task: 'char-model',
    question:
      'A GRU of 64 units learns Moby-Dick with Adam for 300 steps. With learning rate 0.05 or with 0.003: which ends with the lower validation loss?',
    choices: ['0.05: bigger steps get further', '0.003', 'About the same (within 2%)'],
    runs: [
      { label: 'lr 0.05', settings: { lr: 0.05, steps: 300 } },
      { label: 'lr 0.003', settings: { lr: 0.003, steps: 300 } },
    ],
    outcome([high, low]) {
      const a = lastEval(high)?.valLoss ?? Infinity;
      const b = lastEval(low)?.valLoss ?? Infinity;
      const choice = high.state !== 'diverged' && Math.abs(a - b) <= 0.02 * Math.min(a, b) ? 2 : a < b ? 0 : 1;
      return {
        choice,
        summary: `After ${low.steps} steps, lr 0.05 ${ending(high)} and lr 0.003 ${ending(low)}.`,
      };
    },
  },
  {
    id: 'overfit-small-slice',
    title: 'Hidden 32 or 256 on 2% of the book',
    task: 'char-model',
    question:
      'Two plain RNNs learn from only 2% of Moby-Dick (about 21,000 characters), one with 32 hidden units and one with 256. Which one’s validation loss turns up first, the sign of overfitting?',
    choices: ['32 units', '256 units', 'Neither, within 600 steps'],
    runs: [
      { label: 'hidden 32', settings: { cell: 'rnn', hidden: 32, slice: 2, steps: 600, lr: 0.005 } },
      { label: 'hidden 256', settings: { cell: 'rnn', hidden: 256, slice: 2, steps: 600, lr: 0.005 } },
    ],
    outcome([small, big]) {
      const turn = (r: RunRecord) => detectOverfitting(r.evals);
      const a = turn(small);
      const b = turn(big);
      const choice = !a && !b ? 2 : !b || (a && a.turnStep < b.turnStep) ? 0 : 1;
      const says = (r: RunRecord, t: ReturnType<typeof turn>) =>
        t
          ? `turned up after step ${t.turnStep} (lowest ${f3(r.evals.find((e) => e.step === t.turnStep)?.valLoss)})`
          : `had not turned up by step ${r.steps} (lowest ${f3(r.best?.valLoss)})`;
      return {
        choice,
        summary: `The validation loss of hidden 32 ${says(small, a)}; that of hidden 256 ${says(big, b)}.`,
      };
    },
  },
  {
    id: 'relu-rnn',
    title: 'A ReLU RNN at lr 0.01',
    task: 'char-model',
    question:
      'A plain RNN of 64 units with ReLU instead of tanh learns Moby-Dick with Adam at learning rate 0.01 and no gradient clipping. Does it diverge within 300 steps?',
    choices: ['Yes, it diverges', 'No, it trains'],
    runs: [
      { label: 'ReLU, no clipping', settings: { cell: 'rnn', act: 'relu', lr: 0.01, clip: 0, steps: 300 } },
      { label: 'tanh, no clipping', settings: { cell: 'rnn', act: 'tanh', lr: 0.01, clip: 0, steps: 300 } },
    ],
    outcome([relu, tanh]) {
      return {
        choice: relu.state === 'diverged' ? 0 : 1,
        summary: `The ReLU RNN ${ending(relu)}; the tanh RNN with the same settings ${ending(tanh)}.`,
      };
    },
  },
  {
    id: 'dropout-one-layer',
    title: 'Dropout 0.5 with one layer',
    task: 'forecast',
    question:
      'The births forecaster is one LSTM layer. Set dropout to 0.5 (PyTorch’s dropout= argument) and train it next to one with dropout 0. What happens to its validation loss?',
    choices: ['Higher: dropout holds it back', 'Lower: dropout regularizes it', 'Exactly the same'],
    runs: [
      { label: 'dropout 0', settings: { dropout: 0, steps: 200 } },
      { label: 'dropout 0.5', settings: { dropout: 0.5, steps: 200 } },
    ],
    outcome([none, half]) {
      const a = none.evals.map((e) => e.valLoss);
      const b = half.evals.map((e) => e.valLoss);
      const same = a.length === b.length && a.every((v, i) => v === b[i]);
      const last = (xs: number[]) => xs.at(-1) ?? NaN;
      return {
        choice: same ? 2 : last(b) > last(a) ? 0 : 1,
        summary: same
          ? `The two validation curves are identical at all ${a.length} evaluations (last ${f3(last(a))}).`
          : `Dropout 0 ended at ${f3(last(a))}, dropout 0.5 at ${f3(last(b))}.`,
      };
    },
  },
  {
    id: 'cell-recall',
    title: 'RNN, LSTM or GRU over 20 steps',
    task: 'recall',
    question:
      'Each sequence starts with one of 8 symbols, then 20 random ones, then a question mark: the answer is the first symbol. Which cell passes 90% validation accuracy within 400 steps?',
    choices: ['The plain RNN', 'The LSTM', 'The GRU', 'None of them'],
    runs: [
      { label: 'RNN', settings: { cell: 'rnn' } },
      { label: 'LSTM', settings: { cell: 'lstm' } },
      { label: 'GRU', settings: { cell: 'gru' } },
    ],
    outcome(runs) {
      const best = runs.map((r) => Math.max(...r.evals.map((e) => e.metrics.accuracy ?? 0)));
      const passed = best.map((b) => b >= 0.9);
      const n = passed.filter(Boolean).length;
      const names = ['RNN', 'LSTM', 'GRU'];
      return {
        choice: n === 1 ? passed.indexOf(true) : 3,
        summary: `Best validation accuracy: ${best.map((b, i) => `${names[i]} ${pct(b)}`).join(', ')} (chance 12.5%).`,
      };
    },
  },
];

/** The preset with this id, or undefined. */
export function findPreset(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}
