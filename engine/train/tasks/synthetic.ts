// The synthetic tasks: recall the first token after a delay, the adding problem and parity, which compare cell
// types, and counting, which overfits a few hundred sequences. One-hot tokens (or [value, marker] pairs) →
// RNN/LSTM/GRU → Linear on the final state, scored by accuracy (or MSE) against what a model that learned nothing scores.
import { noGrad } from '../../autodiff/gradMode';
import { batchIndices, batchTimeMajor } from '../../data/batching';
import {
  addingTask,
  countTask,
  parityTask,
  recallTask,
  type RealDataset,
  type SyntheticSplit,
  type TokenDataset,
} from '../../data/synthetic';
import { crossEntropy, mseLoss } from '../../losses';
import { Rng } from '../../random';
import { Tensor } from '../../tensor';
import { allFinite, makeOptimizer, optimizeStep } from '../common';
import { checkedConfig } from '../config';
import { RecurrentNet } from '../model';
import type { EvalReport, StepReport, Task } from '../task';
import {
  parseSyntheticConfig,
  SYNTHETIC_DEFAULTS,
  syntheticTrainCount,
  type SyntheticConfig,
  type SyntheticProblem,
} from './syntheticConfig';

/** Predictions on a few validation sequences. */
export interface SyntheticShowcase {
  problem: SyntheticProblem;
  examples: { input: number[][] | number[]; target: number; prediction: number }[];
}

/** The synthetic task. */
export interface SyntheticTask extends Task {
  readonly name: 'synthetic';
  readonly baselines: Readonly<Record<string, number>>;
  readonly problem: SyntheticProblem;
  showcase(): SyntheticShowcase;
}

/** The first `count` sequences of a dataset (all of it when count is its size). */
function sliceDataset<D extends TokenDataset | RealDataset>(set: D, count: number): D {
  if (count >= set.count) return set;
  const width = set.kind === 'tokens' ? set.seqLen : set.seqLen * set.inputSize;
  return { ...set, count, inputs: set.inputs.subarray(0, count * width), targets: set.targets.subarray(0, count) };
}

/**
 * Builds a synthetic task from its seed: the data come from the data layer's generators, the model
 * reads the whole sequence and answers from the top layer's final state. Metrics: `accuracy` for
 * recall, parity and count, and for count also `trainAccuracy` (on the whole training set, to see it memorised);
 * `mse` for adding (valLoss is the cross-entropy or the MSE). Baselines: chance accuracy and the cross-entropy of
 * a uniform guess; for count, the larger class's share and the cross-entropy of answering with the class shares;
 * for adding, the MSE of always answering 1.
 * @throws RangeError naming the setting when the config is outside SYNTHETIC_BOUNDS
 */
export function createSyntheticTask(settings: SyntheticConfig): SyntheticTask {
  const name = 'synthetic';
  const config = checkedConfig(name, parseSyntheticConfig(settings));
  const D = SYNTHETIC_DEFAULTS;
  const {
    problem,
    delay,
    cell,
    hiddenSize,
    batchSize,
    trainCount = D.trainCount,
    validationCount = D.validationCount,
    numSymbols = D.numSymbols,
    filler = D.filler,
    numLayers = D.numLayers,
    dropout = D.dropout,
    nonlinearity = D.nonlinearity,
  } = config;
  const sizes = { trainCount, validationCount, seed: config.seed };
  let data: SyntheticSplit<TokenDataset> | SyntheticSplit<RealDataset>;
  if (problem === 'recall') data = recallTask({ delay, numSymbols, filler, ...sizes });
  else if (problem === 'parity') data = parityTask({ length: delay, ...sizes });
  else if (problem === 'count') data = countTask({ length: delay, numSymbols, ...sizes });
  else data = addingTask({ length: delay, ...sizes });
  // A small slice keeps the first sequences; the validation set (drawn after all of them) stays the same.
  const train = sliceDataset(data.train, syntheticTrainCount(config));
  const { validation } = data;
  const T = train.seqLen;
  const F = train.kind === 'tokens' ? 1 : train.inputSize;

  // The model's generator is separate from the data's, so changing the data size leaves the initial weights alone.
  const rng = new Rng(config.seed + 1);
  const model = new RecurrentNet({
    input: train.kind === 'tokens' ? { kind: 'one-hot', vocabSize: train.vocabSize } : { kind: 'dense', inputSize: F },
    cell,
    hiddenSize,
    numLayers,
    dropout,
    nonlinearity,
    outputSize: train.kind === 'tokens' ? train.numClasses : 1,
    rng,
    forgetBias: config.forgetBias,
  });
  const params = model.parameters();
  const optimizer = makeOptimizer(config.optimizer ?? 'adam', params, config.learningRate, config.momentum);

  /** The model's outputs for rows `idx` of a set: [B, classes] logits or [B, 1] values, and the loss. */
  const forward = (set: TokenDataset | RealDataset, idx: readonly number[], reduction: 'mean' | 'sum') => {
    const B = idx.length;
    const x =
      set.kind === 'tokens'
        ? batchTimeMajor(set.inputs, [set.count, T, 1], idx)
        : batchTimeMajor(set.inputs, [set.count, T, F], idx);
    const { state } = model.run(model.encode(x, T, B), null);
    const out = model.fc.forward(model.top(state));
    if (set.kind === 'tokens')
      return {
        out,
        loss: crossEntropy(
          out,
          Int32Array.from(idx, (n) => set.targets[n]),
          { reduction },
        ),
      };
    const y = new Tensor(
      Float32Array.from(idx, (n) => set.targets[n]),
      [B, 1],
    );
    return { out, loss: mseLoss(out, y, reduction) };
  };

  let batches: number[][] = [];
  let next = 0;
  const step = (): StepReport => {
    if (next === batches.length) {
      batches = batchIndices(train.count, batchSize, { rng, dropLast: true });
      next = 0;
    }
    const { loss } = forward(train, batches[next++], 'mean');
    const gradNorm = optimizeStep(loss, params, optimizer, config.clip);
    return { loss: loss.item(), gradNorm };
  };

  /** Outputs on a whole set (the validation set by default), in chunks. */
  const predictAll = (
    set: TokenDataset | RealDataset = validation,
  ): { out: Float32Array | Float64Array; loss: number } => {
    const width = set.kind === 'tokens' ? set.numClasses : 1;
    const out = new Float32Array(set.count * width);
    let total = 0;
    model.eval();
    try {
      noGrad(() => {
        for (let s = 0; s < set.count; s += 512) {
          const idx = Array.from({ length: Math.min(512, set.count - s) }, (_, k) => s + k);
          const r = forward(set, idx, 'sum');
          out.set(r.out.data, s * width);
          total += r.loss.item();
        }
      });
    } finally {
      model.train();
    }
    return { out, loss: total / set.count };
  };

  const argmax = (row: ArrayLike<number>): number => {
    let best = 0;
    for (let k = 1; k < row.length; k++) if (row[k] > row[best]) best = k;
    return best;
  };

  /** Share of a token set's sequences whose largest output is the target class. */
  const accuracyOf = (
    set: TokenDataset,
    out: ArrayLike<number> & { subarray(a: number, b: number): ArrayLike<number> },
  ): number => {
    const C = set.numClasses;
    let right = 0;
    for (let n = 0; n < set.count; n++) if (argmax(out.subarray(n * C, (n + 1) * C)) === set.targets[n]) right++;
    return right / set.count;
  };

  const evaluate = (): EvalReport => {
    const { out, loss } = predictAll();
    if (validation.kind === 'real') return { valLoss: loss, metrics: { mse: loss } };
    const metrics: Record<string, number> = { accuracy: accuracyOf(validation, out) };
    // Counting overfits a few hundred sequences: the share of them the model gets right shows it memorising.
    if (problem === 'count' && train.kind === 'tokens')
      metrics.trainAccuracy = accuracyOf(train, predictAll(train).out);
    return { valLoss: loss, metrics };
  };

  /** Cross-entropy of answering every sequence with the class shares: what a model that learned only those scores. */
  const priorLoss = (set: TokenDataset): number => {
    const counts = new Array<number>(set.numClasses).fill(0);
    for (const t of set.targets) counts[t]++;
    return -counts.reduce((sum, c) => (c === 0 ? sum : sum + (c / set.count) * Math.log(c / set.count)), 0);
  };

  const baselines: Record<string, number> =
    validation.kind === 'real'
      ? { mse: validation.baselineMse, valLoss: validation.baselineMse }
      : {
          accuracy: validation.chanceAccuracy,
          valLoss: problem === 'count' ? priorLoss(validation) : Math.log(validation.numClasses),
        };

  const showcase = (): SyntheticShowcase => {
    const { out } = predictAll();
    const shown = Math.min(4, validation.count);
    const examples = Array.from({ length: shown }, (_, n) => {
      if (validation.kind === 'real') {
        const input = Array.from({ length: T }, (_, t) =>
          Array.from(validation.inputs.subarray((n * T + t) * F, (n * T + t + 1) * F)),
        );
        return { input, target: validation.targets[n], prediction: out[n] };
      }
      const C = validation.numClasses;
      return {
        input: Array.from(validation.inputs.subarray(n * T, (n + 1) * T)),
        target: validation.targets[n],
        prediction: argmax(out.subarray(n * C, (n + 1) * C)),
      };
    });
    return { problem, examples };
  };

  return {
    name,
    problem,
    stepsPerEpoch: Math.floor(train.count / batchSize),
    baselines,
    step,
    evaluate,
    showcase,
    setLearningRate(lr: number): void {
      optimizer.lr = lr;
    },
    parametersFinite: () => allFinite(params),
    namedParameters: () => model.namedParameters(),
  };
}
