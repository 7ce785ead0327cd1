// The hand-made lexicon of the sentiment corpus: movie-review aspects with the adjectives critics use
// for them, each adjective with one polarity everywhere, and the negators, intensifiers, downtoners,
// connectives and viewer verdicts the generator composes into sentences.

/** +1 praise, −1 criticism. */
export type Polarity = 1 | -1;

/** Something a review talks about, with the adjectives that fit it. */
export interface Aspect {
  /** Noun phrases for it, e.g. 'the plot', 'the storyline'. */
  nouns: string[];
  /** Whether the noun phrases are plural (are/were) or singular (is/was). */
  plural: boolean;
  /** Praise that fits this aspect. */
  positive: string[];
  /** Criticism that fits this aspect. */
  negative: string[];
  /**
   * The criticisms whose negation reads as praise ("never boring", "not predictable at all"). Other
   * negated criticisms ("not awful") are faint praise at best, so the generator never negates them.
   */
  negatable: string[];
}

/** Praise and criticism that fit any aspect. */
export const GENERIC_POSITIVE = ['good', 'great', 'excellent', 'superb', 'wonderful', 'brilliant'];
export const GENERIC_NEGATIVE = ['bad', 'terrible', 'awful', 'weak', 'poor', 'disappointing'];

/**
 * The aspects. The lists are kept short and shared between aspects on purpose, so that each adjective
 * occurs often enough (dozens of times) for a model trained on 2,000 sentences to learn its polarity.
 */
export const ASPECTS: Aspect[] = [
  {
    nouns: ['the film', 'the movie', 'this film', 'this movie', 'the sequel', 'the remake'],
    plural: false,
    positive: ['entertaining', 'moving', 'gripping', 'charming', 'memorable', 'enjoyable'],
    negative: ['boring', 'dull', 'tedious', 'forgettable', 'predictable', 'slow'],
    negatable: ['boring', 'dull', 'predictable', 'slow', 'bad'],
  },
  {
    nouns: ['the plot', 'the story', 'the storyline'],
    plural: false,
    positive: ['gripping', 'clever', 'original', 'engaging', 'surprising'],
    negative: ['predictable', 'thin', 'confusing', 'silly', 'contrived'],
    negatable: ['predictable', 'confusing', 'silly'],
  },
  {
    nouns: ['the acting', 'the cast', 'the lead performance'],
    plural: false,
    positive: ['convincing', 'natural', 'powerful', 'believable', 'moving'],
    negative: ['wooden', 'stiff', 'unconvincing', 'flat', 'forced'],
    negatable: ['stiff', 'wooden', 'bad'],
  },
  {
    nouns: ['the performances', 'the actors', 'the supporting players'],
    plural: true,
    positive: ['convincing', 'natural', 'powerful', 'believable', 'moving'],
    negative: ['wooden', 'stiff', 'unconvincing', 'flat', 'forced'],
    negatable: ['stiff', 'wooden', 'bad'],
  },
  {
    nouns: ['the soundtrack', 'the score', 'the music'],
    plural: false,
    positive: ['haunting', 'memorable', 'beautiful', 'catchy', 'moving'],
    negative: ['forgettable', 'intrusive', 'repetitive', 'bland', 'grating'],
    negatable: ['forgettable', 'intrusive', 'repetitive'],
  },
  {
    nouns: ['the pacing', 'the editing'],
    plural: false,
    positive: ['brisk', 'tight', 'crisp', 'assured'],
    negative: ['slow', 'sluggish', 'uneven', 'choppy', 'messy'],
    negatable: ['slow', 'sluggish', 'uneven', 'choppy'],
  },
  {
    nouns: ['the dialogue', 'the writing'],
    plural: false,
    positive: ['witty', 'sharp', 'natural', 'clever', 'funny'],
    negative: ['clunky', 'stilted', 'cheesy', 'awkward', 'dull'],
    negatable: ['clunky', 'cheesy', 'dull'],
  },
  {
    nouns: ['the ending', 'the finale', 'the final act'],
    plural: false,
    positive: ['satisfying', 'moving', 'powerful', 'surprising', 'clever'],
    negative: ['rushed', 'predictable', 'flat', 'silly', 'messy'],
    negatable: ['predictable', 'rushed', 'silly'],
  },
  {
    nouns: ['the cinematography', 'the camera work', 'the photography'],
    plural: false,
    positive: ['stunning', 'gorgeous', 'beautiful', 'striking'],
    negative: ['drab', 'murky', 'flat', 'ugly', 'dull'],
    negatable: ['dull', 'drab'],
  },
  {
    nouns: ['the special effects', 'the visuals', 'the action scenes'],
    plural: true,
    positive: ['impressive', 'stunning', 'convincing', 'spectacular'],
    negative: ['cheap', 'cheesy', 'dated', 'unconvincing', 'messy'],
    negatable: ['cheap', 'dated', 'cheesy'],
  },
  {
    nouns: ['the characters', 'the heroes'],
    plural: true,
    positive: ['likeable', 'believable', 'memorable', 'complex'],
    negative: ['flat', 'one-dimensional', 'annoying', 'forgettable', 'thin'],
    negatable: ['annoying', 'one-dimensional', 'forgettable'],
  },
  {
    nouns: ['the jokes', 'the gags'],
    plural: true,
    positive: ['funny', 'hilarious', 'clever', 'sharp', 'witty'],
    negative: ['lame', 'stale', 'flat', 'crude', 'tired'],
    negatable: ['crude', 'stale', 'tired'],
  },
  {
    nouns: ['the humor', 'the comedy'],
    plural: false,
    positive: ['funny', 'hilarious', 'clever', 'sharp', 'witty'],
    negative: ['lame', 'stale', 'flat', 'crude', 'tired'],
    negatable: ['crude', 'stale', 'tired'],
  },
  {
    nouns: ['the script', 'the screenplay'],
    plural: false,
    positive: ['smart', 'clever', 'tight', 'sharp', 'witty'],
    negative: ['lazy', 'sloppy', 'clumsy', 'messy', 'thin'],
    negatable: ['lazy', 'clumsy'],
  },
  {
    nouns: ['the direction'],
    plural: false,
    positive: ['assured', 'confident', 'stylish', 'inventive'],
    negative: ['clumsy', 'heavy-handed', 'flat', 'sloppy', 'uninspired'],
    negatable: ['clumsy', 'heavy-handed'],
  },
  {
    nouns: ['the villain'],
    plural: false,
    positive: ['menacing', 'memorable', 'chilling'],
    negative: ['cartoonish', 'forgettable', 'bland', 'silly'],
    negatable: ['cartoonish', 'silly'],
  },
  {
    nouns: ['the twist'],
    plural: false,
    positive: ['clever', 'surprising', 'shocking', 'satisfying'],
    negative: ['predictable', 'obvious', 'silly', 'cheap'],
    negatable: ['predictable', 'obvious'],
  },
  {
    nouns: ['the romance', 'the love story'],
    plural: false,
    positive: ['sweet', 'touching', 'believable', 'charming'],
    negative: ['forced', 'unconvincing', 'cheesy', 'bland'],
    negatable: ['cheesy', 'forced'],
  },
  {
    nouns: ['the first half', 'the second act', 'the opening'],
    plural: false,
    positive: ['gripping', 'tense', 'exciting', 'engaging'],
    negative: ['slow', 'tedious', 'messy', 'dull'],
    negatable: ['slow', 'dull', 'tedious'],
  },
  {
    nouns: ['the costumes', 'the sets'],
    plural: true,
    positive: ['gorgeous', 'stunning', 'beautiful', 'detailed'],
    negative: ['cheap', 'drab', 'tacky', 'shabby'],
    negatable: ['cheap', 'tacky'],
  },
];

/** Genres and nouns for attributive fragments such as "a gripping thriller". */
export const FILM_NOUNS = [
  'film',
  'movie',
  'thriller',
  'comedy',
  'drama',
  'horror film',
  'romance',
  'sequel',
  'documentary',
  'western',
  'musical',
  'mystery',
];

/** Whole-film adjectives for attributive fragments. */
export const FILM_ADJECTIVES = {
  positive: [
    'entertaining',
    'moving',
    'gripping',
    'charming',
    'memorable',
    'enjoyable',
    'clever',
    'great',
    'excellent',
    'superb',
    'wonderful',
    'brilliant',
  ],
  negative: [
    'boring',
    'dull',
    'tedious',
    'forgettable',
    'predictable',
    'silly',
    'bad',
    'terrible',
    'awful',
    'weak',
    'disappointing',
  ],
  /** "not a bad film at all", "by no means a dull movie" read as praise. */
  negatable: ['bad', 'boring', 'dull', 'predictable'],
};

/** Intensifiers: keep the polarity, strengthen it. */
export const INTENSIFIERS = [
  'very',
  'really',
  'extremely',
  'incredibly',
  'truly',
  'remarkably',
  'genuinely',
  'thoroughly',
  'so',
];
/** Downtoners that sit naturally before criticism ("a bit slow"): keep the polarity, weaken it. */
export const DOWNTONERS_NEGATIVE = ['a bit', 'a little', 'slightly', 'somewhat', 'rather'];
/** Downtoners that sit naturally before praise ("fairly clever"). */
export const DOWNTONERS_POSITIVE = ['fairly', 'quite', 'pretty', 'reasonably', 'rather'];

/** Copulas in [singular, plural] form: [affirmative], [negated]. Negated forms flip the polarity of what follows. */
export const COPULAS: { affirmative: [string, string][]; negated: [string, string][] } = {
  affirmative: [
    ['is', 'are'],
    ['was', 'were'],
    ['feels', 'feel'],
    ['felt', 'felt'],
    ['seems', 'seem'],
  ],
  negated: [
    ['is not', 'are not'],
    ["isn't", "aren't"],
    ['was not', 'were not'],
    ["wasn't", "weren't"],
    ['is never', 'are never'],
    ['never feels', 'never feel'],
    ['does not feel', 'do not feel'],
    ["doesn't seem", "don't seem"],
    ['is hardly', 'are hardly'],
    ['is far from', 'are far from'],
  ],
};

/** A clause whose subject is the viewer: its polarity is fixed, and some are negated. */
export interface Verdict {
  text: string;
  polarity: Polarity;
}

/** Viewer verdicts without negation. */
export const VERDICTS: Verdict[] = [
  { text: 'I loved it', polarity: 1 },
  { text: 'I really enjoyed it', polarity: 1 },
  { text: 'I would happily watch it again', polarity: 1 },
  { text: 'I was hooked from start to finish', polarity: 1 },
  { text: 'it kept me on the edge of my seat', polarity: 1 },
  { text: 'it is worth every minute', polarity: 1 },
  { text: 'I highly recommend it', polarity: 1 },
  { text: 'it is a must-see', polarity: 1 },
  { text: 'I was moved to tears', polarity: 1 },
  { text: 'the whole audience applauded', polarity: 1 },
  { text: 'I hated it', polarity: -1 },
  { text: 'I was bored stiff', polarity: -1 },
  { text: 'I nearly fell asleep', polarity: -1 },
  { text: 'it is a waste of time', polarity: -1 },
  { text: 'I want my money back', polarity: -1 },
  { text: 'I regret watching it', polarity: -1 },
  { text: 'I walked out halfway through', polarity: -1 },
  { text: 'it is a chore to sit through', polarity: -1 },
  { text: 'I could hardly wait for it to end', polarity: -1 },
  { text: 'I kept checking my watch', polarity: -1 },
];

/** Viewer verdicts with a negation: the polarity is that of the whole clause. */
export const NEGATED_VERDICTS: Verdict[] = [
  { text: 'I did not enjoy it', polarity: -1 },
  { text: "I didn't like it", polarity: -1 },
  { text: 'I would not recommend it', polarity: -1 },
  { text: "I can't recommend it", polarity: -1 },
  { text: 'I was not impressed', polarity: -1 },
  { text: 'I was not entertained', polarity: -1 },
  { text: 'it is not worth your time', polarity: -1 },
  { text: "I won't be watching it again", polarity: -1 },
  { text: 'I was never bored', polarity: 1 },
  { text: 'I did not regret a minute of it', polarity: 1 },
  { text: 'I could not look away', polarity: 1 },
  { text: 'it is not a waste of time', polarity: 1 },
  { text: 'I never once checked my watch', polarity: 1 },
  { text: 'I was not disappointed', polarity: 1 },
  { text: "I couldn't stop smiling", polarity: 1 },
  { text: 'I did not want it to end', polarity: 1 },
];

/**
 * Contrast connectives and where the verdict sits. `after`: "A but B" is judged by B. `main-first`:
 * "B, although A" is judged by its main clause B, which comes first. `subordinate-first`:
 * "although A, B" is judged by B.
 */
export const CONTRASTS: { pattern: string; verdict: 'after' | 'main-first' | 'subordinate-first' }[] = [
  { pattern: '{a}, but {b}', verdict: 'after' },
  { pattern: '{a} but {b}', verdict: 'after' },
  { pattern: '{a}, yet {b}', verdict: 'after' },
  { pattern: '{a}; however, {b}', verdict: 'after' },
  { pattern: '{a}, but in the end {b}', verdict: 'after' },
  { pattern: 'although {a}, {b}', verdict: 'subordinate-first' },
  { pattern: 'though {a}, {b}', verdict: 'subordinate-first' },
  { pattern: 'while {a}, {b}', verdict: 'subordinate-first' },
  { pattern: '{b}, although {a}', verdict: 'main-first' },
  { pattern: '{b}, even though {a}', verdict: 'main-first' },
];

/** Openers that change nothing about the verdict. */
export const OPENERS = ['', '', '', '', 'overall, ', 'honestly, ', 'in the end, ', 'frankly, ', 'all in all, '];
