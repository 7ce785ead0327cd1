// Reading progress kept in localStorage: which chapters the reader has finished and where they were last.

const STORAGE_KEY = 'unrolled:progress';

/** What is stored: finished chapter slugs and the slug of the chapter read last. */
export interface Progress {
  finished: string[];
  last: string | null;
}

/** Parse stored progress, tolerating a missing, old or corrupted value (it then counts as empty). */
export function parseProgress(raw: string | null): Progress {
  try {
    const value: unknown = raw ? JSON.parse(raw) : null;
    if (value && typeof value === 'object') {
      const { finished, last } = value as Record<string, unknown>;
      return {
        finished: Array.isArray(finished) ? finished.filter((s): s is string => typeof s === 'string') : [],
        last: typeof last === 'string' ? last : null,
      };
    }
  } catch {
    // fall through to empty progress
  }
  return { finished: [], last: null };
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
