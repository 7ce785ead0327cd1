// Ready-made links for classic classroom demonstrations, per widget: each sets the widget up through its address (the
// same parameters as its URL-state table), for the instructors page. Only the setup is described here, never what the
// reader will see: that comes from the widget itself. A unit test parses every link with the widget's own table.
import { MEMORY_PRESETS, memoryRuleUrl } from './MemoryRule/state';
import { PRESETS as FORECAST_PRESETS } from './ForecastLab/presets';
import { PRESETS } from './TrainingLab/presets';
import { PRESETS as SEARCH_PRESETS } from './TuningLab/state';

/** One demonstration: what it sets up, and the widget's query parameters without its `<name>.` prefix. */
export interface Demonstration {
  label: string;
  params: Record<string, string>;
}

/** A memory-rule state as its address parameters (without the prefix), as the widget itself would write them. */
function paramsOf(state: Parameters<typeof memoryRuleUrl.write>[0]): Record<string, string> {
  const written = new URLSearchParams();
  memoryRuleUrl.write(state, written);
  return Object.fromEntries([...written].map(([key, value]) => [key.slice('memory-rule.'.length), value]));
}

/** Demonstrations by widget URL name. */
export const demonstrations: Record<string, Demonstration[]> = {
  'memory-rule': MEMORY_PRESETS.map((preset) => ({
    label: preset.label,
    params: paramsOf({ ...preset.state, preset: '' }),
  })),
  'step-cell': [
    { label: 'The third step, with the state carried from the first two', params: { t: '3' } },
    { label: 'A large hand-set previous state, h_{t−1} = (4, −4, 4)', params: { h: '4,-4,4' } },
  ],
  'live-equation': [
    { label: 'The same sequence with ReLU instead of tanh', params: { act: 'relu' } },
    { label: 'The fourth step of the default sequence', params: { t: '4' } },
  ],
  unrolling: [
    { label: 'The folded view: one cell and its loop', params: { view: 'folded' } },
    { label: 'A longer text, played slowly', params: { text: 'the whale', speed: 'slow' } },
  ],
  'bptt-stepper': [
    { label: 'A longer word: more steps for the gradient to travel back', params: { word: 'harpooner' } },
    { label: 'The same word with other initial weights', params: { seed: '7' } },
  ],
  'gate-inspector': [
    { label: 'The GRU’s update gate z', params: { cell: 'gru', gate: 'z' } },
    { label: 'A bidirectional LSTM', params: { view: 'bidirectional' } },
    { label: 'Three stacked layers', params: { view: 'stacked', layers: '3' } },
  ],
  'char-model': [
    { label: 'Learning rate too high (1)', params: { lr: '1' } },
    { label: 'An LSTM instead of the default cell', params: { cell: 'lstm' } },
    { label: 'A plain RNN', params: { cell: 'rnn' } },
  ],
  'gradient-lab': [
    { label: 'Vanishing gradient at ρ = 0.8 (tanh)', params: { rho: '0.8' } },
    { label: 'Exploding gradient: ρ = 1.5, no activation', params: { rho: '1.5', act: 'linear' } },
    { label: 'The same with gradient clipping at τ = 1', params: { rho: '1.5', act: 'linear', clip: '1', tau: '1' } },
    { label: 'A long sequence, T = 200', params: { seqLen: '200' } },
    { label: 'Forget-gate and update-gate bias 3', params: { bias: '3' } },
  ],
  'normalize-calc': [
    { label: 'Statistics from the first six values only', params: { train: '6' } },
    { label: 'A constant series (σ = 0)', params: { seq: '5,5,5,5', train: '4' } },
  ],
  'attention-calc': [
    { label: 'The decoder state doubled, s = (4, 2)', params: { s: '4,2' } },
    { label: 'Two encoder states alike, h = (1, 0), (1, 0), (0, 1)', params: { h: '1,0;1,0;0,1' } },
  ],
  'training-lab': [
    ...PRESETS.map((preset) => ({ label: preset.title, params: { preset: preset.id } })),
    { label: 'Sentiment on real Amazon review sentences', params: { task: 'sentiment', data: 'amazon' } },
  ],
  'forecast-lab': FORECAST_PRESETS.map((preset) => ({ label: preset.title, params: { preset: preset.id } })),
  'attention-lab': [
    {
      label: 'The question of chapter 10: the same model with and without attention',
      params: { preset: 'with-without' },
    },
    { label: 'Without attention', params: { attn: '0' } },
    { label: 'A phrase that is not a number name as the data writes it', params: { phrase: 'three hundred twelve' } },
  ],
  'tuning-lab': Object.entries(SEARCH_PRESETS).map(([id, preset]) => ({ label: preset.doc, params: { preset: id } })),
  'sentiment-lab': [
    { label: 'Train on IMDb sentences, test on Yelp ones', params: { test: 'yelp' } },
    { label: 'A GRU instead of the outline’s plain RNN', params: { cell: 'gru' } },
    { label: 'The course-written negation set', params: { data: 'negation' } },
  ],
  'teacher-forcing-lab': [
    {
      label: 'Chapter 10’s question: teacher forcing, free running, scheduled sampling',
      params: { preset: 'exposure-bias' },
    },
    { label: 'The same three regimes with a GRU', params: { cell: 'gru' } },
    { label: 'The same three regimes on another seed', params: { seed: '2' } },
  ],
};

/** The query string of a demonstration of widget `name`: `?gradient-lab.rho=1.5&gradient-lab.act=linear`. */
export function demonstrationQuery(name: string, demonstration: Demonstration): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(demonstration.params)) params.set(`${name}.${key}`, value);
  return `?${params.toString()}`;
}
