// The forecast lab's presets: each a question chapter 10 asks before the reader runs it, the runs that answer it, and
// how to read the answer off the finished runs, so the lab, the chapter's Predict blocks and the committed script
// (scripts/forecast-lab/presets.ts) judge the same runs the same way.
import type { RunRecord } from '../../lib/runHistory';
import { RUN_DEFAULTS, type RunSettings } from './settings';

/** What the finished runs say: the index of the choice they support and a sentence. */
export interface PresetOutcome {
  choice: number;
  summary: string;
}

/** A question with the runs that answer it. */
export interface Preset {
  /** URL name: `?forecast-lab.preset=<id>`. */
  id: string;
  title: string;
  question: string;
  choices: readonly string[];
  runs: readonly { label: string; settings: Partial<RunSettings> }[];
  /** Reads the answer off the runs (in the order of `runs`), once all have ended. */
  outcome(runs: readonly RunRecord[]): PresetOutcome;
}

/** The one-step MAE of 2014 a run ended with (its last evaluation), and the seasonal-naive forecast's on the same days. */
export function testMaes(run: RunRecord): { model: number; seasonalNaive: number } {
  return { model: run.evals.at(-1)?.metrics.testMae ?? NaN, seasonalNaive: run.baselines.testMae ?? NaN };
}

const births = (x: number): string => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : 'no value');

/** The presets, in the order chapter 10 asks them. */
export const PRESETS: readonly Preset[] = [
  {
    id: 'beat-seasonal-naive',
    title: 'Does the LSTM beat seasonal-naive?',
    question:
      'An LSTM of 32 units reads 28 days of normalized births and their weekdays and trains for 500 steps. One step ' +
      'ahead over 2014, does it beat the seasonal-naive forecast (the same weekday a week earlier)?',
    choices: ['Yes, by more than 10%', 'About the same (within 10%)', 'No, seasonal-naive is better'],
    runs: [{ label: 'LSTM', settings: {} }],
    outcome([run]) {
      const { model, seasonalNaive } = testMaes(run);
      const ratio = model / seasonalNaive;
      const choice = !(ratio < 1.1) ? 2 : ratio < 0.9 ? 0 : 1;
      return {
        choice,
        summary:
          `One step ahead over 2014 the LSTM is off by ${births(model)} births a day on average, seasonal-naive ` +
          `by ${births(seasonalNaive)}` +
          (Number.isFinite(ratio) ? ` (the LSTM's error is ${Math.round(ratio * 100)}% of it).` : '.'),
      };
    },
  },
  {
    id: 'normalization',
    title: 'Normalized or raw births',
    question:
      'Train the same LSTM twice for 500 steps: once on normalized births (z-scores), once on births as they are ' +
      '(about 11,000 a day). How does the raw run do one step ahead over 2014?',
    choices: [
      'About as well (within 25%)',
      'Worse, but it still beats seasonal-naive',
      'So badly it loses to seasonal-naive',
    ],
    runs: [
      { label: 'normalized', settings: { norm: true } },
      { label: 'raw births', settings: { norm: false } },
    ],
    outcome([norm, raw]) {
      const a = testMaes(norm);
      const b = testMaes(raw);
      const choice = b.model < a.model * 1.25 ? 0 : b.model <= b.seasonalNaive ? 1 : 2;
      return {
        choice,
        summary:
          `One step ahead over 2014 the normalized run is off by ${births(a.model)} births a day on average, the raw ` +
          `one by ${births(b.model)}; seasonal-naive by ${births(a.seasonalNaive)}.`,
      };
    },
  },
];

/** The preset with this id, if any. */
export function findPreset(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}

/** The settings of one run of a preset: the lab's defaults with the preset's changes. */
export function presetSettings(run: Preset['runs'][number]): RunSettings {
  return { ...RUN_DEFAULTS, ...run.settings };
}
