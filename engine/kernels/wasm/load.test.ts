// Loading falls back to the JS kernels, with the reason, when WebAssembly, its SIMD or the permission to
// compile (a Content-Security-Policy without 'wasm-unsafe-eval') is missing, and picks relaxed SIMD only
// where it validates.
import { afterAll, describe, expect, it } from 'vitest';
import { jsKernelsFor, kernelsFor, kernelStatus, setWasmKernelsEnabled } from '../index';
import { RELAXED_SIMD_WASM, SIMD_WASM } from './binary.generated';
import { loadWith, type WebAssemblyApi } from './load';

const real = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;
const wasEnabled = kernelStatus().float32 !== 'js';
afterAll(async () => {
  await loadWith(real); // the real kernels again, as the rest of this file's process expects
  setWasmKernelsEnabled(wasEnabled);
});

describe('loading the WebAssembly kernels', () => {
  it('stays on the JS kernels in a runtime without WebAssembly', async () => {
    const status = await loadWith(undefined);
    expect(status).toEqual({ float32: 'js', reason: 'this runtime has no WebAssembly' });
    expect(kernelsFor('float32')).toBe(jsKernelsFor('float32'));
  });

  it('stays on the JS kernels without SIMD', async () => {
    const status = await loadWith({
      validate: () => false,
      Memory: real.Memory,
      instantiate: (bytes, imports) => real.instantiate(bytes, imports),
    });
    expect(status).toEqual({ float32: 'js', reason: 'this runtime has no WebAssembly SIMD' });
  });

  it('says why when compilation is refused (a CSP without wasm-unsafe-eval), and does not hang', async () => {
    const refusal =
      "WebAssembly.instantiate(): Refused to compile or instantiate WebAssembly module because 'wasm-unsafe-eval' is not an allowed source of script";
    const status = await loadWith({
      validate: (bytes) => real.validate(bytes),
      Memory: real.Memory,
      instantiate: () => Promise.reject(new Error(refusal)),
    });
    expect(status.float32).toBe('js');
    expect(status.reason).toContain('wasm-unsafe-eval');
    expect(kernelsFor('float32')).toBe(jsKernelsFor('float32'));
  });

  it('compiles the relaxed-SIMD build where relaxed SIMD validates, the plain one where it does not', async () => {
    const given: Uint8Array[] = [];
    const fake = (relaxed: boolean): WebAssemblyApi => ({
      validate: (bytes) => relaxed || real.validate(bytes),
      Memory: real.Memory,
      instantiate: (bytes, imports) => {
        given.push(bytes);
        return real.instantiate(Buffer.from(SIMD_WASM, 'base64'), imports); // runs anywhere this test does
      },
    });
    expect((await loadWith(fake(true))).float32).toBe('wasm-relaxed-simd');
    expect((await loadWith(fake(false))).float32).toBe(
      real.validate(Buffer.from(RELAXED_SIMD_WASM, 'base64')) ? 'wasm-relaxed-simd' : 'wasm-simd',
    );
    expect(Buffer.from(given[0]).toString('base64')).toBe(RELAXED_SIMD_WASM);
    expect(Buffer.from(given[1]).toString('base64')).toBe(
      given.length === 2 && real.validate(Buffer.from(RELAXED_SIMD_WASM, 'base64')) ? RELAXED_SIMD_WASM : SIMD_WASM,
    );
  });
});
