// The engine's public API: everything a widget, the worker, a script or a test imports comes from
// here; the files behind it are internal and may move.

// Tensors and randomness
export { Tensor, tensor, fromArray, zeros, ones, full, uniform, randn, shapeSize, allocate } from './tensor';
export type { DType, TensorData, NestedArray, TensorOptions, GradNode } from './tensor';
export { Rng } from './random';

// Autodiff
export { noGrad, isGradEnabled } from './autodiff/gradMode';
export { backward, zeroGrad, record, needsGrad, anyNeedsGrad } from './autodiff/tape';
export type { BackwardOptions } from './autodiff/tape';

// Ops
export { matmul, bmm, linear } from './ops/matmul';
export type { MatmulOptions } from './ops/matmul';
export { add, sub, mul, div, broadcastShapes } from './ops/elementwise';
export { tanh, sigmoid, relu, exp, log, neg } from './ops/unary';
export { sum, mean } from './ops/reduce';
export type { ReduceOptions } from './ops/reduce';
export { softmax, logSoftmax } from './ops/softmax';
export { reshape, permute, transpose, concat, narrow, slice, select, stack, unstack } from './ops/shape';
export { gatherRows } from './ops/gather';
export type { Indices, GatherOptions } from './ops/gather';
export { dropout } from './ops/dropout';
export type { DropoutOptions } from './ops/dropout';
export { recurrence, gateCount } from './ops/recurrence';
export type { RecurrentMode, RecurrenceOptions, RecurrenceResult } from './ops/recurrence';

// Layers
export { Module } from './nn/module';
export { Linear, Embedding, Dropout } from './nn/linear';
export type { InitOptions } from './nn/linear';
export { RNN, LSTM, GRU, RecurrentBase } from './nn/recurrent';
export type { RecurrentOptions, RecurrentForwardOptions, RecurrentOutput, DirectionParameters } from './nn/recurrent';
export { RNNCell, LSTMCell, GRUCell, CellBase } from './nn/cells';
export type { CellOptions } from './nn/cells';

// Seeing inside
export { RecurrentTrace, DirectionTrace } from './introspect/trace';
export { GATES, CELL_TYPES, RECURRENT_MODES } from './ops/recurrentLayout';
export type { GateName, ForwardRecord, TraceSink, CellType } from './ops/recurrentLayout';

// Losses, optimisers, clipping
export { crossEntropy, mseLoss } from './losses';
export type { Reduction, CrossEntropyOptions } from './losses';
export { Optimizer, SGD, Adam, RMSprop } from './optim/index';
export type { SGDOptions, AdamOptions, RMSpropOptions } from './optim/index';
export { clipGradNorm, clipGradValue } from './clip';
export { stateDict, loadStateDict } from './stateDict';
export type { StateDict, LoadStateDictOptions } from './stateDict';
export { FieldError } from './nested';

// Testing helpers
export { gradCheck } from './testing/gradCheck';
export type { GradCheckOptions, GradCheckResult } from './testing/gradCheck';

// Kernels: which table runs float32 work (JS until a host loads the WebAssembly one with loadWasmKernels()
// from './kernels/wasm/load', kept out of this file so that pages do not carry the binaries).
export { kernelStatus, setWasmKernelsEnabled } from './kernels/index';
export type { KernelBackend, KernelStatus } from './kernels/index';
