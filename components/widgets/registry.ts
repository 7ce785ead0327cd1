// Every widget of the course, for its standalone /embed/<name>/ page and the instructors' page.
import type { Spec } from '../lib/urlState';
import MemoryRule from './MemoryRule/MemoryRule.astro';
import { memoryRuleSpec } from './MemoryRule/state';
import StepCell from './StepCell/StepCell.astro';
import { stepCellSpec } from './StepCell/state';
import GradientLab from './GradientLab/GradientLab.astro';
import { gradientLabSpec } from './GradientLab/state';
import BpttStepper from './BpttStepper/BpttStepper.astro';
import { bpttStepperSpec } from './BpttStepper/state';
import LiveEquation from './LiveEquation/LiveEquation.astro';
import { liveEquationSpec } from './LiveEquation/state';
import Unrolling from './Unrolling/Unrolling.astro';
import { unrollingSpec } from './Unrolling/state';
import GateInspector from './GateInspector/GateInspector.astro';
import { gateInspectorSpec } from './GateInspector/state';
import CharModel from './CharModel/CharModel.astro';
import { charModelSpec } from './CharModel/state';
import TrainingLab from './TrainingLab/TrainingLab.astro';
import NormalizeCalc from './NormalizeCalc/NormalizeCalc.astro';
import { normalizeCalcSpec } from './NormalizeCalc/state';
import AttentionCalc from './AttentionCalc/AttentionCalc.astro';
import { attentionCalcSpec } from './AttentionCalc/state';
import { trainingLabSpec } from './TrainingLab/state';
import ForecastLab from './ForecastLab/ForecastLab.astro';
import { forecastLabSpec } from './ForecastLab/settings';
import AttentionLab from './AttentionLab/AttentionLab.astro';
import { attentionLabSpec } from './AttentionLab/settings';
import TuningLab from './TuningLab/TuningLab.astro';
import { tuningLabSpec } from './TuningLab/state';
import SentimentLab from './SentimentLab/SentimentLab.astro';
import { sentimentLabSpec } from './SentimentLab/state';
import TeacherForcingLab from './TeacherForcingLab/TeacherForcingLab.astro';
import { teacherForcingLabSpec } from './TeacherForcingLab/settings';

/** A widget as the site lists it. */
export interface WidgetInfo {
  /** URL name: `/embed/<name>/`, also its custom element's tag and URL-state namespace. */
  name: string;
  title: string;
  /** One sentence on what the reader can do with it. */
  description: string;
  /** Slug of the chapter it lives in. */
  chapter: string;
  /** Its server shell. */
  component: (props: Record<string, unknown>) => unknown;
  /** Its URL-state table, documented on the instructors' page. */
  spec: Spec;
  /** Suggested iframe height in pixels. */
  height: number;
}

/** All widgets, in the order of the chapters they appear in. */
export const widgets: WidgetInfo[] = [
  {
    name: 'memory-rule',
    title: 'A memory you can compute by hand',
    description:
      'One number that keeps a share of its old value and mixes in each new input, h_t = keep · h_{t−1} + mix · ' +
      'x_t: type a sequence, set both weights and step through it, watching an old input fade, stay or grow.',
    chapter: 'what-is-an-rnn',
    component: MemoryRule,
    spec: memoryRuleSpec,
    height: 820,
  },
  {
    name: 'step-cell',
    title: 'One step of an RNN cell',
    description:
      'Set an input and a previous hidden state and see every number of the update h_t = tanh(W_xh x_t + ' +
      'W_hh h_{t−1} + b_h); step through a short sequence carrying the state forward.',
    chapter: 'how-it-works',
    component: StepCell,
    spec: stepCellSpec,
    height: 720,
  },
  {
    name: 'live-equation',
    title: 'The RNN equations with the numbers in',
    description:
      'The hidden-state and output equations typeset with the current step’s numbers substituted; point at ' +
      'or focus a term to find it in the cell diagram, and the reverse; switch between tanh and ReLU and ' +
      'step through a short sequence.',
    chapter: 'the-math',
    component: LiveEquation,
    spec: liveEquationSpec,
    height: 1250,
  },
  {
    name: 'unrolling',
    title: 'An RNN unrolled over your text',
    description:
      'Type a short text and watch a small trained character RNN read it one step at a time, unrolled or ' +
      'folded, with its hidden state filling in as a heatmap and its guess for the next character.',
    chapter: 'unrolling',
    component: Unrolling,
    spec: unrollingSpec,
    height: 1000,
  },
  {
    name: 'bptt-stepper',
    title: 'Backpropagation through time, step by step',
    description:
      'Walk the backward pass of a small character RNN from the last step to the first: see δ_t = ∂L/∂h_t ' +
      'from its recurrence with the numbers in, and each step’s term of ∂L/∂W_hh add up to the engine’s ' +
      'gradient, checked by finite differences.',
    chapter: 'backpropagation-through-time',
    component: BpttStepper,
    spec: bpttStepperSpec,
    height: 1400,
  },
  {
    name: 'gate-inspector',
    title: 'Inside the gates of an LSTM and a GRU',
    description:
      'A small trained LSTM and GRU read your numbers and remember the marked one: watch every gate (i, f, ' +
      'g, o; r, z, n) and the cell state step by step, open a gate to see its equation with the numbers in, ' +
      'and compare bidirectional and stacked wirings.',
    chapter: 'variants',
    component: GateInspector,
    spec: gateInspectorSpec,
    height: 1900,
  },
  {
    name: 'training-lab',
    title: 'Training lab: hyperparameters, tried',
    description:
      'Set every hyperparameter of chapter 7 (hidden size, layers, learning rate, batch size, sequence length, ' +
      'dropout, optimizer, activation, cell type, clipping, seed) for a character model on Moby-Dick, a births ' +
      'forecaster, a sentiment classifier or a recall task; see the parameter count, memory and measured time per ' +
      'step before running; train in a background thread and keep every run on one chart with its baseline, ' +
      'overfitting turn and early stopping; share a comparison as a link.',
    chapter: 'hyperparameters',
    component: TrainingLab,
    spec: trainingLabSpec,
    height: 2200,
  },
  {
    name: 'tuning-lab',
    title: 'Tune an RNN: a real hyperparameter search',
    description:
      'Search hidden size, layers, learning rate and cell type by grid search, random search or successive halving ' +
      'on one budget, with the trials training side by side in a pool of background workers; watch every curve, ' +
      'pause or cancel the search, then sort the trials, see the validation loss against each hyperparameter, ' +
      'open the best in the training lab, and download the results as CSV or JSON. ' +
      'Also runs chapter 8’s overfitting experiment (?tuning-lab.preset=overfit).',
    chapter: 'tuning',
    component: TuningLab,
    spec: tuningLabSpec,
    height: 1900,
  },
  {
    name: 'sentiment-lab',
    title: 'Sentiment lab: an RNN on real review sentences',
    description:
      'Train chapter 9’s RNN on real IMDb, Amazon or Yelp review sentences (or train on one and test on ' +
      'another) in a background thread, with its PyTorch code and the engine code that runs side by side; ' +
      'compare it with a bag-of-words model, read its mistakes, watch it read a review word by word, see a ' +
      'batch padded and packed, and move the weights to and from PyTorch.',
    chapter: 'sentiment-example',
    component: SentimentLab,
    spec: sentimentLabSpec,
    height: 2400,
  },
  {
    name: 'char-model',
    title: 'Train a character model on Moby-Dick',
    description:
      'Train a character-level RNN, LSTM or GRU on the text of Moby-Dick in a background thread: watch the ' +
      'training and validation loss fall below the unigram baseline, pause, step or cancel, change the ' +
      'learning rate mid-run, and read samples that go from noise to word-like text.',
    chapter: 'how-rnns-solve-problems',
    component: CharModel,
    spec: charModelSpec,
    height: 1300,
  },
  {
    name: 'forecast-lab',
    title: 'Forecasting lab: daily US births',
    description:
      'Slide a window over daily US births to see one training example, train an RNN, LSTM or GRU forecaster in a ' +
      'background thread with normalization on or off, and compare its one-step and recursive forecasts of 2014 with ' +
      'the actual births and the seasonal-naive and persistence baselines, with the mean absolute error of each.',
    chapter: 'how-rnns-solve-problems',
    component: ForecastLab,
    spec: forecastLabSpec,
    height: 2000,
  },
  {
    name: 'attention-lab',
    title: 'Translation lab: number words to digits, with and without attention',
    description:
      'Train a GRU encoder–decoder in a background thread to turn English number names into digits, with attention ' +
      'and without; compare their accuracy against input length, and type a number in words to see its translation ' +
      'and the attention weights as a heatmap.',
    chapter: 'how-rnns-solve-problems',
    component: AttentionLab,
    spec: attentionLabSpec,
    height: 1900,
  },
  {
    name: 'teacher-forcing-lab',
    title: 'Teacher forcing lab: generating daily US births',
    description:
      'Train the same births generator three ways in a background thread (always fed the true day, always fed its own ' +
      'prediction, a schedule from one to the other), let each generate four weeks of 2014 on its own, and compare ' +
      'how its error grows with every generated day: exposure bias, on a chart and in a table.',
    chapter: 'how-rnns-solve-problems',
    component: TeacherForcingLab,
    spec: teacherForcingLabSpec,
    height: 1500,
  },
  {
    name: 'gradient-lab',
    title: 'Vanishing and exploding gradients',
    description:
      'Set the spectral radius of W_hh (its eigenvalues plotted), the activation and the sequence length, ' +
      'and see on a log scale how much gradient reaches each earlier step of an RNN, an LSTM and a GRU; ' +
      'switch on gradient clipping to see what it fixes and what it cannot.',
    chapter: 'backpropagation-through-time',
    component: GradientLab,
    spec: gradientLabSpec,
    height: 1500,
  },
  {
    name: 'normalize-calc',
    title: 'Normalize a series',
    description:
      'Type a series and choose how many of its first values are training data: see μ and σ from those alone, every ' +
      'value normalized, what tanh makes of raw and normalized inputs, and a normalized prediction back in real units.',
    chapter: 'tips',
    component: NormalizeCalc,
    spec: normalizeCalcSpec,
    height: 760,
  },
  {
    name: 'attention-calc',
    title: 'Dot-product attention, computed',
    description:
      'Set the encoder states and the decoder state (2-dimensional, drawn as arrows) and see each score s·h_i, the ' +
      'softmax weights and the context vector they average to.',
    chapter: 'tips',
    component: AttentionCalc,
    spec: attentionCalcSpec,
    height: 720,
  },
];
