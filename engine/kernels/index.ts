// The choice of kernel table: one instantiation per dtype in JS (see gemm.f32.ts for why), and for
// float32 the WebAssembly table once a host has loaded it (wasm/load.ts: the worker, the bench and
// the unit tests do; a page's main thread keeps the JS kernels). float64 always runs the JS kernels.

import type { DType } from '../storage';
import * as cells32 from './cells.f32';
import * as cells64 from './cells.f64';
import * as gemm32 from './gemm.f32';
import * as gemm64 from './gemm.f64';
import * as optim32 from './optim.f32';
import * as optim64 from './optim.f64';
import * as recurrence32 from './recurrence.f32';
import * as recurrence64 from './recurrence.f64';
import type { Kernels } from './table';

export type { Kernels } from './table';

const float32: Kernels = { ...gemm32, ...cells32, ...optim32, ...recurrence32 };
const float64: Kernels = { ...gemm64, ...cells64, ...optim64, ...recurrence64 };

/** Which kernels run float32 work: JS, or WebAssembly with plain or relaxed SIMD. */
export type KernelBackend = 'js' | 'wasm-simd' | 'wasm-relaxed-simd';

/** The float32 kernels in use, and why they are the JS ones when they are. */
export interface KernelStatus {
  float32: KernelBackend;
  /** Why float32 runs on JS (not loaded, no SIMD, compilation refused, switched off); empty otherwise. */
  reason: string;
}

let wasm: { table: Kernels; backend: Exclude<KernelBackend, 'js'> } | null = null;
let wasmEnabled = true;
let jsReason = 'the WebAssembly kernels were not loaded';
let active: Kernels = float32;

/** The kernel table for a dtype. */
export function kernelsFor(dtype: DType): Kernels {
  return dtype === 'float64' ? float64 : active;
}

/** The JS kernel table for a dtype, whatever runs float32 work (what a WebAssembly table falls back on). */
export function jsKernelsFor(dtype: DType): Kernels {
  return dtype === 'float64' ? float64 : float32;
}

/** Makes `table` the float32 kernels (unless switched off by setWasmKernelsEnabled(false)). Used by wasm/load.ts. */
export function installWasmKernels(table: Kernels, backend: Exclude<KernelBackend, 'js'>): void {
  wasm = { table, backend };
  active = wasmEnabled ? table : float32;
}

/** Records why float32 stays on the JS kernels (wasm/load.ts, when loading fails or is not possible). */
export function noteWasmUnavailable(reason: string): void {
  wasm = null;
  jsReason = reason;
  active = float32;
}

/**
 * Switches the WebAssembly float32 kernels on (the default once loaded) or off, e.g. to time or test
 * the JS kernels in the same process. Every op looks the table up per call, so this takes effect at
 * the next op.
 */
export function setWasmKernelsEnabled(on: boolean): KernelStatus {
  wasmEnabled = on;
  active = on && wasm !== null ? wasm.table : float32;
  return kernelStatus();
}

/** Which kernels run float32 work now, and why when it is JS. */
export function kernelStatus(): KernelStatus {
  if (active !== float32 && wasm !== null) return { float32: wasm.backend, reason: '' };
  return { float32: 'js', reason: wasm !== null && !wasmEnabled ? 'switched off' : jsReason };
}
