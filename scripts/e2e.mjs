// Runs the browser tests against the production build, or explains how to get Chromium when it is missing.
// Without Chromium the tests are skipped with exit 0, unless E2E_REQUIRED=1 (CI), where that is a failure.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const required = process.env.E2E_REQUIRED === '1';

if (!existsSync(chromium)) {
  const message = [
    '',
    '*** Browser tests SKIPPED: no Chromium at ' + chromium + '.',
    '*** Install it with:  sudo apt-get install -y chromium   (Debian/Ubuntu)',
    '*** or point CHROMIUM_PATH at a Chromium binary, then run:  npm run test:e2e',
    '',
  ].join('\n');
  if (required) {
    console.error(message + '*** E2E_REQUIRED=1, so this is a failure.\n');
    process.exit(1);
  }
  console.warn(message);
  process.exit(0);
}

const dist = process.env.E2E_DIST || 'dist';
if (!existsSync(`${dist}/index.html`)) {
  console.error(`No production build in ${dist}/: run \`npm run build\` first (npm test does it for you).`);
  process.exit(1);
}

const result = spawnSync('npx', ['vitest', 'run', '--config', 'vitest.e2e.config.ts', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, CHROMIUM_PATH: chromium },
});
process.exit(result.status ?? 1);
