// Tests for the sentiment corpus: the committed file is exactly the generator's output, balanced and
// deduplicated, the lexicon is consistent, and an independent reading of each generated sentence by the
// composition rules (negation flips; the clause after "but" or the main clause decides) gives its label.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSentimentCorpus, type CorpusExample } from '../../engine/data/sentiment';
import { basicEnglish } from '../../engine/data/tokenize';
import { CORPUS_PATH, makeSentimentCorpus, serializeCorpus } from './makeSentimentCorpus';
import { HANDWRITTEN_NEGATIVE, HANDWRITTEN_POSITIVE } from './sentimentHandwritten';
import {
  ASPECTS,
  FILM_ADJECTIVES,
  GENERIC_NEGATIVE,
  GENERIC_POSITIVE,
  NEGATED_VERDICTS,
  OPENERS,
  VERDICTS,
} from './sentimentLexicon';

const committed = readFileSync(CORPUS_PATH, 'utf8');
const corpus = parseSentimentCorpus(JSON.parse(committed));
const all: CorpusExample[] = [...corpus.train, ...corpus.validation, ...corpus.test];

describe('the committed corpus', () => {
  it('is exactly what the generator produces from its seed', () => {
    expect(committed).toBe(serializeCorpus(makeSentimentCorpus()));
  });

  it('has 3,000 sentences, half positive overall and in each split, split about 70/15/15', () => {
    expect(all.length).toBe(3000);
    expect(all.filter((e) => e.label === 1).length).toBe(1500);
    for (const split of [corpus.train, corpus.validation, corpus.test]) {
      const pos = split.filter((e) => e.label === 1).length;
      expect(Math.abs(pos / split.length - 0.5)).toBeLessThan(0.01);
    }
    expect(corpus.train.length / 3000).toBeCloseTo(0.7, 1);
    expect(corpus.test.length / 3000).toBeCloseTo(0.15, 1);
  });

  it('contains every hand-written sentence once and no two sentences with the same tokens', () => {
    const handwritten = all.filter((e) => e.handwritten).map((e) => e.text);
    expect(handwritten.sort()).toEqual([...HANDWRITTEN_POSITIVE, ...HANDWRITTEN_NEGATIVE].sort());
    const keys = all.map((e) =>
      basicEnglish(e.text)
        .filter((t) => t !== '.' && t !== '!')
        .join(' '),
    );
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('has hundreds of sentences with negation, contrast and intensifiers in every split', () => {
    for (const split of [corpus.train, corpus.validation, corpus.test]) {
      for (const tag of ['negation', 'contrast', 'intensifier'] as const)
        expect(split.filter((e) => e[tag]).length).toBeGreaterThan(split.length / 5);
    }
  });

  it('gives a different corpus for a different seed and refuses an odd total', () => {
    expect(makeSentimentCorpus({ seed: 5 }).train.slice(0, 5)).not.toEqual(JSON.parse(committed).train.slice(0, 5));
    expect(() => makeSentimentCorpus({ total: 2001 })).toThrow(/even/);
  });
});

const positive = new Set([...GENERIC_POSITIVE, ...FILM_ADJECTIVES.positive, ...ASPECTS.flatMap((a) => a.positive)]);
const negative = new Set([...GENERIC_NEGATIVE, ...FILM_ADJECTIVES.negative, ...ASPECTS.flatMap((a) => a.negative)]);

describe('the lexicon', () => {
  it('gives every adjective one polarity everywhere', () => {
    expect([...positive].filter((w) => negative.has(w))).toEqual([]);
  });

  it('only negates criticisms it lists as criticisms', () => {
    for (const a of ASPECTS) for (const w of a.negatable) expect(negative.has(w)).toBe(true);
    for (const w of FILM_ADJECTIVES.negatable) expect(negative.has(w)).toBe(true);
  });
});

/** The polarity of one clause read by the rules: its last lexicon adjective, flipped by a negator. */
function clausePolarity(clause: string): number | null {
  const verdict = [...VERDICTS, ...NEGATED_VERDICTS].find((v) => clause === v.text.toLowerCase());
  if (verdict) return verdict.polarity;
  const tokens = basicEnglish(clause);
  const adjectives = tokens.filter((t) => positive.has(t) || negative.has(t));
  if (adjectives.length === 0) return null;
  const neither = tokens.includes('neither');
  // "x and y" and "neither x nor y" coordinate adjectives of one polarity.
  const pols = new Set(adjectives.map((t) => (positive.has(t) ? 1 : -1)));
  if (pols.size !== 1 && !neither) return null;
  const text = ` ${tokens.join(' ')} `;
  const negated = neither || / (not|never|hardly|far from|by no means) |n ' t /.test(text);
  return [...pols][0] * (negated ? -1 : 1);
}

/** The label the composition rules give a generated sentence, or null if it cannot be read. */
function ruleLabel(sentence: string): number | null {
  let s = sentence.toLowerCase().replace(/[.!]$/, '');
  const opener = OPENERS.find((o) => o && s.startsWith(o));
  if (opener) s = s.slice(opener.length);
  const after = [', but in the end ', ', but ', ' but ', ', yet ', '; however, '].find((c) => s.includes(c));
  let verdict = s;
  if (after) verdict = s.slice(s.indexOf(after) + after.length);
  else if (/^(although|though|while|despite) /.test(s)) verdict = s.slice(s.indexOf(', ') + 2);
  else if (/, (although|even though|despite) /.test(s))
    verdict = s.slice(0, s.search(/, (although|even though|despite) /));
  else if (/ and (i|it|the) /.test(s) && !s.includes('neither')) {
    // Two clauses joined by "and" must agree; read both.
    const parts = s.split(/,? and (?=i |it |the )/);
    const pols = new Set(parts.map(clausePolarity));
    return pols.size === 1 ? ([...pols][0] === 1 ? 1 : [...pols][0] === -1 ? 0 : null) : null;
  }
  const p = clausePolarity(verdict);
  return p === null ? null : p > 0 ? 1 : 0;
}

describe('labels follow the composition rules', () => {
  it('reads the examples of the rules as intended', () => {
    expect(ruleLabel('The plot is thin, but the acting is convincing.')).toBe(1);
    expect(ruleLabel('The acting is convincing, but the plot is thin.')).toBe(0);
    expect(ruleLabel('The film is never boring.')).toBe(1);
    expect(ruleLabel("The jokes aren't particularly funny.")).toBe(0);
    expect(ruleLabel('The villain is chilling, although the ending is rushed.')).toBe(1);
    expect(ruleLabel('Despite the gorgeous sets, I was bored stiff.')).toBe(0);
  });

  it('agrees with the label of every generated sentence', () => {
    const generated = all.filter((e) => !e.handwritten);
    const disagreements = generated.filter((e) => ruleLabel(e.text) !== e.label).map((e) => `${e.label} ${e.text}`);
    expect(disagreements).toEqual([]);
    expect(generated.length).toBe(3000 - 172);
  });
});
