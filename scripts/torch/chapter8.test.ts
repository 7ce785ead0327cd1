// Chapter 8 quotes what PyTorch says when a label is out of range for the loss; this runs PyTorch (Debian's
// python3-torch) and checks the chapter quotes its words exactly. Skips with a message where there is no torch.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { torchPython } from './python';

const chapter = readFileSync(new URL('../../content/08-tuning.mdx', import.meta.url), 'utf8');
const python = torchPython();

describe('chapter 8 against PyTorch', () => {
  it.skipIf(python === null)(
    'quotes the IndexError nn.CrossEntropyLoss raises for a label of 2 with two classes',
    () => {
      const quoted = /`(IndexError: Target 2 is out of bounds\.?)`/.exec(chapter)?.[1];
      expect(quoted, 'the chapter quotes an IndexError for target 2').toBeDefined();
      const code = [
        'import torch',
        'try:',
        '    torch.nn.CrossEntropyLoss()(torch.zeros(3, 2), torch.tensor([0, 1, 2]))',
        'except IndexError as e:',
        '    print(f"IndexError: {e}")',
      ].join('\n');
      const run = spawnSync(python!, ['-c', code], { encoding: 'utf8', timeout: 60_000 });
      expect(run.status).toBe(0);
      expect(run.stdout.trim()).toBe(quoted);
    },
  );
});
