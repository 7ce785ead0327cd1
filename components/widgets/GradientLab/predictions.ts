// What the gradient lab's experiments show, for chapter 5's Predict questions: the engine's gradients, as the lab
// computes them (seed 1, the lab's defaults for what the experiment leaves unset).
import type { PredictResult } from '../../lib/predict';
import { describeTrend, trendOf } from './chartData';
import { runLab } from './model';
import { GRADIENT_LAB_PRESETS, gradientLabSpec } from './state';

/** The choices of the question "how much of the gradient at T reaches t = 1?", and the power of ten each stands for. */
export const VANISHING_CHOICES = ['About 0.8: a little less', 'About 10⁻³', 'About 10⁻¹²', 'About 10⁻⁴⁰'];
const CHOICE_EXPONENTS = [Math.log10(0.8), -3, -12, -40];

/** The plain RNN's ‖∂L/∂h_t‖ for t = 1..T in the experiment `id`, or null. */
export function rnnGradients(id: string): Float64Array | null {
  const preset = GRADIENT_LAB_PRESETS.find((p) => p.id === id);
  if (!preset) return null;
  const { rho, act, seqLen } = preset.state;
  const result = runLab({
    rho,
    activation: act,
    seqLen,
    seed: gradientLabSpec.seed.default,
    gateBias: gradientLabSpec.bias.default,
  });
  return result.cells.rnn.gradH;
}

/** The result of the experiment `id`: the choice whose power of ten is nearest the RNN's first-to-last ratio. */
export function gradientLabOutcome(id: string): PredictResult | null {
  const gradH = rnnGradients(id);
  if (gradH === null) return null;
  const trend = trendOf(gradH);
  const ratio = trend.ratio;
  const distance = CHOICE_EXPONENTS.map((e) => Math.abs(Math.log10(ratio) - e));
  return {
    choice: distance.indexOf(Math.min(...distance)),
    value: null,
    summary: `The lab’s summary: “${describeTrend('rnn', trend, gradH.length)}”`,
  };
}
