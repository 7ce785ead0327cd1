// The teacher forcing lab's presets: each a question chapter 10 asks before the reader runs it, the runs that answer it,
// and how to read the answer off the finished runs, so the lab, the chapter's Predict block and the committed script
// (scripts/teacher-forcing-lab/presets.ts) judge the same runs the same way.
import type { RunRecord } from '../../lib/runHistory';
import { births, changeWords } from './generation';
import { REGIMES, RUN_DEFAULTS, type Regime, type RunSettings } from './settings';

/** What the finished runs say: the index of the choice they support and a sentence. */
export interface PresetOutcome {
  choice: number;
  summary: string;
}

/** A question with the runs that answer it. */
export interface Preset {
  /** URL name: `?teacher-forcing-lab.preset=<id>`. */
  id: string;
  title: string;
  question: string;
  choices: readonly string[];
  runs: readonly { label: string; regime: Regime; settings: Partial<RunSettings> }[];
  /** Reads the answer off the runs (in the order of `runs`), once all have ended. */
  outcome(runs: readonly RunRecord[]): PresetOutcome;
}

/** The free-running error of 2014 a run ended with (its last evaluation): first week, last week, and one step ahead. */
export function weekErrors(run: RunRecord): { first: number; last: number; oneStep: number } {
  const m = run.evals.at(-1)?.metrics ?? {};
  return { first: m.testMaeFirstWeek ?? NaN, last: m.testMaeLastWeek ?? NaN, oneStep: m.testMaeOneStep ?? NaN };
}

/** The presets, in the order chapter 10 asks them. */
export const PRESETS: readonly Preset[] = [
  {
    id: 'exposure-bias',
    title: 'Does the teacher-forced generator drift?',
    question:
      'Three LSTMs learn to generate daily births: one always fed the true day (teacher forcing), one always fed its ' +
      'own prediction (free running), one fed the truth less and less often (scheduled sampling). Each then reads 28 ' +
      'true days of 2014 and generates the next 28 on its own. How does the teacher-forced model’s error in the ' +
      'fourth generated week compare with its first?',
    choices: ['Smaller', 'About the same (within 15%)', 'Larger by 15% or more'],
    runs: REGIMES.map((regime) => ({ label: regime.label, regime, settings: {} })),
    outcome(runs) {
      const [forced, free, scheduled] = runs.map(weekErrors);
      const ratio = forced.last / forced.first;
      const choice = !(ratio >= 0.85) ? 0 : ratio < 1.15 ? 1 : 2;
      const line = (name: string, e: { first: number; last: number }) =>
        `${name} from ${births(e.first)} to ${births(e.last)}`;
      return {
        choice,
        summary:
          `Free running over 28 days of 2014, the teacher-forced model’s error ${changeWords(ratio)} from the first ` +
          `week to the fourth (${births(forced.first)} to ${births(forced.last)} births a day), while one step ahead ` +
          `on the same days it is off by ${births(forced.oneStep)}. The others: ${line('free running', free)}, ` +
          `${line('scheduled sampling', scheduled)}.`,
      };
    },
  },
];

/** The preset with this id, if any. */
export function findPreset(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}

/** The shared settings of one run of a preset: the lab's defaults with the preset's changes. */
export function presetSettings(run: Preset['runs'][number]): RunSettings {
  return { ...RUN_DEFAULTS, ...run.settings };
}
