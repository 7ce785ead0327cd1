// Vitest global setup for browser tests: serve dist/ (or $E2E_DIST) with `astro preview` on 127.0.0.1 and hand its URL to the tests.
import { createServer, type AddressInfo } from 'node:net';
import { preview } from 'astro';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
  }
}

/** A TCP port on 127.0.0.1 that nothing listens on now (the system picks it). */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // A port the system says is free, unless E2E_PORT names one: when a fixed port was taken (engineers sharing a machine),
  // astro preview moved to another but still reported the one asked for, and the tests talked to someone else's server.
  const port = process.env.E2E_PORT ? Number(process.env.E2E_PORT) : await freePort();
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
