// Tests for the aclImdb reader on the small fixture tree in fixtures/aclImdb: which files count as
// reviews, labels, splits and ratings from the path, and the refusals, each naming the file.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DataError } from './errors';
import { isImdbReviewPath, parseImdbFiles, type TextFile } from './imdb';

const root = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** Every file under fixtures/aclImdb with a path relative to fixtures/, like a folder picker's webkitRelativePath. */
function readTree(dir: string): TextFile[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory()
      ? readTree(full)
      : [{ path: relative(root, full), text: readFileSync(full, 'utf8') }];
  });
}

describe('isImdbReviewPath', () => {
  it('accepts .txt files in pos/neg folders only', () => {
    expect(isImdbReviewPath('aclImdb/train/pos/0_9.txt')).toBe(true);
    expect(isImdbReviewPath('neg\\12_3.txt')).toBe(true);
    expect(isImdbReviewPath('aclImdb/train/unsup/4_0.txt')).toBe(false);
    expect(isImdbReviewPath('aclImdb/train/urls_pos.txt')).toBe(false);
    expect(isImdbReviewPath('aclImdb/imdb.vocab')).toBe(false);
    expect(isImdbReviewPath('0_9.txt')).toBe(false);
  });
});

describe('parseImdbFiles', () => {
  it('reads the fixture tree: four reviews, labelled by folder, with split and rating', () => {
    const files = readTree(join(root, 'aclImdb'));
    expect(files.length).toBe(7);
    const reviews = parseImdbFiles(files).sort((a, b) => a.path.localeCompare(b.path));
    expect(reviews.map((r) => [r.path, r.label, r.split, r.rating])).toEqual([
      ['aclImdb/test/neg/3_1.txt', 0, 'test', 1],
      ['aclImdb/test/pos/2_8.txt', 1, 'test', 8],
      ['aclImdb/train/neg/1_2.txt', 0, 'train', 2],
      ['aclImdb/train/pos/0_9.txt', 1, 'train', 9],
    ]);
    expect(reviews[3].text).toContain('<br /><br />');
  });

  it('accepts pos/neg folders without a split and names without a rating', () => {
    const r = parseImdbFiles([
      { path: 'mine/pos/great.txt', text: 'Great.' },
      { path: 'mine/neg/awful.txt', text: 'Awful.' },
    ]);
    expect(r.map((x) => [x.label, x.split, x.rating])).toEqual([
      [1, null, null],
      [0, null, null],
    ]);
  });

  const bad: [string, TextFile[], RegExp][] = [
    [
      'no reviews',
      [{ path: 'aclImdb/README', text: 'x' }],
      /^no reviews found among 1 file: expected .txt files in folders named pos and neg/,
    ],
    [
      'an empty review',
      [
        { path: 'a/pos/1_8.txt', text: ' \n' },
        { path: 'a/neg/2_1.txt', text: 'bad' },
      ],
      /^a\/pos\/1_8\.txt: the review is empty/,
    ],
    [
      'a misfiled rating',
      [
        { path: 'a/neg/1_9.txt', text: 'great' },
        { path: 'a/pos/2_8.txt', text: 'good' },
      ],
      /^a\/neg\/1_9\.txt: a review rated 9\/10 is in the neg folder/,
    ],
    ['a single class', [{ path: 'a/pos/1_8.txt', text: 'good' }], /all 1 reviews are labelled positive/],
  ];
  for (const [what, files, message] of bad) {
    it(`refuses ${what} with a DataError`, () => {
      expect(() => parseImdbFiles(files)).toThrow(DataError);
      expect(() => parseImdbFiles(files)).toThrow(message);
    });
  }

  it('refuses too many reviews or too many bytes', () => {
    const files = readTree(join(root, 'aclImdb'));
    expect(() => parseImdbFiles(files, { maxExamples: 3 })).toThrow(/4 reviews is more than the limit of 3/);
    expect(() => parseImdbFiles(files, { maxBytes: 200 })).toThrow(/more than the 200 bytes limit/);
  });
});
