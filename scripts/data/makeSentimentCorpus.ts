// Generates the course's sentiment corpus: short movie-review sentences composed from the hand-made
// lexicon by a seeded grammar whose rules fix each label, plus the hand-written sentences, deduplicated,
// balanced, and split 70/15/15. Run `npx tsx scripts/data/makeSentimentCorpus.ts` to rewrite
// engine/data/corpora/sentiment.json; a test checks that the committed file is exactly this output.
import { writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Rng } from '../../engine/random';
import { flagsOf, type CorpusRow, type SentimentCorpusFile } from '../../engine/data/sentiment';
import type { SentimentLabel } from '../../engine/data/sentimentLabels';
import { basicEnglish } from '../../engine/data/tokenize';
import { HANDWRITTEN_NEGATIVE, HANDWRITTEN_POSITIVE } from './sentimentHandwritten';
import {
  ASPECTS,
  CONTRASTS,
  COPULAS,
  DOWNTONERS_NEGATIVE,
  DOWNTONERS_POSITIVE,
  FILM_ADJECTIVES,
  FILM_NOUNS,
  GENERIC_NEGATIVE,
  GENERIC_POSITIVE,
  INTENSIFIERS,
  NEGATED_VERDICTS,
  OPENERS,
  VERDICTS,
  type Polarity,
} from './sentimentLexicon';

/** How a family of sentences was made; families are split together and stratified by kind. */
export type FamilyKind =
  | 'plain'
  | 'modified'
  | 'negated'
  | 'verdict'
  | 'attributive'
  | 'conjunction'
  | 'neither'
  | 'contrast'
  | 'mirrored'
  | 'despite'
  | 'handwritten';

/** One or two sentences made together: a mirrored contrast pair is two, everything else one. */
export interface Family {
  kind: FamilyKind;
  sentences: { text: string; label: SentimentLabel }[];
}

/** Options of `makeSentimentCorpus`. */
export interface CorpusOptions {
  /** Total sentences, hand-written included; even (default 3000). */
  total?: number;
  seed?: number;
}

/** Relative frequency of each generated kind (the mirrored pairs come from contrast families). */
const KIND_WEIGHTS: [Exclude<FamilyKind, 'mirrored' | 'handwritten'>, number][] = [
  ['plain', 26],
  ['modified', 14],
  ['negated', 13],
  ['verdict', 5],
  ['attributive', 9],
  ['conjunction', 10],
  ['neither', 2],
  ['contrast', 16],
  ['despite', 5],
];
/** Share of contrast families that also get their mirror image ("B but A", opposite label). */
const MIRROR_RATE = 0.35;
/** Intensifiers that read naturally after a negation: "not particularly original". */
const NEGATED_INTENSIFIERS = ['very', 'particularly', 'especially', 'all that', 'terribly'];

const pick = <T>(rng: Rng, items: readonly T[]): T => items[rng.int(items.length)];
const chance = (rng: Rng, p: number): boolean => rng.next() < p;
const labelOf = (p: Polarity): SentimentLabel => (p > 0 ? 1 : 0);

/** "a" or "an" by sound, for the lexicon's words. */
function article(word: string): string {
  if (/^(one|uni|use|usu|eu)/.test(word)) return 'a';
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}

/** Aspect-specific adjectives seven times in ten, generic ones otherwise. */
function adjective(rng: Rng, aspect: (typeof ASPECTS)[number], polarity: Polarity, specificOnly = false): string {
  const specific = polarity > 0 ? aspect.positive : aspect.negative;
  if (specificOnly || chance(rng, 0.7)) return pick(rng, specific);
  return pick(rng, polarity > 0 ? GENERIC_POSITIVE : GENERIC_NEGATIVE);
}

type ClauseMode = 'plain' | 'modified' | 'negated';

/** A clause about one aspect whose polarity is `polarity`: "the plot is not very original" (−1). */
function aspectClause(rng: Rng, polarity: Polarity, mode: ClauseMode, avoid = -1): { text: string; aspect: number } {
  let ai = rng.int(ASPECTS.length);
  while (ai === avoid) ai = rng.int(ASPECTS.length);
  const a = ASPECTS[ai];
  const np = pick(rng, a.nouns);
  const num = a.plural ? 1 : 0;
  if (mode === 'negated') {
    const form = pick(rng, COPULAS.negated)[num];
    const plainNot = /(not|n't)$/.test(form);
    if (polarity < 0) {
      // Negated praise is criticism: "is not original", "isn't particularly clever".
      const mod = plainNot && chance(rng, 0.3) ? `${pick(rng, NEGATED_INTENSIFIERS)} ` : '';
      const suffix = plainNot && !mod && chance(rng, 0.15) ? ' at all' : '';
      return { text: `${np} ${form} ${mod}${adjective(rng, a, 1, mod !== '')}${suffix}`, aspect: ai };
    }
    // Negated criticism is praise only for the negatable adjectives: "is never boring", "is not predictable at all".
    const suffix = plainNot && chance(rng, 0.15) ? ' at all' : '';
    return { text: `${np} ${form} ${pick(rng, a.negatable)}${suffix}`, aspect: ai };
  }
  const form = pick(rng, COPULAS.affirmative)[num];
  let mod = '';
  if (mode === 'modified')
    mod = `${chance(rng, 0.6) ? pick(rng, INTENSIFIERS) : pick(rng, polarity > 0 ? DOWNTONERS_POSITIVE : DOWNTONERS_NEGATIVE)} `;
  return { text: `${np} ${form} ${mod}${adjective(rng, a, polarity, mod !== '')}`, aspect: ai };
}

/** A clause of either kind in a random mode; verdicts only where `verdicts` allows them. */
function anyClause(
  rng: Rng,
  polarity: Polarity,
  verdicts: boolean,
  avoid = -1,
): { text: string; aspect: number; verdict: boolean } {
  if (verdicts && chance(rng, 0.25)) {
    const pool = chance(rng, 0.5) ? VERDICTS : NEGATED_VERDICTS;
    return {
      text: pick(
        rng,
        pool.filter((v) => v.polarity === polarity),
      ).text,
      aspect: -1,
      verdict: true,
    };
  }
  const r = rng.next();
  const mode: ClauseMode = r < 0.3 ? 'negated' : r < 0.55 ? 'modified' : 'plain';
  return { ...aspectClause(rng, polarity, mode, avoid), verdict: false };
}

/** Capitalises, adds an opener sometimes and a full stop (or, one time in twelve, an exclamation mark). */
function finish(rng: Rng, body: string, opener = true): string {
  const s = `${opener ? pick(rng, OPENERS) : ''}${body}`;
  return `${s[0].toUpperCase()}${s.slice(1)}${chance(rng, 1 / 12) ? '!' : '.'}`;
}

/** One family of the given kind whose (first) sentence has polarity `p`. */
function makeFamily(rng: Rng, kind: Exclude<FamilyKind, 'mirrored' | 'handwritten'>, p: Polarity): Family {
  const one = (text: string): Family => ({ kind, sentences: [{ text, label: labelOf(p) }] });
  switch (kind) {
    case 'plain':
    case 'modified':
    case 'negated':
      return one(finish(rng, aspectClause(rng, p, kind).text));
    case 'verdict': {
      const pool = chance(rng, 0.5) ? VERDICTS : NEGATED_VERDICTS;
      return one(
        finish(
          rng,
          pick(
            rng,
            pool.filter((v) => v.polarity === p),
          ).text,
        ),
      );
    }
    case 'attributive': {
      const noun = pick(rng, FILM_NOUNS);
      if (chance(rng, 0.4)) {
        // Negated: "not a great film" (−1), "not a bad film at all" (+1).
        const lead = pick(rng, ['', 'this is ', 'it is ']);
        if (p < 0) {
          const adj = pick(rng, FILM_ADJECTIVES.positive);
          return one(
            finish(
              rng,
              `${lead}${pick(rng, ['not', 'hardly', 'by no means', 'far from'])} ${article(adj)} ${adj} ${noun}`,
              false,
            ),
          );
        }
        const adj = pick(rng, FILM_ADJECTIVES.negatable);
        const neg = pick(rng, ['not', 'by no means', 'far from']);
        return one(
          finish(
            rng,
            `${lead}${neg} ${article(adj)} ${adj} ${noun}${neg === 'not' && chance(rng, 0.5) ? ' at all' : ''}`,
            false,
          ),
        );
      }
      const adj = pick(rng, p > 0 ? FILM_ADJECTIVES.positive : FILM_ADJECTIVES.negative);
      const mod = chance(rng, 0.4)
        ? `${pick(
            rng,
            INTENSIFIERS.filter((w) => w !== 'so'),
          )} `
        : '';
      const first = mod || adj;
      return one(
        finish(
          rng,
          `${pick(rng, ['', '', 'what ', 'this is ', 'simply '])}${article(first)} ${mod}${adj} ${noun}`,
          false,
        ),
      );
    }
    case 'conjunction': {
      if (chance(rng, 0.5)) {
        const a = aspectClause(rng, p, chance(rng, 0.25) ? 'negated' : 'plain');
        const b = chance(rng, 0.2)
          ? {
              text: pick(
                rng,
                VERDICTS.filter((v) => v.polarity === p),
              ).text,
            }
          : aspectClause(rng, p, chance(rng, 0.25) ? 'negated' : 'modified', a.aspect);
        return one(finish(rng, `${a.text}${chance(rng, 0.5) ? ',' : ''} and ${b.text}`));
      }
      const ai = rng.int(ASPECTS.length);
      const a = ASPECTS[ai];
      const adjs = p > 0 ? a.positive : a.negative;
      const x = pick(rng, adjs);
      let y = pick(rng, adjs);
      while (y === x) y = pick(rng, adjs);
      return one(
        finish(rng, `${pick(rng, a.nouns)} ${pick(rng, COPULAS.affirmative)[a.plural ? 1 : 0]} ${x} and ${y}`),
      );
    }
    case 'neither': {
      // "neither clever nor original" (−1); "neither slow nor predictable" (+1).
      const a = ASPECTS[rng.int(ASPECTS.length)];
      const adjs = p > 0 ? a.negatable : a.positive;
      const x = pick(rng, adjs);
      let y = pick(rng, adjs);
      while (y === x) y = pick(rng, adjs);
      return one(
        finish(
          rng,
          `${pick(rng, a.nouns)} ${pick(rng, a.plural ? ['are', 'were'] : ['is', 'was'])} neither ${x} nor ${y}`,
        ),
      );
    }
    case 'despite': {
      // The concession is the opposite of the verdict: "despite the wooden acting, the film is gripping".
      const ai = rng.int(ASPECTS.length);
      const a = ASPECTS[ai];
      const noun = pick(
        rng,
        a.nouns.filter((n) => n.startsWith('the ')),
      ).slice(4);
      const concession = `despite the ${adjective(rng, a, -p as Polarity, true)} ${noun}`;
      const main = anyClause(rng, p, true, ai).text;
      return one(finish(rng, chance(rng, 0.6) ? `${concession}, ${main}` : `${main}, ${concession}`, false));
    }
    case 'contrast': {
      // The verdict clause b has polarity p; the conceded clause a the opposite.
      const c = pick(rng, CONTRASTS);
      const b = anyClause(rng, p, true);
      const a = anyClause(rng, -p as Polarity, false, b.aspect);
      const fill = (x: string, y: string): string => c.pattern.replace('{a}', x).replace('{b}', y);
      // No opener before a verdict that starts the sentence, nor a second "in the end".
      const opener = (c.verdict !== 'main-first' || !b.verdict) && !c.pattern.includes('in the end');
      const first = { text: finish(rng, fill(a.text, b.text), opener), label: labelOf(p) };
      // A verdict ("I loved it") is an overall judgment, so it is never put in the conceded position.
      if (b.verdict || !chance(rng, MIRROR_RATE)) return { kind, sentences: [first] };
      return {
        kind: 'mirrored',
        sentences: [first, { text: finish(rng, fill(b.text, a.text), false), label: labelOf(-p as Polarity) }],
      };
    }
  }
}

/** The deduplication key: tokens without the opener and the final punctuation. */
function dedupKey(text: string): string {
  const tokens = basicEnglish(text);
  const opener = OPENERS.map((o) => basicEnglish(o).join(' ')).find((o) => o && tokens.join(' ').startsWith(`${o} `));
  return (opener ? tokens.slice(basicEnglish(opener).length) : tokens).filter((t) => t !== '.' && t !== '!').join(' ');
}

/** Generates families until each label has `perLabel − handwritten` generated sentences, skipping any duplicate. */
function generateFamilies(rng: Rng, quota: [number, number], seen: Set<string>): Family[] {
  const families: Family[] = [];
  const remaining = [...quota];
  const totalWeight = KIND_WEIGHTS.reduce((s, [, w]) => s + w, 0);
  let attempts = 0;
  while (remaining[0] > 0 || remaining[1] > 0) {
    if (++attempts > 200_000)
      throw new Error('makeSentimentCorpus: the grammar cannot produce enough distinct sentences');
    let r = rng.next() * totalWeight;
    const kind = KIND_WEIGHTS.find(([, w]) => (r -= w) < 0)?.[0] ?? 'contrast';
    // Aim for the label with more room left; ties at random.
    const want: Polarity =
      remaining[1] > remaining[0] ? 1 : remaining[0] > remaining[1] ? -1 : chance(rng, 0.5) ? 1 : -1;
    const family = makeFamily(rng, kind, want);
    const keys = family.sentences.map((s) => dedupKey(s.text));
    const need = [0, 0];
    for (const s of family.sentences) need[s.label]++;
    if (keys.some((k) => seen.has(k)) || keys[0] === keys[1] || need[0] > remaining[0] || need[1] > remaining[1])
      continue;
    keys.forEach((k) => seen.add(k));
    remaining[0] -= need[0];
    remaining[1] -= need[1];
    families.push(family);
  }
  return families;
}

/** Splits families 70/15/15, stratified by kind and labels, keeping each family in one split. */
function splitFamilies(rng: Rng, families: Family[]): Record<'train' | 'validation' | 'test', Family[]> {
  const strata = new Map<string, Family[]>();
  for (const f of families) {
    const key = `${f.kind}:${f.sentences.map((s) => s.label).join('')}`;
    if (!strata.has(key)) strata.set(key, []);
    strata.get(key)!.push(f);
  }
  const out = { train: [] as Family[], validation: [] as Family[], test: [] as Family[] };
  for (const key of [...strata.keys()].sort()) {
    const group = rng.shuffle(strata.get(key)!);
    const nVal = Math.round(group.length * 0.15);
    const nTest = Math.round(group.length * 0.15);
    out.validation.push(...group.slice(0, nVal));
    out.test.push(...group.slice(nVal, nVal + nTest));
    out.train.push(...group.slice(nVal + nTest));
  }
  return out;
}

/**
 * Builds the corpus file: hand-written sentences plus generated ones to `total`, exactly half positive,
 * no two with the same tokens (ignoring an opener and the final punctuation), split 70/15/15 by family.
 */
export function makeSentimentCorpus(options: CorpusOptions = {}): SentimentCorpusFile {
  const { total = 3000, seed = 4 } = options;
  if (total % 2 !== 0) throw new RangeError('makeSentimentCorpus: total must be even, so the classes balance');
  const rng = new Rng(seed);
  const seen = new Set<string>();
  const handwritten: Family[] = [];
  for (const [texts, label] of [
    [HANDWRITTEN_NEGATIVE, 0],
    [HANDWRITTEN_POSITIVE, 1],
  ] as const) {
    for (const text of texts) {
      const key = dedupKey(text);
      if (seen.has(key))
        throw new Error(`makeSentimentCorpus: the hand-written sentence ${JSON.stringify(text)} appears twice`);
      seen.add(key);
      handwritten.push({ kind: 'handwritten', sentences: [{ text, label }] });
    }
  }
  const quota: [number, number] = [total / 2 - HANDWRITTEN_NEGATIVE.length, total / 2 - HANDWRITTEN_POSITIVE.length];
  const families = [...handwritten, ...generateFamilies(rng, quota, seen)];
  const splits = splitFamilies(rng, families);
  const rows = (fs: Family[]): CorpusRow[] =>
    rng.shuffle(
      fs.flatMap((f) =>
        f.sentences.map((s): CorpusRow => [s.text, s.label, flagsOf(s.text) + (f.kind === 'handwritten' ? 'h' : '')]),
      ),
    );
  return {
    description:
      'Short movie-review sentences written for Unrolled: 172 by hand, the rest composed by a seeded grammar from a hand-made lexicon, ' +
      'labelled by its rules (negation flips, the clause after "but" decides). Not real reviews. See engine/data/corpora/README.md.',
    labels: ['negative', 'positive'],
    flags: { n: 'negation', c: 'contrast', i: 'intensifier or downtoner', h: 'hand-written' },
    train: rows(splits.train),
    validation: rows(splits.validation),
    test: rows(splits.test),
  };
}

/** The file text: the header fields, then one example per line, so diffs stay readable. */
export function serializeCorpus(file: SentimentCorpusFile): string {
  const { train, validation, test, ...header } = file;
  const head = JSON.stringify(header).slice(0, -1);
  const split = (name: string, rows: CorpusRow[]): string =>
    `"${name}":[\n${rows.map((r) => JSON.stringify(r)).join(',\n')}\n]`;
  return `${head},\n${split('train', train)},\n${split('validation', validation)},\n${split('test', test)}}\n`;
}

/** Where the committed corpus lives. */
export const CORPUS_PATH = fileURLToPath(new URL('../../engine/data/corpora/sentiment.json', import.meta.url));

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const file = makeSentimentCorpus();
  writeFileSync(CORPUS_PATH, serializeCorpus(file));
  console.log(
    `wrote ${CORPUS_PATH}: ${file.train.length} train, ${file.validation.length} validation, ${file.test.length} test`,
  );
}
