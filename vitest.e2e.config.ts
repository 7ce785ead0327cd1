// Browser tests: playwright-core drives the system Chromium against the production build served on 127.0.0.1.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['e2e/**/*.spec.ts'],
    globalSetup: ['e2e/support/serve.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // One browser at a time: the machines have two cores and tests measure the main thread.
    fileParallelism: false,
  },
});
