// The Content-Security-Policy the site documents (public/_headers, the one file a host may copy), read from there so
// that the policy the browser tests serve is the policy the README promises.
import { readFileSync } from 'node:fs';

/** The documented policy, as one header value. */
export function documentedCsp(): string {
  const line = readFileSync('public/_headers', 'utf8')
    .split('\n')
    .find((l) => l.trim().startsWith('Content-Security-Policy:'));
  if (!line) throw new Error('public/_headers has no Content-Security-Policy line');
  return line.trim().slice('Content-Security-Policy:'.length).trim();
}

/** The documented policy without 'wasm-unsafe-eval': what a host that forbids WebAssembly would send. */
export function cspWithoutWasm(): string {
  return documentedCsp().replace(" 'wasm-unsafe-eval'", '');
}
