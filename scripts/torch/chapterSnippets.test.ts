// The chapters' PyTorch code blocks run as printed: each is taken from its .mdx, given the names it assumes, run with
// Debian's python3-torch, and checked for the shapes and values the chapter states (skipped without PyTorch).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { torchPython } from './python';

const root = resolve(import.meta.dirname, '../..');
const python = torchPython();

/** The one ```python block of `chapter` that contains `marker`. */
export function pythonBlock(chapter: string, marker: string): string {
  const text = readFileSync(join(root, 'content', chapter), 'utf8');
  const blocks = [...text.matchAll(/```python\n([\s\S]*?)```/g)].map((m) => m[1]).filter((b) => b.includes(marker));
  if (blocks.length !== 1) throw new Error(`${chapter}: ${blocks.length} python blocks contain "${marker}"`);
  return blocks[0];
}

/** Run `code` in PyTorch's Python; its stdout, or the failure with stderr. */
function run(code: string): string {
  const result = spawnSync(python!, ['-c', code], { encoding: 'utf8', timeout: 60_000 });
  if (result.status !== 0) throw new Error(`python exited ${result.status}:\n${result.stderr}`);
  return result.stdout.trim();
}

describe.skipIf(python === null)("chapters' PyTorch snippets", () => {
  it('chapter 5: truncated BPTT gives every chunk as many targets as inputs, the last one shorter', () => {
    const setup = [
      'import torch, torch.nn as nn',
      'torch.manual_seed(0)',
      'batch_size, hidden_size, vocab_size, k = 2, 8, 11, 5',
      'data = torch.randint(vocab_size, (batch_size, 23))   # 23 tokens: 22 input positions, chunks 5,5,5,5,2',
      'embed = nn.Embedding(vocab_size, 4)',
      'rnn = nn.RNN(4, hidden_size, batch_first=True)',
      'head = nn.Linear(hidden_size, vocab_size)',
      'params = [*embed.parameters(), *rnn.parameters(), *head.parameters()]',
      'optimizer = torch.optim.SGD(params, lr=0.1)',
      'chunks = []',
      'def criterion(logits, target):',
      '    assert logits.shape[0] == target.shape[0], (tuple(logits.shape), tuple(target.shape))',
      '    chunks.append(target.shape[0] // batch_size)',
      '    return nn.functional.cross_entropy(logits, target)',
    ].join('\n');
    const out = run(`${setup}\n${pythonBlock('05-backpropagation-through-time.mdx', 'h.detach()')}\nprint(chunks)`);
    expect(out).toBe('[5, 5, 5, 5, 2]');
  });

  it("chapter 10: make_windows gives float32 windows that nn.RNN reads, the chapter's table of windows", () => {
    const check = [
      'x, y = make_windows([10, 11, 12, 11, 13, 14, 13, 15], 3)',
      'out, h = torch.nn.RNN(1, 4, batch_first=True)(x)',
      'print(x.dtype, tuple(x.shape), tuple(y.shape), tuple(out.shape))',
      'print(x[:, :, 0].int().tolist(), y.int().tolist())',
    ].join('\n');
    const out = run(`${pythonBlock('10-how-rnns-solve-problems.mdx', 'def make_windows')}\n${check}`);
    expect(out.split('\n')).toEqual([
      'torch.float32 (5, 3, 1) (5,) (5, 3, 4)',
      '[[10, 11, 12], [11, 12, 11], [12, 11, 13], [11, 13, 14], [13, 14, 13]] [11, 13, 14, 13, 15]',
    ]);
  });
});
