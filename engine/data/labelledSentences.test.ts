// The committed UCI sentences are the files the project was given (checksums from their README), read as 500 + 500 per
// source, split 800/100/100 exactly as Python's random.Random(0) splits them, and refused line by line when malformed.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { torchPython } from '../../scripts/torch/python';
import { LABELLED_DIR, labelledSentencesBundle, loadLabelledSentences } from '../../scripts/data/datasets';
import {
  isLabelledBundle,
  LABELLED_FILES,
  LABELLED_SOURCES,
  parseLabelledBundle,
  parseLabelledSentences,
  splitExamples,
} from './labelledSentences';

/** sha256 of each file, as its README lists them (and the copy in ../shared/data the project was given). */
const SHA256: Record<string, string> = {
  'amazon_cells_labelled.txt': '47003fc0a0d4840b00e96e715b6189bad09e7443a3da41c4cbe12ffc79f86ae3',
  'imdb_labelled.txt': '84d4e8b9eb538b20beac863f9bb907f3bfff1b1bdc5767c91fdaf8bc188176fa',
  'yelp_labelled.txt': 'd7a11d89bd6240b30ef787999b9e93a6449e067eb151920987ceb20032405d31',
};

const readme = readFileSync(new URL('README.md', LABELLED_DIR), 'utf8');

describe('the committed sentence files', () => {
  it.each(Object.entries(SHA256))('%s has the checksum its README gives', (file, sha) => {
    const bytes = readFileSync(new URL(file, LABELLED_DIR));
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(sha);
    expect(readme).toContain(sha);
  });

  it('hold 500 positive and 500 negative sentences per source', () => {
    const sources = loadLabelledSentences();
    for (const source of LABELLED_SOURCES) {
      const labels = sources[source].map((e) => e.label);
      expect(labels.length).toBe(1000);
      expect(labels.filter((l) => l === 1).length).toBe(500);
    }
    expect(sources.imdb[0]).toEqual({
      text: 'A very, very, very slow-moving, aimless movie about a distressed, drifting young man.  ',
      label: 0,
    });
  });

  it('round-trip through the served bundle', () => {
    const bundle = JSON.parse(JSON.stringify(labelledSentencesBundle())) as unknown;
    expect(isLabelledBundle(bundle)).toBe(true);
    expect(parseLabelledBundle(bundle)).toEqual(loadLabelledSentences());
    expect(() => parseLabelledBundle({ files: { imdb: '' } })).toThrow(/imdb, amazon, yelp/);
  });
});

describe('splitExamples', () => {
  it('cuts 1,000 sentences 800/100/100 with every sentence once, the same way every time', () => {
    const { imdb } = loadLabelledSentences();
    const split = splitExamples(imdb);
    expect([split.train.length, split.validation.length, split.test.length]).toEqual([800, 100, 100]);
    expect(new Set([...split.train, ...split.validation, ...split.test]).size).toBe(1000);
    expect(splitExamples(imdb)).toEqual(split);
    expect(splitExamples(imdb, 1).test).not.toEqual(split.test);
  });

  it('gives the held-out splits the whole-number part of their shares and the rest to training', () => {
    const xs = Array.from({ length: 29 }, (_, i) => i);
    const split = splitExamples(xs, 0, { validation: 0.15, test: 0.15 });
    expect([split.train.length, split.validation.length, split.test.length]).toEqual([21, 4, 4]);
  });

  const python = torchPython();
  it.skipIf(python === null)('splits each file exactly as the PyTorch script does', () => {
    const scripts = fileURLToPath(new URL('../../scripts/torch/', import.meta.url));
    // One Python for the three files: importing torch is most of the time.
    const code = [
      'import json, sys',
      `sys.path.insert(0, ${JSON.stringify(scripts)})`,
      'from sentiment_rnn import load_sentences, split',
      'out = []',
      'for path in sys.argv[1:]:',
      '    train, valid, test = split(load_sentences(path))',
      '    out.append({k: [t for t, _ in v] for k, v in (("train", train), ("valid", valid), ("test", test))})',
      'print(json.dumps(out))',
    ].join('\n');
    const paths = LABELLED_SOURCES.map((source) => fileURLToPath(new URL(LABELLED_FILES[source], LABELLED_DIR)));
    const run = spawnSync(python!, ['-c', code, ...paths], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const fromPython = JSON.parse(run.stdout) as { train: string[]; valid: string[]; test: string[] }[];
    LABELLED_SOURCES.forEach((source, i) => {
      const split = splitExamples(loadLabelledSentences()[source]);
      expect(fromPython[i].train).toEqual(split.train.map((e) => e.text));
      expect(fromPython[i].valid).toEqual(split.validation.map((e) => e.text));
      expect(fromPython[i].test).toEqual(split.test.map((e) => e.text));
    });
  });
});

describe('parseLabelledSentences', () => {
  it('reads sentence<TAB>label lines, skipping blank ones, keeping a tab inside the sentence', () => {
    expect(parseLabelledSentences('Great.\t1\n\nAwful\tfilm.\t0\n')).toEqual([
      { text: 'Great.', label: 1 },
      { text: 'Awful\tfilm.', label: 0 },
    ]);
  });

  it('names the line of a sentence without a label or with a label other than 0 or 1', () => {
    expect(() => parseLabelledSentences('Fine.\t1\nNo tab here\n', 'x.txt')).toThrow(
      'x.txt, line 2: expected a sentence, a tab',
    );
    expect(() => parseLabelledSentences('Fine.\tpos\n', 'x.txt')).toThrow(
      'line 1: the label after the tab must be 0 or 1, got "pos"',
    );
  });
});
