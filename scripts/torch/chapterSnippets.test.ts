// The chapters' Python code blocks run as printed: each is taken from its .mdx, given the names it assumes, run with
// Debian's python3-torch, and checked for the shapes and values the chapter states (skipped without PyTorch).
// Every block of chapters 2-6, 10 and 11; chapters 8 and 9 are being rewritten on other branches.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STEP_CELL_WEIGHTS } from '../../components/widgets/StepCell/model';
import { DEFAULT_SEQUENCE } from '../../components/widgets/StepCell/state';
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

/** Python source for a JSON-like value (numbers and nested lists). */
const py = (value: unknown): string => JSON.stringify(value);

describe.skipIf(python === null)("chapters' PyTorch snippets", () => {
  it("chapter 2: rnn_step with the step cell's weights carries h_0 = 0 to the h_5 the chapter quotes", () => {
    const setup = [
      'import numpy as np',
      `W_xh, W_hh, b_h = (np.array(a) for a in (${py(STEP_CELL_WEIGHTS.Wxh)}, ${py(STEP_CELL_WEIGHTS.Whh)}, ${py(STEP_CELL_WEIGHTS.bh)}))`,
      'hidden_size = 3',
      `sequence = [np.array(x) for x in ${py(DEFAULT_SEQUENCE)}]`,
    ].join('\n');
    const out = run(
      `${setup}\n${pythonBlock('02-how-it-works.mdx', 'def rnn_step')}\nprint(' '.join(f'{v:.3f}' for v in h))`,
    );
    expect(out).toBe('-0.312 0.197 0.172');
  });

  it("chapter 3: nn.RNN's parameter names and shapes and its outputs' shapes are those in the comments", () => {
    const out = run(pythonBlock('03-the-math.mdx', 'named_parameters'));
    expect(out.split('\n')).toEqual([
      'weight_ih_l0 (2, 1)',
      'weight_hh_l0 (2, 2)',
      'bias_ih_l0 (2,)',
      'bias_hh_l0 (2,)',
      'torch.Size([1, 3, 2])',
      'torch.Size([1, 1, 2])',
    ]);
  });

  it('chapter 4: the hand-unrolled RNNCell loop equals nn.RNN', () => {
    expect(run(pythonBlock('04-unrolling.mdx', 'nn.RNNCell')).split('\n')).toEqual(['True', 'True']);
  });

  it('chapter 5: clip_grad_norm_ between backward() and step() leaves a gradient of norm 1', () => {
    const setup = [
      'import torch, torch.nn as nn',
      'torch.manual_seed(0)',
      'model = nn.RNN(3, 4)',
      'optimizer = torch.optim.SGD(model.parameters(), lr=0.1)',
      'loss = 100 * model(torch.randn(6, 2, 3))[0].pow(2).sum()',
    ].join('\n');
    const check = [
      'norm = torch.cat([p.grad.flatten() for p in model.parameters()]).norm().item()',
      "print(f'{norm:.6f}')",
    ].join('\n');
    expect(
      run(`${setup}\n${pythonBlock('05-backpropagation-through-time.mdx', 'clip_grad_norm_(model')}\n${check}`),
    ).toBe('1.000000');
  });

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

  it("chapter 6: a two-layer bidirectional LSTM's outputs have the shapes in the comments", () => {
    expect(run(pythonBlock('06-variants.mdx', 'nn.LSTM(')).split('\n')).toEqual([
      'torch.Size([8, 30, 256])',
      'torch.Size([4, 8, 128])',
      'torch.Size([4, 8, 128])',
    ]);
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

  it("chapter 10: CharModel's logits are (B, T, vocab) and sample() writes the prompt plus `length` characters", () => {
    const setup = [
      'import torch',
      'torch.manual_seed(0)',
      "itos = sorted(set('call me ishmael. '))",
      'stoi = {c: i for i, c in enumerate(itos)}',
    ].join('\n');
    const check = [
      'model = CharModel(len(itos), hidden_size=16)',
      'logits, h = model(torch.tensor([[stoi[c] for c in "call me"]]))',
      'print(tuple(logits.shape), tuple(h.shape))',
      "text = sample(model, 'call ', length=30)",
      'print(len(text), text.startswith("call "), set(text) <= set(itos))',
    ].join('\n');
    const code = [
      setup,
      pythonBlock('10-how-rnns-solve-problems.mdx', 'class CharModel'),
      pythonBlock('10-how-rnns-solve-problems.mdx', 'def sample'),
      check,
    ].join('\n');
    // 10 distinct characters in 'call me ishmael. '; the GRU's state is (num_layers, B, hidden_size).
    expect(run(code).split('\n')).toEqual(['(1, 7, 10) (1, 1, 16)', '35 True True']);
  });

  it('chapter 11: pack_padded_sequence gives the data and batch sizes in the comments', () => {
    expect(run(pythonBlock('11-tips.mdx', 'pack_padded_sequence(')).split('\n')).toEqual([
      'tensor([1., 7., 5., 2., 8., 6., 3., 9., 4.])',
      'tensor([3, 3, 2, 1])',
    ]);
  });

  it('chapter 11: decode_train returns (B, T-1, vocab) logits with teacher forcing on, off and mixed', () => {
    const decoder = [
      'import torch.nn as nn',
      'torch.manual_seed(0)',
      'class Decoder(nn.Module):',
      '    def __init__(self):',
      '        super().__init__()',
      '        self.embed, self.rnn, self.head = nn.Embedding(7, 5), nn.GRU(5, 6, batch_first=True), nn.Linear(6, 7)',
      '    def forward(self, x, h):',
      '        out, h = self.rnn(self.embed(x), h)',
      '        return self.head(out), h',
    ].join('\n');
    const check = [
      'targets = torch.randint(7, (3, 9))',
      'for ratio in (1.0, 0.0, 0.5):',
      '    print(tuple(decode_train(Decoder(), None, targets, ratio).shape))',
    ].join('\n');
    const code = `${pythonBlock('11-tips.mdx', 'def decode_train')}\n${decoder}\n${check}`;
    expect(run(code).split('\n')).toEqual(['(3, 8, 7)', '(3, 8, 7)', '(3, 8, 7)']);
  });
});
