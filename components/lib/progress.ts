// Reading progress kept in localStorage: which chapters the reader has finished, where they were last, and the answers
// they committed to the chapters' predict-then-run questions (with what the run showed, once revealed).

const STORAGE_KEY = 'unrolled:progress';

/** What a run or a widget showed for a question: the choice it supports (or the number it measured) and a sentence. */
export interface PredictResult {
  choice: number | null;
  value: number | null;
  summary: string;
}

/** A committed answer to a predict-then-run question: a choice's index or a number, and the result once revealed. */
export interface StoredAnswer {
  choice: number | null;
  value: number | null;
  /** Milliseconds since the epoch when the reader committed. */
  at: number;
  result: PredictResult | null;
}

/** What is stored: finished chapter slugs, the slug of the chapter read last, and answers by chapter and question id. */
export interface Progress {
  finished: string[];
  last: string | null;
  answers: Record<string, Record<string, StoredAnswer>>;
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const numOrNull = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);

function parseResult(x: unknown): PredictResult | null {
  if (!isRecord(x) || typeof x.summary !== 'string') return null;
  return { choice: numOrNull(x.choice), value: numOrNull(x.value), summary: x.summary };
}

/** Answers as stored, keeping only well-formed ones (a choice or a value, and a time). */
function parseAnswers(x: unknown): Progress['answers'] {
  const out: Progress['answers'] = {};
  if (!isRecord(x)) return out;
  for (const [chapter, byId] of Object.entries(x)) {
    if (!isRecord(byId)) continue;
    for (const [id, a] of Object.entries(byId)) {
      if (!isRecord(a)) continue;
      const choice = numOrNull(a.choice);
      const value = numOrNull(a.value);
      if (choice === null && value === null) continue;
      (out[chapter] ??= {})[id] = { choice, value, at: numOrNull(a.at) ?? 0, result: parseResult(a.result) };
    }
  }
  return out;
}

/** Parse stored progress, tolerating a missing, old or corrupted value (it then counts as empty). */
export function parseProgress(raw: string | null): Progress {
  try {
    const value: unknown = raw ? JSON.parse(raw) : null;
    if (value && typeof value === 'object') {
      const { finished, last, answers } = value as Record<string, unknown>;
      return {
        finished: Array.isArray(finished) ? finished.filter((s): s is string => typeof s === 'string') : [],
        last: typeof last === 'string' ? last : null,
        answers: parseAnswers(answers),
      };
    }
  } catch {
    // fall through to empty progress
  }
  return { finished: [], last: null, answers: {} };
}

/** Read the reader's progress (empty when storage is unavailable). */
export function loadProgress(): Progress {
  try {
    return parseProgress(localStorage.getItem(STORAGE_KEY));
  } catch {
    return parseProgress(null);
  }
}

function save(progress: Progress): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(progress));
  } catch {
    // Storage blocked: progress lasts for this page only.
  }
}

/** Mark a chapter finished or not; returns the new progress. */
export function setFinished(slug: string, finished: boolean): Progress {
  const progress = loadProgress();
  const others = progress.finished.filter((s) => s !== slug);
  const next = { ...progress, finished: finished ? [...others, slug] : others };
  save(next);
  return next;
}

/** Remember the chapter being read, for "continue where you left off". */
export function setLastVisited(slug: string): void {
  save({ ...loadProgress(), last: slug });
}

/** The reader's committed answer to question `id` of chapter `chapter`, or null. */
export function loadAnswer(chapter: string, id: string): StoredAnswer | null {
  return loadProgress().answers[chapter]?.[id] ?? null;
}

/** Keep a committed answer (replacing an earlier one, and its result) with the chapter's progress. */
export function saveAnswer(chapter: string, id: string, answer: { choice: number | null; value: number | null }): void {
  const progress = loadProgress();
  (progress.answers[chapter] ??= {})[id] = { ...answer, at: Date.now(), result: null };
  save(progress);
}

/** Keep what the run showed beside the committed answer. */
export function saveResult(chapter: string, id: string, result: PredictResult): void {
  const progress = loadProgress();
  const answer = progress.answers[chapter]?.[id];
  if (!answer) return;
  answer.result = result;
  save(progress);
}

/** Forget an answer (the reader asks to try the question again). */
export function clearAnswer(chapter: string, id: string): void {
  const progress = loadProgress();
  if (progress.answers[chapter]) delete progress.answers[chapter][id];
  save(progress);
}
