// Unit tests: engine, data, and the pure parts of components; browser tests live in e2e/ and run separately.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'engine/**/*.test.ts',
      'components/**/*.test.ts',
      'scripts/**/*.test.ts',
      'src/**/*.test.ts',
      'bench/**/*.test.ts',
    ],
    testTimeout: 60_000,
    setupFiles: ['./vitest.setup.ts'],
  },
});
