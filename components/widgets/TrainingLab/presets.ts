// The training lab's presets: each a question chapter 7 asks before the reader runs it, the runs that answer it, and
// how to read the answer off the finished runs (`outcome`), so the lab, the chapter's Predict blocks and the committed
// script (scripts/training-lab/presets.ts) all judge the same runs the same way.
import { detectOverfitting, endText, type Overfitting, type RunRecord } from '../../lib/runHistory';
import { LAB_DEFAULTS, type LabSettings, type LabTask } from './settings';

/** One run of a preset: a name for the legend and the settings that differ from the task's lab defaults. */
export interface PresetRun {
  label: string;
  settings: Partial<LabSettings>;
}

/** What the finished runs say: the index of the choice they support (or, for a number question, the number) and a sentence. */
export interface PresetOutcome {
  choice: number | null;
  value?: number;
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
  /** The choices; empty for a question whose answer is a number. */
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
    title: 'Learning rate 0.5, 0.05 or 0.003',
    task: 'char-model',
    question:
      'Three GRUs of 64 units learn Moby-Dick with Adam for 300 steps, at learning rates 0.5, 0.05 and 0.003. Which ends with the lowest validation loss?',
    choices: ['0.5', '0.05', '0.003'],
    runs: [
      { label: 'lr 0.5', settings: { lr: 0.5, steps: 300 } },
      { label: 'lr 0.05', settings: { lr: 0.05, steps: 300 } },
      { label: 'lr 0.003', settings: { lr: 0.003, steps: 300 } },
    ],
    outcome(runs) {
      const last = runs.map((r) => (r.state === 'diverged' ? Infinity : (lastEval(r)?.valLoss ?? Infinity)));
      const choice = last.indexOf(Math.min(...last));
      const names = ['0.5', '0.05', '0.003'];
      return {
        choice,
        summary:
          `After 300 steps: ${runs.map((r, i) => `lr ${names[i]} ${ending(r)}`).join('; ')} ` +
          `(the unigram model scores ${f3(runs[0].baselines.valLoss)}).`,
      };
    },
  },
  {
    id: 'overfit-small-slice',
    title: 'All the sentences or 5% of them',
    task: 'sentiment',
    question:
      'Two LSTMs of 16 units learn to tell positive from negative sentences for 150 steps: one from all 2,096 ' +
      'training sentences, one from 5% of them (105). Whose validation loss turns up, the sign of overfitting?',
    choices: ['Only the one on 5%', 'Only the one on all of them', 'Both', 'Neither, within 150 steps'],
    runs: [
      { label: 'all the sentences', settings: { data: 'course', hidden: 16, steps: 150, evalEvery: 10 } },
      { label: '5% of them', settings: { data: 'course', hidden: 16, steps: 150, evalEvery: 10, slice: 5 } },
    ],
    outcome([all, slice]) {
      const a = detectOverfitting(all.evals);
      const b = detectOverfitting(slice.evals);
      const choice = a && b ? 2 : b ? 0 : a ? 1 : 3;
      const says = (r: RunRecord, t: Overfitting | null) =>
        t
          ? `was lowest at step ${t.turnStep} (${f3(r.evals.find((e) => e.step === t.turnStep)?.valLoss)}), ` +
            `then rose to ${f3(lastEval(r)?.valLoss)} while the training loss fell to ${f3(lastEval(r)?.trainLoss)}`
          : `kept falling, to ${f3(lastEval(r)?.valLoss)} at step ${r.steps}`;
      return {
        choice,
        summary: `On all the sentences the validation loss ${says(all, a)}; on 5% it ${says(slice, b)}.`,
      };
    },
  },
  {
    id: 'early-stopping',
    title: 'Early stopping on the 5% run',
    task: 'sentiment',
    question:
      'Train the LSTM on 5% of the sentences again, with early stopping: patience 3 evaluations (one every 10 ' +
      'steps), then back to the best weights. The weights of which step does the model end with?',
    choices: [],
    runs: [
      {
        label: '5%, early stopping',
        settings: { data: 'course', hidden: 16, steps: 150, evalEvery: 10, slice: 5, early: true, patience: 3 },
      },
    ],
    outcome([run]) {
      const step = run.restored?.step ?? run.steps;
      return {
        choice: null,
        value: step,
        summary: run.restored
          ? `It stopped at step ${run.steps}, three evaluations after its lowest validation loss, and restored the ` +
            `weights of step ${step}: validation loss ${f3(run.restored.valLoss)} again, measured after restoring.`
          : `It ended at step ${run.steps} with its own weights (${endText(run)}).`,
      };
    },
  },
  {
    id: 'relu-rnn',
    title: 'A ReLU RNN at lr 0.01, no clipping',
    task: 'char-model',
    question:
      'A plain RNN of 64 units with ReLU instead of tanh learns Moby-Dick with Adam at learning rate 0.01 and no ' +
      'gradient clipping. Does it diverge within 300 steps?',
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
      'The births forecaster is one LSTM layer. Set dropout to 0.5 (PyTorch’s dropout= argument) and train it for ' +
      '100 steps next to one with dropout 0. What happens to its validation loss?',
    choices: ['Higher: dropout holds it back', 'Lower: dropout regularizes it', 'Exactly the same'],
    runs: [
      { label: 'dropout 0', settings: { dropout: 0, steps: 100 } },
      { label: 'dropout 0.5', settings: { dropout: 0.5, steps: 100 } },
    ],
    outcome([none, half]) {
      const a = none.evals.map((e) => e.valLoss);
      const b = half.evals.map((e) => e.valLoss);
      const same = a.length === b.length && a.every((v, i) => v === b[i]);
      const last = (xs: number[]) => xs.at(-1) ?? NaN;
      return {
        choice: same ? 2 : last(b) > last(a) ? 0 : 1,
        summary: same
          ? `The two validation curves are identical at all ${a.length} evaluations, to the last digit (${f3(last(a))} at step ${none.steps}).`
          : `Dropout 0 ended at ${f3(last(a))}, dropout 0.5 at ${f3(last(b))}.`,
      };
    },
  },
  {
    id: 'cell-recall',
    title: 'RNN, LSTM or GRU over 20 steps',
    task: 'recall',
    question:
      'Each sequence starts with one of 8 symbols, then 20 random ones, then a question mark: the answer is the ' +
      'first symbol. A plain RNN, an LSTM and a GRU of 64 units train for 300 steps. Which one is still near chance ' +
      '(12.5%) at the end?',
    choices: ['The plain RNN', 'The LSTM', 'The GRU', 'None: all three learn it'],
    runs: [
      { label: 'RNN', settings: { cell: 'rnn', steps: 300 } },
      { label: 'LSTM', settings: { cell: 'lstm', steps: 300 } },
      { label: 'GRU', settings: { cell: 'gru', steps: 300 } },
    ],
    outcome(runs) {
      const best = runs.map((r) => Math.max(...r.evals.map((e) => e.metrics.accuracy ?? 0)));
      // Near chance: below twice the chance accuracy of 1 in 8.
      const stuck = best.map((b) => b < 0.25);
      const n = stuck.filter(Boolean).length;
      const names = ['RNN', 'LSTM', 'GRU'];
      return {
        choice: n === 0 ? 3 : stuck.indexOf(true),
        summary: `Best validation accuracy in 300 steps: ${best.map((b, i) => `${names[i]} ${pct(b)}`).join(', ')} (chance 12.5%).`,
      };
    },
  },
];

/** The preset with this id, or undefined. */
export function findPreset(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}
