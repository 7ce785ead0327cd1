// Pieces every training task shares: building the recurrent layer and the optimizer a config names,
// one optimisation step (zero, backward, clip, update) that reports the gradient norm, and one-hot inputs.
import { clipGradNorm } from '../clip';
import { GRU, LSTM, RNN, type RecurrentOptions } from '../nn/recurrent';
import { Adam, RMSprop, SGD, type Optimizer } from '../optim/index';
import { Tensor } from '../tensor';
import { CELL_TYPES, OPTIMIZERS, type CellType, type Nonlinearity, type OptimizerName } from './task';

/** A recurrent layer of any cell type; `cN` is present for the LSTM only. */
export type AnyRecurrent = RNN | LSTM | GRU;

/**
 * The layer a config's `cell` names: 'rnn' is torch.nn.RNN with the given nonlinearity (tanh by default), 'lstm' and
 * 'gru' as PyTorch (they have fixed nonlinearities, so 'relu' with them is refused).
 * @param inputSize features per step
 */
export function makeRecurrent(
  cell: CellType,
  inputSize: number,
  hiddenSize: number,
  opts: RecurrentOptions & { nonlinearity?: Nonlinearity },
): AnyRecurrent {
  const { nonlinearity = 'tanh', ...rest } = opts;
  if (cell !== 'rnn' && nonlinearity !== 'tanh')
    throw new RangeError(`the ${cell} cell has fixed nonlinearities; only the rnn cell takes ${nonlinearity}`);
  if (cell === 'lstm') return new LSTM(inputSize, hiddenSize, rest);
  if (cell === 'gru') return new GRU(inputSize, hiddenSize, rest);
  if (cell === 'rnn') return new RNN(inputSize, hiddenSize, { ...rest, nonlinearity });
  throw new RangeError(`unknown cell ${JSON.stringify(cell)}; use one of ${CELL_TYPES.join(', ')}`);
}

/**
 * The optimizer a config names, with PyTorch's defaults for everything but the learning rate and, for SGD and
 * RMSprop, the momentum (Adam's is its β₁, so a momentum with Adam is refused).
 */
export function makeOptimizer(name: OptimizerName, params: Tensor[], lr: number, momentum = 0): Optimizer {
  if (name === 'adam') {
    if (momentum !== 0) throw new RangeError('adam has no momentum setting (its beta1 plays that part)');
    return new Adam(params, { lr });
  }
  if (name === 'rmsprop') return new RMSprop(params, { lr, momentum });
  if (name === 'sgd') return new SGD(params, { lr, momentum });
  throw new RangeError(`unknown optimizer ${JSON.stringify(name)}; use one of ${OPTIMIZERS.join(', ')}`);
}

/**
 * The five lines of a training step after the forward pass: zero the gradients, back-propagate,
 * measure the global gradient norm and clip it to `clip` (when `clip` > 0), update.
 * @param loss a scalar on the tape
 * @returns the global L2 norm of the gradients before clipping (NaN if a gradient is NaN)
 */
export function optimizeStep(
  loss: Tensor,
  params: readonly Tensor[],
  optimizer: Optimizer,
  clip: number | undefined,
): number {
  optimizer.zeroGrad();
  loss.backward();
  // With maxNorm = ∞ clipGradNorm only measures: its scale factor ∞/‖g‖ is never below 1.
  const gradNorm = clipGradNorm(params, clip !== undefined && clip > 0 ? clip : Infinity);
  optimizer.step();
  return gradNorm;
}

/** True when every element of every tensor is finite (no NaN, no ±Infinity). */
export function allFinite(params: readonly Tensor[]): boolean {
  for (const p of params) {
    const d = p.data;
    // x − x is 0 for finite x and NaN for NaN and ±Infinity, so one comparison covers both.
    for (let j = 0; j < d.length; j++) if (d[j] - d[j] !== 0) return false;
  }
  return true;
}

/**
 * One-hot vectors for token indices.
 * @param indices [n] (any layout, e.g. [T·B] time-major)
 * @param shape the leading shape of the result, whose product is n (e.g. [T, B])
 * @returns [...shape, size] float32, not requiring a gradient
 */
export function oneHot(indices: ArrayLike<number>, shape: readonly number[], size: number): Tensor {
  const data = new Float32Array(indices.length * size);
  for (let k = 0; k < indices.length; k++) data[k * size + indices[k]] = 1;
  return new Tensor(data, [...shape, size]);
}

/** Throws a RangeError naming the setting unless `value` is an integer ≥ `min`. */
export function checkInt(task: string, name: string, value: number, min = 1): void {
  if (!Number.isInteger(value) || value < min)
    throw new RangeError(`${task}: ${name} must be an integer ≥ ${min}, got ${value}`);
}
