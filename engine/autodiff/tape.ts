// Reverse-mode autodiff: ops record a node (parents + backward closure) on their output, and
// backward() replays those closures from the output back to the leaves, iteratively.

import { allocate, type DType, type TensorData } from '../storage';
import type { GradNode, GraphTensor as Tensor } from './graph';
import { isGradEnabled } from './gradMode';

/** Options for `backward`. */
export interface BackwardOptions {
  /** The seed ∂L/∂root, same length as the root; defaults to 1 for a one-element root. */
  grad?: ArrayLike<number>;
  /** Keep the graph so backward can run through it again (PyTorch's retain_graph); default false frees it. */
  retainGraph?: boolean;
}

// Creation counter: a parent always exists before its child, so ids give a topological order.
let nextId = 0;

/** True when an op on these inputs must record its backward: recording is on and some input requires grad. */
export function needsGrad(a: Tensor, b?: Tensor, c?: Tensor, d?: Tensor): boolean {
  if (!isGradEnabled()) return false;
  return (
    a.requiresGrad ||
    (b !== undefined && b.requiresGrad) ||
    (c !== undefined && c.requiresGrad) ||
    (d !== undefined && d.requiresGrad)
  );
}

/** True when recording is on and any of `inputs` requires grad. */
export function anyNeedsGrad(inputs: readonly Tensor[]): boolean {
  if (!isGradEnabled()) return false;
  for (const t of inputs) if (t.requiresGrad) return true;
  return false;
}

/**
 * Links `out` to the graph. `backward` runs once `out.grad` holds ∂L/∂out and must add (+=) each
 * parent's share into `parent.ensureGrad()` for every parent that `requiresGrad`.
 */
export function record(out: Tensor, op: string, parents: readonly Tensor[], backward: () => void): void {
  out.requiresGrad = true;
  out.gradNode = { id: nextId++, op, parents, backward };
}

// Gradient buffers of op outputs (not of leaves) last one backward pass: the next pass takes them
// back, setting those tensors' grad to null, and hands them out again, zeroed, to its own op
// outputs. In a training loop the same shapes recur every step, so after the first step no
// gradient buffer of an intermediate result is allocated (fresh typed arrays are what a small
// model's step would otherwise spend much of its time on: each is new memory until V8 collects).
let lentTo: Tensor[] = [];
let lent: TensorData[] = [];
let spare: Record<DType, Map<number, TensorData[]>> = { float32: new Map(), float64: new Map() };

/** A zero gradient buffer for op output `t`, reused from the previous pass when one of its size is free. */
export function opGradBuffer(t: Tensor): TensorData {
  const reused = spare[t.dtype].get(t.size)?.pop();
  const buf = reused ?? allocate(t.dtype, t.size);
  if (reused !== undefined) buf.fill(0);
  lentTo.push(t);
  lent.push(buf);
  return buf;
}

/** Takes back the buffers handed out since the last pass began (those still the tensor's grad); older spares are dropped. */
function takeBackGradBuffers(): void {
  const next: Record<DType, Map<number, TensorData[]>> = { float32: new Map(), float64: new Map() };
  for (let i = 0; i < lentTo.length; i++) {
    const t = lentTo[i];
    const buf = lent[i];
    if (t.grad !== buf) continue; // cleared or replaced by the user: not ours to reuse
    t.grad = null;
    const bySize = next[t.dtype];
    const list = bySize.get(buf.length);
    if (list === undefined) bySize.set(buf.length, [buf]);
    else list.push(buf);
  }
  lentTo = [];
  lent = [];
  spare = next;
}

/**
 * Back-propagates from `root`: collects every node it depends on (an explicit stack, never
 * recursion, so a 10,000-step unroll is fine), then runs their closures in reverse creation
 * order. Leaf gradients accumulate across calls. Op outputs keep the gradient of this call,
 * readable as `t.grad` (PyTorch would need retain_grad()), until the next backward() begins:
 * that pass reuses their buffers and sets their grad to null, so copy one (`t.grad.slice()`) to
 * keep it longer.
 */
export function backward(root: Tensor, opts: BackwardOptions = {}): void {
  if (!root.requiresGrad)
    throw new Error(
      `backward: ${root.toString()} does not require grad (no parameter or input with requiresGrad led to it)`,
    );
  let seed: ArrayLike<number> | null = opts.grad ?? null;
  if (seed === null) {
    if (root.size !== 1)
      throw new Error(
        `backward: root of shape [${root.shape.join(',')}] is not a scalar; pass { grad } of the same shape`,
      );
    seed = [1];
  }
  if (seed.length !== root.size)
    throw new Error(
      `backward: grad has ${seed.length} elements but the root [${root.shape.join(',')}] has ${root.size}`,
    );

  takeBackGradBuffers();
  const nodes = collect(root);
  // Op outputs start this pass at zero; leaves keep accumulating, as in PyTorch.
  for (const t of nodes) if (t.grad !== null) t.grad.fill(0);
  const g: TensorData = root.ensureGrad();
  for (let i = 0; i < g.length; i++) g[i] = g[i] + seed[i];

  nodes.sort((a, b) => (b.gradNode as GradNode).id - (a.gradNode as GradNode).id);
  for (const t of nodes) {
    const node = t.gradNode as GradNode;
    if (t.grad !== null) node.backward();
    if (!opts.retainGraph) t.gradNode = freed(node);
  }
}

/** Every tensor with a grad node reachable from `root` through parents that require grad (root included). */
function collect(root: Tensor): Tensor[] {
  const out: Tensor[] = [];
  const seen = new Set<Tensor>();
  const stack: Tensor[] = [root];
  seen.add(root);
  while (stack.length > 0) {
    const t = stack.pop() as Tensor;
    if (t.gradNode === null) continue;
    out.push(t);
    for (const p of t.gradNode.parents) {
      if (p.requiresGrad && !seen.has(p)) {
        seen.add(p);
        stack.push(p);
      }
    }
  }
  return out;
}

/** A stand-in for a node whose closure was released, so a second pass fails loudly instead of stopping short. */
function freed(node: GradNode): GradNode {
  return {
    id: node.id,
    op: node.op,
    parents: [],
    backward: () => {
      throw new Error(
        `backward: the graph through '${node.op}' was freed by an earlier backward(); pass { retainGraph: true } to the first call`,
      );
    },
  };
}

/** Zeroes the gradients of `params` in place (keeping the buffers for the next step). */
export function zeroGrad(params: Iterable<Tensor>): void {
  for (const p of params) if (p.grad !== null) p.grad.fill(0);
}
