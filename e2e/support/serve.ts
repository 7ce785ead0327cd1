// Vitest global setup for browser tests: serve dist/ (or $E2E_DIST) with `astro preview` on 127.0.0.1 and hand its URL to the tests.
import { preview } from 'astro';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const port = Number(process.env.E2E_PORT ?? 4399);
  // E2E_DIST serves a build made with `astro build --outDir <dir>`, so engineers sharing a checkout do not overwrite one dist/.
  const outDir = process.env.E2E_DIST ? { outDir: process.env.E2E_DIST } : {};
  const server = await preview({
    root: process.cwd(),
    ...outDir,
    logLevel: 'error',
    server: { host: '127.0.0.1', port },
  });
  project.provide('baseURL', `http://127.0.0.1:${server.port}`);
  return async () => {
    await server.stop();
  };
}
