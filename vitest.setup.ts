// Every unit test file runs on the WebAssembly float32 kernels, or on the JS kernels when ENGINE_KERNELS=js
// (vitest.config.ts runs the suite both ways). float64 always runs on the JS kernels.
import { loadWasmKernels } from './engine/kernels/wasm/load';

if (process.env.ENGINE_KERNELS !== 'js') {
  const status = await loadWasmKernels();
  if (status.float32 === 'js') throw new Error(`unit tests: the WebAssembly kernels did not load (${status.reason})`);
}
