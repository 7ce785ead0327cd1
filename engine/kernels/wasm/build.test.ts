// The committed binaries are what the AssemblyScript sources compile to: rebuilding them in memory gives
// binary.generated.ts byte for byte (else: run node engine/kernels/wasm/build.mjs and commit the result).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileAll, GENERATED, generatedSource } from './build.mjs';

describe('binary.generated.ts', () => {
  it('holds what assembly/ compiles to, in both variants', async () => {
    const fresh = generatedSource(await compileAll());
    expect(
      readFileSync(GENERATED, 'utf8') === fresh,
      'binary.generated.ts is stale: run node engine/kernels/wasm/build.mjs',
    ).toBe(true);
  }, 120_000);
});
