// The char-model widget's URL state table: the model's settings, the learning rate, and how samples are drawn;
// the one place that says which part of the engine's ranges the widget offers, and why.
import { CELL_TYPES } from '../../../engine/ops/recurrentLayout';
import { CHAR_MODEL_BOUNDS, CHAR_MODEL_DEFAULTS } from '../../../engine/train/tasks/charModelConfig';
import { LIMITS } from '../../../engine/worker/protocol';
import { field, intIn, numIn, oneOf, text, urlState } from '../../lib/urlState';

const B = CHAR_MODEL_BOUNDS;
const D = CHAR_MODEL_DEFAULTS;

/**
 * What the widget offers, each inside the engine's bound (a range outside it throws when this module loads):
 * models a reader's browser trains in a few minutes (at most 256 hidden units, chunks of at most 128
 * characters), learning rates from one that barely moves in 2,000 steps to one that diverges at once, seeds
 * short enough to type, and of the temperatures the worker accepts those whose samples are worth reading.
 */
const RANGES = {
  hidden: intIn(B.hiddenSize, { min: 8, max: 256 }),
  seq: intIn(B.seqLen, { min: 4, max: 128 }),
  lr: numIn(B.learningRate, { min: 0.0001, max: 1 }),
  seed: intIn(B.seed, { min: 0, max: 99999 }),
  temp: numIn(
    { kind: 'number', min: LIMITS.minTemperature, max: LIMITS.maxTemperature },
    { min: 0.1, max: 2, step: 0.1 },
  ),
};

/** The hidden sizes and chunk lengths the form lists (a URL may ask for any other value in range). */
export const HIDDEN_CHOICES = [32, 64, 128, 256] as const;
export const SEQ_CHOICES = [16, 32, 64, 128] as const;

/** Longest priming text the widget accepts (the worker accepts up to LIMITS.maxPrimeLength). */
export const MAX_PRIME = 80;

const { hidden, seq, lr, seed, temp } = RANGES;

/** State table: `char-model.cell`, `.hidden`, `.lr`, `.seq`, `.temp`, `.seed`, `.prime`; the defaults are the engine's. */
export const charModelSpec = {
  cell: field(oneOf(CELL_TYPES), D.cell, `The recurrent cell: rnn (plain tanh RNN), lstm or gru`),
  hidden: field(
    hidden,
    D.hiddenSize,
    `Hidden units h (${hidden.min} to ${hidden.max}); more learns more but each step takes longer`,
  ),
  lr: field(lr, D.learningRate, `Adam learning rate (${lr.min} to ${lr.max}); it can also be changed while training`),
  seq: field(
    seq,
    D.seqLen,
    `Characters per chunk of truncated backpropagation through time (${seq.min} to ${seq.max})`,
  ),
  temp: field(temp, 0.7, `Sampling temperature (${temp.min} to ${temp.max}): low is safe and repetitive, high is wild`),
  seed: field(
    seed,
    D.seed,
    `Random seed for the initial weights, the order of training and the samples (${seed.min} to ${seed.max})`,
  ),
  prime: field(text(MAX_PRIME), 'The whale', `Text the model reads before it writes (up to ${MAX_PRIME} characters)`),
};

/** URL state of the char-model widget. */
export const charModelUrl = urlState('char-model', charModelSpec);
