// The attention lab's presets: each a question chapter 10 asks before the reader runs it, the runs that answer it, and
// how to read the answer off the finished runs, so the lab, the chapter's Predict block and the committed script
// (scripts/attention-lab/outcomes.ts) judge the same runs the same way.
import { LONG_FROM } from '../../../engine/train/tasks/translate';
import type { RunRecord } from '../../lib/runHistory';
import { RUN_DEFAULTS, type RunSettings } from './settings';

/** What the finished runs say: the index of the choice they support and a sentence. */
export interface PresetOutcome {
  choice: number;
  summary: string;
}

/** A question with the runs that answer it. */
export interface Preset {
  /** URL name: `?attention-lab.preset=<id>`. */
  id: string;
  title: string;
  question: string;
  choices: readonly string[];
  runs: readonly { label: string; settings: Partial<RunSettings> }[];
  /** Reads the answer off the runs (in the order of `runs`), once all have ended. */
  outcome(runs: readonly RunRecord[]): PresetOutcome;
}

/** A run's last accuracy on the long test inputs (LONG_FROM words or more), as a share. */
export function longAccuracy(run: RunRecord): number {
  return run.evals.at(-1)?.metrics.longAccuracy ?? NaN;
}

const percent = (x: number): string => (Number.isFinite(x) ? `${Math.round(x * 100)}%` : 'no value');

/** The presets, in the order chapter 10 asks them. */
export const PRESETS: readonly Preset[] = [
  {
    id: 'with-without',
    title: 'With and without attention',
    question:
      `The same GRU encoder–decoder (64 units) trains for ${RUN_DEFAULTS.steps} steps twice on the same numbers: once ` +
      `with attention, once reading only the encoder's last state. On the longest inputs (${LONG_FROM} to 11 words), ` +
      'how many test numbers does the run without attention translate exactly, compared with the one with attention?',
    choices: [
      'About as many (within 10 points)',
      'Fewer, by 10 to 40 points',
      'Far fewer, by more than 40 points',
      'More: the run without attention does better',
    ],
    runs: [
      { label: 'attention', settings: { attn: true } },
      { label: 'no attention', settings: { attn: false } },
    ],
    outcome([withAttention, without]) {
      const a = longAccuracy(withAttention);
      const b = longAccuracy(without);
      const gap = a - b;
      const choice = !Number.isFinite(gap) ? 0 : gap < -0.1 ? 3 : gap <= 0.1 ? 0 : gap <= 0.4 ? 1 : 2;
      return {
        choice,
        summary:
          `On test inputs of ${LONG_FROM} words or more, the run with attention translates ${percent(a)} exactly, ` +
          `the run without ${percent(b)}.`,
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
