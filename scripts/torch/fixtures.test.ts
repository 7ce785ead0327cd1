// The committed PyTorch fixtures are exactly what scripts/torch/gen_fixtures.py writes with this machine's
// PyTorch: regenerated into a temporary folder and compared byte for byte (skipped without PyTorch).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { torchPython } from './python';

const root = resolve(import.meta.dirname, '../..');
const committed = join(root, 'engine/testing/fixtures');
const python = torchPython();

describe.skipIf(python === null)('PyTorch fixtures', () => {
  const out = mkdtempSync(join(tmpdir(), 'fixtures-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('are what gen_fixtures.py writes today, byte for byte', () => {
    const run = spawnSync(python!, [join(root, 'scripts/torch/gen_fixtures.py')], {
      env: { ...process.env, FIXTURES_OUT_DIR: out },
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
    const names = readdirSync(committed).filter((f) => f.endsWith('.json'));
    expect(readdirSync(out).sort()).toEqual(names.sort());
    for (const name of names) {
      const fresh = readFileSync(join(out, name), 'utf8');
      expect(fresh === readFileSync(join(committed, name), 'utf8'), `${name} differs: rerun gen_fixtures.py`).toBe(
        true,
      );
    }
  });
});
