// A finished run's translator on the page: built once from the worker's report, it translates a phrase the reader
// types (one greedy pass over at most 20 words, well under a frame) and gives the attention weights for the heatmap.
import { parsePhrase, valueOf, wordsAsText } from '../../../engine/data/numberWords';
import type { LengthAccuracy, TranslateReport } from '../../../engine/train/tasks/translate';
import { NumberTranslator, sourceBatch } from '../../../engine/train/tasks/translator';
import { Rng } from '../../../engine/random';

/** What the page shows for a typed phrase. */
export type PhraseTranslation =
  | {
      ok: true;
      /** The words the model read. */
      words: string[];
      /** The number they name, when they are its name as the data writes it; else null. */
      expected: number | null;
      /** The model's digits (empty if it wrote none). */
      digits: string;
      /** Whether it wrote the end symbol within its seven steps. */
      ended: boolean;
      /** Per output step (each digit, then the end symbol if written), the weight on each word; empty without attention. */
      weights: number[][];
      attention: boolean;
    }
  | { ok: false; error: string };

/** A trained translator rebuilt on the page from a run's report. */
export class PhraseTranslator {
  private readonly model: NumberTranslator;

  /** @throws Error when the report's weights do not fit the model its settings describe */
  constructor(report: Pick<TranslateReport, 'attention' | 'hiddenSize' | 'embeddingDim' | 'tensors'>) {
    this.model = new NumberTranslator({
      attention: report.attention,
      hiddenSize: report.hiddenSize,
      embeddingDim: report.embeddingDim,
      rng: new Rng(0),
    });
    const params = this.model.namedParameters();
    for (const t of report.tensors) {
      const p = params.get(t.name);
      if (!p || p.size !== t.data.length) throw new Error(`the report's ${t.name} does not fit the model`);
      p.data.set(t.data);
    }
  }

  /** Checks the typed text (parsePhrase) and, when it is usable, translates it. Never throws on bad input. */
  translate(text: string): PhraseTranslation {
    const parsed = parsePhrase(text);
    if (!parsed.ok) return parsed;
    const [t] = this.model.translate(sourceBatch([parsed.words]));
    return {
      ok: true,
      words: parsed.words,
      expected: parsed.value,
      digits: t.digits,
      ended: t.ended,
      weights: t.weights,
      attention: this.model.attention,
    };
  }
}

/** The output symbols a translation wrote, as the heatmap labels its columns: the digits, then "end". */
export function outputLabels(t: Pick<Extract<PhraseTranslation, { ok: true }>, 'digits' | 'ended'>): string[] {
  return [...Array.from(t.digits), ...(t.ended ? ['end'] : [])];
}

/** For each output step, the word with the most weight and that weight (for the text alternative). */
export function strongestWords(
  words: readonly string[],
  weights: readonly (readonly number[])[],
): { word: string; position: number; weight: number }[] {
  return weights.map((row) => {
    let best = 0;
    for (let j = 1; j < row.length; j++) if (row[j] > row[best]) best = j;
    return { word: words[best], position: best + 1, weight: row[best] };
  });
}

/** One sentence on a translation: what the model wrote against the right answer. */
export function translationSentence(t: Extract<PhraseTranslation, { ok: true }>): string {
  const said = t.digits === '' ? 'no digits' : t.digits;
  const unfinished = t.ended ? '' : ' and did not stop within seven symbols';
  if (t.expected === null)
    return (
      `The model wrote ${said}${unfinished}. These words are not a number name as the data writes them ` +
      `(it writes “and” before the tens, as in “three hundred and twelve”), so there is no right answer to compare with.`
    );
  const right = t.ended && t.digits === String(t.expected);
  return right
    ? `The model wrote ${said}: right.`
    : `The model wrote ${said}${unfinished}; the right answer is ${t.expected}.`;
}

/** The name of `words` as printed (hyphens in the tens), or the words as typed when they are not a name. */
export function phraseAsText(words: readonly string[]): string {
  return valueOf(words) === null ? words.join(' ') : wordsAsText(words);
}

/** Accuracy by length as percentages, for the chart and its table. */
export function accuracyPoints(rows: readonly LengthAccuracy[]): { x: number; y: number; count: number }[] {
  return rows.map((r) => ({ x: r.words, y: r.count === 0 ? NaN : (100 * r.correct) / r.count, count: r.count }));
}
