// The reader's own IMDb data: review files of the Large Movie Review Dataset (`aclImdb`, Maas et al. 2011)
// chosen from disk, labelled by their folder (`pos`/`neg`), with the split and rating read from the path.
import { checkInputSize, DataError, MAX_EXAMPLES, utf8Length } from './errors';
import { checkBothClasses, type SentimentExample, type SentimentLabel } from './sentimentLabels';

/** A file as the page reads it: its relative path (e.g. `webkitRelativePath`) and its text. */
export interface TextFile {
  path: string;
  text: string;
}

/** One labelled review. */
export interface ImdbReview extends SentimentExample {
  /** 'train' or 'test' when the path has that folder above pos/neg, else null. */
  split: 'train' | 'test' | null;
  /** The star rating from a file name like `123_9.txt` (1–4 negative, 7–10 positive), else null. */
  rating: number | null;
  path: string;
}

const FOLDER_LABEL: Readonly<Record<string, SentimentLabel>> = { pos: 1, neg: 0 };

/**
 * Whether a path is a labelled review: a `.txt` file directly inside a folder named `pos` or `neg`
 * (so `train/unsup/`, `imdb.vocab`, `urls_pos.txt` and `README` are not). Lets the page skip
 * reading the other files of a chosen folder.
 */
export function isImdbReviewPath(path: string): boolean {
  const parts = path.split(/[\\/]/);
  return (
    parts.length >= 2 &&
    parts[parts.length - 1].toLowerCase().endsWith('.txt') &&
    parts[parts.length - 2] in FOLDER_LABEL
  );
}

/** Options of `parseImdbFiles`. */
export interface ImdbOptions {
  /** Most reviews accepted (default `MAX_EXAMPLES`). */
  maxExamples?: number;
  /** Largest total size of the reviews in bytes (default `MAX_INPUT_BYTES`). */
  maxBytes?: number;
}

/**
 * Reads aclImdb review files: keeps the files `isImdbReviewPath` accepts and labels each by its folder.
 * Refuses, naming the file where there is one: a set with no reviews, an empty review, a rating on
 * the wrong side (a `neg` file rated 9), too many reviews or too many bytes, and a single class.
 * All of aclImdb's `train` folder (25,000 reviews, 33 MB) is over the size limit: choose a part of it.
 */
export function parseImdbFiles(files: readonly TextFile[], options: ImdbOptions = {}): ImdbReview[] {
  const { maxExamples = MAX_EXAMPLES, maxBytes } = options;
  const reviews = files.filter((f) => isImdbReviewPath(f.path));
  if (reviews.length === 0) {
    throw new DataError(
      `no reviews found among ${files.length} file${files.length === 1 ? '' : 's'}: expected .txt files in ` +
        `folders named pos and neg, such as aclImdb/train/pos/0_9.txt`,
    );
  }
  if (reviews.length > maxExamples)
    throw new DataError(`${reviews.length} reviews is more than the limit of ${maxExamples}; choose fewer files`);
  checkInputSize(
    reviews.reduce((n, f) => n + utf8Length(f.text), 0),
    undefined,
    maxBytes,
  );
  const out = reviews.map(({ path, text }): ImdbReview => {
    const parts = path.split(/[\\/]/);
    const label = FOLDER_LABEL[parts[parts.length - 2]];
    const above = parts[parts.length - 3];
    const m = /^\d+_(\d+)\.txt$/i.exec(parts[parts.length - 1]);
    const rating = m ? Number(m[1]) : null;
    if (text.trim() === '') throw new DataError('the review is empty', { file: path });
    // aclImdb keeps ratings 1–4 in neg and 7–10 in pos; a file on the wrong side was moved by mistake.
    if (rating !== null && (label === 1 ? rating < 5 : rating > 6)) {
      throw new DataError(
        `a review rated ${rating}/10 is in the ${label === 1 ? 'pos' : 'neg'} folder; aclImdb keeps 1–4 in neg and 7–10 in pos`,
        { file: path },
      );
    }
    return { text, label, split: above === 'train' || above === 'test' ? above : null, rating, path };
  });
  checkBothClasses(out);
  return out;
}
