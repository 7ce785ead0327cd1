// The module's exports: what the engine's WebAssembly kernel table (../kernels.ts) calls. Built twice
// by ../build.mjs, with plain SIMD and with relaxed SIMD (fused multiply-add in the products).
export { gemm, gemmWorkSize } from './gemm';
export { recurrenceBackward, recurrenceForward, recurrenceWorkSize } from './recurrence';
export { adamUpdate, addScaled, amsgradUpdate, rmspropUpdate, sgdUpdate } from './optim';
