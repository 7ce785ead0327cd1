// The sentiment lab's two listings: chapter 9's PyTorch script and the engine's version of the same model, read from
// the files themselves (Vite's `?raw`), with the reader's settings written into each one's settings block.
import engineSource from '../../../engine/train/tasks/sentimentRnn.ts?raw';
import type { CellType } from '../../../engine/ops/recurrentLayout';
import { LABELLED_FILES, type LabelledSource } from '../../../engine/data/labelledSentences';
import pythonSource from '../../../scripts/torch/sentiment_rnn.py?raw';

/** The settings both listings show. */
export interface ListingSettings {
  cell: CellType;
  embed: number;
  hidden: number;
  epochs: number;
  lr: number;
  seed: number;
  /** The training file, or null for data the script does not read (the course's set, the reader's own file). */
  data: LabelledSource | null;
  /** The file to test on when it is not the training file's own test split. */
  testData: LabelledSource | null;
}

/** A listing ready to show: its lines, and which of them the reader's settings changed. */
export interface Listing {
  /** The file it comes from, as the repository names it. */
  path: string;
  lines: string[];
  changed: Set<number>;
  /** The line the settings block starts on (the listing opens there). */
  settingsLine: number;
}

/** A learning rate as both languages write it: 0.05, 1e-3, 2.5e-4. */
export function formatLr(lr: number): string {
  if (lr >= 0.01) return String(Number(lr.toPrecision(6)));
  const exponent = Math.floor(Math.log10(lr) + 1e-9);
  const mantissa = Number((lr / 10 ** exponent).toPrecision(6));
  return `${mantissa}e${exponent}`;
}

/** One line of a settings block: what finds it, and what it becomes. */
type Rule = [pattern: RegExp, value: (s: ListingSettings) => string];

const PYTHON_RULES: Rule[] = [
  [/^(DATA = )"[^"]*"/, (s) => `"${LABELLED_FILES[s.data ?? 'imdb']}"`],
  [/^(TEST_DATA = )(None|"[^"]*")/, (s) => (s.testData ? `"${LABELLED_FILES[s.testData]}"` : 'None')],
  [/^(CELL = )"[a-z]+"/, (s) => `"${s.cell}"`],
  [/^(EMBED_DIM = )\d+/, (s) => String(s.embed)],
  [/^(HIDDEN_DIM = )\d+/, (s) => String(s.hidden)],
  [/^(EPOCHS = )\d+/, (s) => String(s.epochs)],
  [/^(LR = )[\d.e-]+/, (s) => formatLr(s.lr)],
  [/^(SEED = )\d+/, (s) => String(s.seed)],
];

const ENGINE_RULES: Rule[] = [
  [/^( {2}cell: )'[a-z]+'/, (s) => `'${s.cell}'`],
  [/^( {2}embedDim: )\d+/, (s) => String(s.embed)],
  [/^( {2}hiddenDim: )\d+/, (s) => String(s.hidden)],
  [/^( {2}epochs: )\d+/, (s) => String(s.epochs)],
  [/^( {2}lr: )[\d.e-]+/, (s) => formatLr(s.lr)],
  [/^( {2}seed: )\d+/, (s) => String(s.seed)],
];

/**
 * `source` with each rule's line rewritten for `settings` (the first match of each rule, searched from the line
 * `blockStart` is on, so a later line that happens to look alike is never touched).
 * @throws Error when a rule finds no line: the file changed and this table must follow it
 */
function fill(path: string, source: string, blockStart: string, rules: Rule[], settings: ListingSettings): Listing {
  const original = source.replace(/\n$/, '').split('\n');
  const lines = [...original];
  const from = lines.findIndex((line) => line.startsWith(blockStart));
  if (from < 0) throw new Error(`${path}: no line starts with ${JSON.stringify(blockStart)}`);
  const changed = new Set<number>();
  for (const [pattern, value] of rules) {
    const i = lines.findIndex((line, k) => k >= from && pattern.test(line));
    if (i < 0) throw new Error(`${path}: no settings line matches ${String(pattern)}`);
    lines[i] = lines[i].replace(pattern, (_, head: string) => head + value(settings));
    if (lines[i] !== original[i]) changed.add(i);
  }
  return { path, lines, changed, settingsLine: from };
}

/** scripts/torch/sentiment_rnn.py with the reader's settings. */
export function pythonListing(settings: ListingSettings): Listing {
  return fill('scripts/torch/sentiment_rnn.py', pythonSource, '# Settings', PYTHON_RULES, settings);
}

/** engine/train/tasks/sentimentRnn.ts with the reader's settings: the code the lab's worker runs. */
export function engineListing(settings: ListingSettings): Listing {
  return fill('engine/train/tasks/sentimentRnn.ts', engineSource, 'export const SETTINGS', ENGINE_RULES, settings);
}

/** The files' own text, for the download link and for tests. */
export const LISTING_SOURCES = { python: pythonSource, engine: engineSource } as const;
