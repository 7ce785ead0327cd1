// Test helper: how many typed-array elements a function allocates, counted by wrapping the constructors.

const NAMES = ['Float64Array', 'Float32Array', 'Int32Array'] as const;

/**
 * The elements of every Float64Array, Float32Array and Int32Array that `run` creates, views of an
 * existing buffer excluded (`new X(n)`, `X.from`, `.slice()` count; `.subarray()` does not).
 */
export function countAllocations(run: () => void): number {
  const g = globalThis as unknown as Record<string, new (...args: unknown[]) => { length: number }>;
  const originals = NAMES.map((name) => g[name]);
  let count = 0;
  NAMES.forEach((name, i) => {
    g[name] = class extends originals[i] {
      constructor(...args: unknown[]) {
        super(...args);
        if (!(args[0] instanceof ArrayBuffer)) count += this.length;
      }
    };
  });
  try {
    run();
  } finally {
    NAMES.forEach((name, i) => (g[name] = originals[i]));
  }
  return count;
}
