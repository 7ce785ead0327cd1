// Writes each kernels/*.f64.ts from its *.f32.ts twin (run: node engine/kernels/generate.mjs).
// The copies are identical but for the array type, so V8 keeps one monomorphic kernel per dtype.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The float64 source for a float32 kernel source. Math.fround(x), which a float32 kernel uses for
 * "x as the array will store it", becomes (x): a float64 array stores any double as it is; an import
 * of another float32 kernel file becomes one of its float64 twin.
 */
export function toFloat64(source, fromName) {
  const banner = `// GENERATED from ${fromName} by generate.mjs: edit that file, then run node engine/kernels/generate.mjs.\n`;
  return (
    banner +
    source
      .replaceAll('Float32Array', 'Float64Array')
      .replaceAll('Float32 ', 'Float64 ')
      .replaceAll('Math.fround(', '(')
      .replace(/from '\.\/(\w+)\.f32'/g, "from './$1.f64'")
      .replaceAll('.f64.ts is generated from this file', '.f64.ts is this file, generated')
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = dirname(fileURLToPath(import.meta.url));
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.f32.ts'))) {
    const out = name.replace('.f32.ts', '.f64.ts');
    writeFileSync(join(dir, out), toFloat64(readFileSync(join(dir, name), 'utf8'), name));
    console.log(`wrote ${out}`);
  }
}
