// The gradient lab's URL state table: W_hh's spectral radius, the RNN's activation, the sequence length, clipping,
// the gated cells' memory-gate bias and the seed.
import { applyPreset, presetField } from '../../lib/urlPreset';
import { bool, field, int, num, oneOf, urlState } from '../../lib/urlState';
import { MAX_SEQ_LEN, type Activation } from './model';

/** Range of the spectral radius the reader can set. */
export const RHO_MIN = 0.05;
export const RHO_MAX = 2;
/** Range of the clipping threshold τ. */
export const TAU_MIN = 0.001;
export const TAU_MAX = 1e6;
/** Range of the memory-gate bias. */
export const BIAS_MIN = -3;
export const BIAS_MAX = 6;

/** A ready-made experiment: the settings it sets (a chapter's Predict question names it). */
export interface GradientLabPreset {
  id: string;
  label: string;
  state: { rho: number; act: Activation; seqLen: number; clip: boolean };
}

/** The experiments of chapter 5's Predict questions. */
export const GRADIENT_LAB_PRESETS: GradientLabPreset[] = [
  {
    id: 'linear-vanishing',
    label: 'No activation, ρ = 0.8, T = 100',
    state: { rho: 0.8, act: 'linear', seqLen: 100, clip: false },
  },
];

/** State table: `gradient-lab.rho`, `.act`, `.seqLen`, `.clip`, `.tau`, `.bias`, `.seed`, and `.preset`. */
export const gradientLabSpec = {
  rho: field(
    num(RHO_MIN, RHO_MAX),
    0.8,
    `Spectral radius ρ of W_hh (${RHO_MIN}–${RHO_MAX}): a seeded random matrix is rescaled to it`,
  ),
  act: field(oneOf<Activation>(['tanh', 'relu', 'linear']), 'tanh', 'The RNN’s activation: tanh, relu or linear'),
  seqLen: field(int(2, MAX_SEQ_LEN), 50, `Sequence length T (2–${MAX_SEQ_LEN})`),
  clip: field(bool(), false, 'Clip the gradient norm (1) or not (0)'),
  tau: field(num(TAU_MIN, TAU_MAX), 10, `Clipping threshold τ (${TAU_MIN}–${TAU_MAX})`),
  bias: field(
    num(BIAS_MIN, BIAS_MAX),
    1,
    `Bias of the LSTM’s forget gate and the GRU’s update gate (${BIAS_MIN} to ${BIAS_MAX})`,
  ),
  seed: field(int(1, 9999), 1, 'Seed of W_hh’s direction, the other weights and the inputs (1–9999)'),
  preset: presetField(GRADIENT_LAB_PRESETS),
};

/** URL state of the gradient-lab widget. */
export const gradientLabUrl = urlState('gradient-lab', gradientLabSpec, {
  reconcile: (state, given) => applyPreset(state, given, GRADIENT_LAB_PRESETS),
});
