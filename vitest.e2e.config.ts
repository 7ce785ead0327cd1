// Browser tests: playwright-core drives the system Chromium against the production build served on 127.0.0.1.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['e2e/**/*.spec.ts'],
    globalSetup: ['e2e/support/serve.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Two spec files at a time: the machines have two cores, and much of a browser test is waiting (pages, axe,
    // screenshots). Main-thread checks measure the CPU time of tasks from a trace, which sharing does not inflate.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
