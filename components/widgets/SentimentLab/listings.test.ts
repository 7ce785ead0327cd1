// The lab's two listings are the files themselves: at the lab's defaults unchanged, their settings blocks say what
// SENTIMENT_LAB_DEFAULTS says, and each setting the reader changes rewrites exactly its own line in each.
import { describe, expect, it } from 'vitest';
import { SENTIMENT_LAB_DEFAULTS } from '../../../engine/train/tasks/sentimentConfig';
import { SETTINGS } from '../../../engine/train/tasks/sentimentRnn';
import { engineListing, formatLr, LISTING_SOURCES, pythonListing, type ListingSettings } from './listings';

const D = SENTIMENT_LAB_DEFAULTS;
const defaults: ListingSettings = {
  cell: D.cell,
  embed: D.embeddingDim,
  hidden: D.hiddenSize,
  epochs: D.epochs,
  lr: D.learningRate,
  seed: D.seed,
  data: 'imdb',
  testData: null,
};

/** The settings block of the PyTorch script, `NAME = value` per line. */
function pythonSettings(): Record<string, string> {
  const block = LISTING_SOURCES.python.split('# Settings')[1].split('\n\n')[0];
  return Object.fromEntries([...block.matchAll(/^([A-Z_]+) = ([^#\n]+?)\s*(#.*)?$/gm)].map((m) => [m[1], m[2]]));
}

describe('the sentiment lab listings', () => {
  it('are the files, unchanged, at the lab’s defaults', () => {
    for (const [listing, source] of [
      [pythonListing(defaults), LISTING_SOURCES.python],
      [engineListing(defaults), LISTING_SOURCES.engine],
    ] as const) {
      expect(listing.lines.join('\n')).toBe(source.replace(/\n$/, ''));
      expect(listing.changed.size).toBe(0);
    }
  });

  it('start from the settings the lab runs by default, in both languages', () => {
    expect(SETTINGS).toEqual({
      cell: D.cell,
      embedDim: D.embeddingDim,
      hiddenDim: D.hiddenSize,
      epochs: D.epochs,
      lr: D.learningRate,
      batchSize: D.batchSize,
      seed: D.seed,
      maxLen: D.maxLen,
    });
    expect(pythonSettings()).toMatchObject({
      DATA: '"imdb_labelled.txt"',
      TEST_DATA: 'None',
      CELL: `"${D.cell}"`,
      EMBED_DIM: String(D.embeddingDim),
      HIDDEN_DIM: String(D.hiddenSize),
      EPOCHS: String(D.epochs),
      LR: formatLr(D.learningRate),
      BATCH_SIZE: String(D.batchSize),
      SEED: String(D.seed),
      SPLIT_SEED: String(D.splitSeed),
      MAX_LEN: String(D.maxLen),
    });
  });

  it.each([
    [
      'cell',
      { cell: 'gru' },
      'CELL = "gru"                # "rnn", "gru" or "lstm"',
      "  cell: 'gru', // 'rnn', 'gru' or 'lstm'",
    ],
    ['embed', { embed: 32 }, 'EMBED_DIM = 32', '  embedDim: 32,'],
    ['hidden', { hidden: 64 }, 'HIDDEN_DIM = 64', '  hiddenDim: 64,'],
    ['epochs', { epochs: 3 }, 'EPOCHS = 3', '  epochs: 3,'],
    ['lr', { lr: 0.003 }, 'LR = 3e-3', '  lr: 3e-3,'],
    [
      'seed',
      { seed: 7 },
      'SEED = 7                    # initial weights and batch order',
      '  seed: 7, // initial weights and batch order',
    ],
  ] as const)('rewrites exactly the %s line of each', (_, patch, pythonLine, engineLine) => {
    const python = pythonListing({ ...defaults, ...patch });
    const engine = engineListing({ ...defaults, ...patch });
    expect([...python.changed].map((i) => python.lines[i])).toEqual([pythonLine]);
    expect([...engine.changed].map((i) => engine.lines[i])).toEqual([engineLine]);
  });

  it('names the data files in the PyTorch script, which the engine’s listing takes from the lab', () => {
    const crossed = pythonListing({ ...defaults, data: 'yelp', testData: 'amazon' });
    expect([...crossed.changed].map((i) => crossed.lines[i])).toEqual([
      'DATA = "yelp_labelled.txt"  # or amazon_cells_labelled.txt, yelp_labelled.txt',
      'TEST_DATA = "amazon_cells_labelled.txt"            # another of the three files to test on: train on one, test on another',
    ]);
    expect(engineListing({ ...defaults, data: 'yelp' }).changed.size).toBe(0);
  });

  it('writes learning rates as both languages read them', () => {
    expect([0.001, 0.003, 0.00025, 0.01, 0.05, 0.1].map(formatLr)).toEqual([
      '1e-3',
      '3e-3',
      '2.5e-4',
      '0.01',
      '0.05',
      '0.1',
    ]);
    for (const lr of [0.001, 0.003, 0.00025, 0.0001]) expect(Number(formatLr(lr))).toBeCloseTo(lr, 12);
  });
});
