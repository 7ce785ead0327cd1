// Loads the WebAssembly float32 kernels once per thread and installs them as the engine's float32 table:
// relaxed SIMD where the runtime validates it, plain SIMD otherwise, the JS kernels where WebAssembly or
// its SIMD is missing or compiling is refused (a Content-Security-Policy without 'wasm-unsafe-eval').
// Kept apart from engine/index.ts so that only what loads it (the worker, the bench, the unit tests)
// carries the binaries; a page's main thread keeps the JS kernels.

import { installWasmKernels, jsKernelsFor, kernelStatus, noteWasmUnavailable, type KernelStatus } from '../index';
import { RELAXED_SIMD_WASM, SIMD_WASM } from './binary.generated';
import { wasmKernels, type GrowableMemory, type KernelExports } from './table';

/** The part of the WebAssembly global this file uses (the engine compiles without DOM types). */
export interface WebAssemblyApi {
  validate(bytes: Uint8Array): boolean;
  instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: unknown } }>;
  Memory: new (descriptor: { initial: number }) => GrowableMemory;
}

// Two smallest modules, each one function (v128) → v128 whose body is three local.get 0 and one
// instruction: f32x4.add (SIMD), f32x4.relaxed_madd (relaxed SIMD). The usual feature test: a
// runtime validates a module only if it knows every instruction in it.
const probe = (op: number[]): Uint8Array => {
  const body = [0x00, 0x20, 0x00, 0x20, 0x00, 0x20, 0x00, ...op, 0x0b]; // no locals, local.get 0 × 3, op, end
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00], // \0asm, version 1
    ...[0x01, 0x06, 0x01, 0x60, 0x01, 0x7b, 0x01, 0x7b], // type section: (v128) → v128
    ...[0x03, 0x02, 0x01, 0x00], // function section: one function of type 0
    ...[0x0a, body.length + 2, 0x01, body.length, ...body], // code section: one body
  ]);
};
const SIMD_PROBE = probe([0xfd, 0xe4, 0x01, 0x1a]); // f32x4.add, drop (leaves two v128: the result and one arg)
const RELAXED_PROBE = probe([0xfd, 0x85, 0x02]); // f32x4.relaxed_madd

let loading: Promise<KernelStatus> | null = null;

/**
 * Loads and installs the WebAssembly kernels (once; later calls get the first call's result).
 * Never rejects: when they cannot run, the float32 kernels stay JS and the status says why (the host
 * logs it: the engine has no console of its own).
 */
export function loadWasmKernels(): Promise<KernelStatus> {
  loading ??= loadWith((globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly);
  return loading;
}

/**
 * Loads the kernels through the given WebAssembly API (the global one, or a stand-in in tests) and
 * installs them, or records why float32 stays on the JS kernels. Never rejects.
 */
export async function loadWith(wasm: WebAssemblyApi | undefined): Promise<KernelStatus> {
  try {
    if (wasm === undefined) return unavailable('this runtime has no WebAssembly');
    if (!wasm.validate(SIMD_PROBE)) return unavailable('this runtime has no WebAssembly SIMD');
    const relaxed = wasm.validate(RELAXED_PROBE);
    const memory = new wasm.Memory({ initial: 16 });
    const bytes = decode(relaxed ? RELAXED_SIMD_WASM : SIMD_WASM);
    const { instance } = await wasm.instantiate(bytes, { env: { memory } });
    installWasmKernels(
      wasmKernels(instance.exports as KernelExports, memory, jsKernelsFor('float32')),
      relaxed ? 'wasm-relaxed-simd' : 'wasm-simd',
    );
    return kernelStatus();
  } catch (error) {
    // e.g. a Content-Security-Policy whose script-src lacks 'wasm-unsafe-eval' refuses the compilation
    return unavailable(
      `the WebAssembly kernels could not be compiled: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

function unavailable(reason: string): KernelStatus {
  noteWasmUnavailable(reason);
  return kernelStatus();
}

/** Bytes from base64 (atob is in browsers, workers and Node alike). */
function decode(base64: string): Uint8Array {
  const text = (globalThis as unknown as { atob(data: string): string }).atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}
