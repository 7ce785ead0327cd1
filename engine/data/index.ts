// The data layer's public surface: tokenizers, vocabularies, batching, the datasets' pure preparation,
// the synthetic tasks, the reader's-data parsers and the bag-of-words baselines. Pure, no DOM, no I/O:
// the bytes come from `scripts/data/datasets.ts` in Node or from `/data/*` in the browser.
export { basicEnglish, getTokenizer, splitWhitespace } from './tokenize';
export type { Tokenizer, TokenizerName } from './tokenize';
export {
  Vocab,
  UNK,
  PAD,
  buildVocabFromIterator,
  buildWordVocab,
  buildCharVocab,
  encodeChars,
  decodeChars,
} from './vocab';
export type { VocabJSON, BuildVocabOptions, WordVocabOptions } from './vocab';
export {
  padSequences,
  collateBatch,
  batchIndices,
  batchTimeMajor,
  batchRows,
  batchify,
  getBatch,
  bpttStarts,
} from './batching';
export type {
  PaddedBatch,
  PadOptions,
  LabelledSequence,
  LabelledBatch,
  BatchIndexOptions,
  NumericArray,
  StreamBatches,
  StreamChunk,
} from './batching';
export { CHAR_ALPHABET, normalizeParagraph, normalizeText, prepareMobyDick, splitText } from './text';
export type { MobyDickPart, TextSplit } from './text';
export {
  prepareBirths,
  encodeBirths,
  decodeBirths,
  splitByYear,
  fitScaler,
  standardize,
  unstandardize,
  weekdayOneHot,
  slidingWindows,
  seasonalNaive,
  seasonalNaiveMae,
  meanAbsoluteError,
} from './timeseries';
export type {
  BirthRecord,
  StdlibBirthRow,
  BirthsFile,
  SeriesSplit,
  Scaler,
  WindowOptions,
  Windows,
} from './timeseries';
export { recallTask, addingTask, parityTask } from './synthetic';
export type { TokenDataset, RealDataset, SyntheticSplit, SplitOptions, RecallOptions } from './synthetic';
export { DataError, MAX_INPUT_BYTES, MAX_EXAMPLES, utf8Length, formatBytes, checkInputSize } from './errors';
export { SENTIMENT_CLASSES, LABEL_SPELLINGS, parseLabel, checkBothClasses } from './sentimentLabels';
export type { SentimentLabel, SentimentExample } from './sentimentLabels';
export { parseCsv, parseSentimentCsv } from './csv';
export type { CsvRecord, SentimentCsvOptions } from './csv';
export { isImdbReviewPath, parseImdbFiles } from './imdb';
export type { TextFile, ImdbReview, ImdbOptions } from './imdb';
export { CORPUS_SPLITS, tagSentence, flagsOf, parseSentimentCorpus } from './sentiment';
export type { SentenceTags, CorpusExample, SentimentCorpus, CorpusRow, SentimentCorpusFile } from './sentiment';
export { trainNaiveBayes, trainLogisticRegression, accuracyBySubset } from './bagOfWords';
export type { TokenizedExample, BagOfWordsModel, LogisticOptions, SubsetAccuracy } from './bagOfWords';
export { corpusBaselines, BASELINE_SUBSETS } from './sentimentBaseline';
export type { BaselineReport } from './sentimentBaseline';
