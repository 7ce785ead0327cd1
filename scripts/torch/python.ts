// Finds a Python that can import torch (Debian's python3-torch), for the tests that cross-check the engine
// against PyTorch live; where there is none they skip with a message saying how to add it.
import { spawnSync } from 'node:child_process';

/** How to get PyTorch on a Debian machine; printed when a cross-check is skipped. */
export const TORCH_HINT =
  'PyTorch cross-checks SKIPPED: no python3 with torch. Install it with: sudo apt-get install -y python3-torch';

let found: string | null | undefined;

/**
 * The first of `$TORCH_PYTHON`, /usr/bin/python3 (where Debian installs python3-torch) and `python3` on the PATH
 * that imports torch, or null.
 */
export function torchPython(): string | null {
  if (found !== undefined) return found;
  const candidates = [process.env.TORCH_PYTHON, '/usr/bin/python3', 'python3'].filter((c): c is string => !!c);
  found = candidates.find((py) => spawnSync(py, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0) ?? null;
  if (found === null) console.warn(`\n*** ${TORCH_HINT}\n`);
  return found;
}
