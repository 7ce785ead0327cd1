// The char-model widget's URL state table: the model's settings, the learning rate, and how samples are drawn.
import { field, int, num, oneOf, text, urlState } from '../../lib/urlState';

/** Cell types, in the order the widget offers them. */
export const CELLS = ['rnn', 'lstm', 'gru'] as const;

/** Longest priming text the widget accepts. */
export const MAX_PRIME = 80;

/** State table: `char-model.cell`, `.hidden`, `.lr`, `.seq`, `.temp`, `.seed`, `.prime`. */
export const charModelSpec = {
  cell: field(oneOf(CELLS), 'gru', 'The recurrent cell: rnn (plain tanh RNN), lstm or gru'),
  hidden: field(int(8, 256), 128, 'Hidden units h (8 to 256); more learns more but each step takes longer'),
  lr: field(num(0.0001, 1), 0.003, 'Adam learning rate (0.0001 to 1); it can also be changed while training'),
  seq: field(int(4, 128), 32, 'Characters per chunk of truncated backpropagation through time (4 to 128)'),
  temp: field(num(0.1, 2), 0.7, 'Sampling temperature (0.1 to 2): low is safe and repetitive, high is wild'),
  seed: field(
    int(0, 99999),
    1,
    'Random seed for the initial weights, the order of training and the samples (0 to 99999)',
  ),
  prime: field(text(MAX_PRIME), 'The whale', `Text the model reads before it writes (up to ${MAX_PRIME} characters)`),
};

/** URL state of the char-model widget. */
export const charModelUrl = urlState('char-model', charModelSpec);
