// Linear, Embedding and Dropout layers with PyTorch's parameter names, shapes and initialisation.

import { dropout } from '../ops/dropout';
import { gatherRows, type Indices } from '../ops/gather';
import { linear } from '../ops/matmul';
import { Rng } from '../random';
import { randn, uniform, type DType, type Tensor } from '../tensor';
import { Module } from './module';

/** Options shared by layers that initialise weights. */
export interface InitOptions {
  /** Source of the initial weights (and of dropout masks, for layers with dropout). Default new Rng(0). */
  rng?: Rng;
  /** Parameter dtype. Default 'float32'. */
  dtype?: DType;
}

/** y = x·Wᵀ + b, as torch.nn.Linear. */
export class Linear extends Module {
  /** [outFeatures, inFeatures] */
  readonly weight: Tensor;
  /** [outFeatures], or null with `bias: false` */
  readonly bias: Tensor | null;

  /** Weight and bias start U(−1/√in, 1/√in), PyTorch's kaiming_uniform(a=√5) and bias rule, drawn weight first. */
  constructor(
    readonly inFeatures: number,
    readonly outFeatures: number,
    opts: InitOptions & { bias?: boolean } = {},
  ) {
    super();
    const rng = opts.rng ?? new Rng(0);
    const bound = 1 / Math.sqrt(inFeatures);
    this.weight = this.registerParameter(
      'weight',
      uniform([outFeatures, inFeatures], -bound, bound, rng, { dtype: opts.dtype }),
    );
    this.bias =
      opts.bias === false
        ? null
        : this.registerParameter('bias', uniform([outFeatures], -bound, bound, rng, { dtype: opts.dtype }));
  }

  /** @param x [..., inFeatures] @returns [..., outFeatures] */
  forward(x: Tensor): Tensor {
    return linear(x, this.weight, this.bias);
  }
}

/** A lookup table of vectors, as torch.nn.Embedding. */
export class Embedding extends Module {
  /** [numEmbeddings, embeddingDim] */
  readonly weight: Tensor;
  /** The row that stays zero and receives no gradient, or null. */
  readonly paddingIdx: number | null;

  /** Weights start N(0, 1) as in PyTorch; the padding row starts at zero. */
  constructor(
    readonly numEmbeddings: number,
    readonly embeddingDim: number,
    opts: InitOptions & { paddingIdx?: number | null } = {},
  ) {
    super();
    const p = opts.paddingIdx ?? null;
    if (p !== null && (p >= numEmbeddings || p < -numEmbeddings))
      throw new Error(`Embedding: paddingIdx ${p} out of range for ${numEmbeddings} embeddings`);
    this.paddingIdx = p === null ? null : p < 0 ? p + numEmbeddings : p;
    this.weight = this.registerParameter(
      'weight',
      randn([numEmbeddings, embeddingDim], opts.rng ?? new Rng(0), { dtype: opts.dtype }),
    );
    if (this.paddingIdx !== null)
      this.weight.data.fill(0, this.paddingIdx * embeddingDim, (this.paddingIdx + 1) * embeddingDim);
  }

  /** @param indices any shape S of integers in [0, numEmbeddings) @returns [...S, embeddingDim] */
  forward(indices: Indices): Tensor {
    return gatherRows(this.weight, indices, { paddingIdx: this.paddingIdx });
  }
}

/** Inverted dropout as a layer, as torch.nn.Dropout; the identity in eval mode. */
export class Dropout extends Module {
  private readonly rng: Rng;

  constructor(
    readonly p: number,
    opts: { rng?: Rng } = {},
  ) {
    super();
    this.rng = opts.rng ?? new Rng(0);
  }

  forward(x: Tensor): Tensor {
    return dropout(x, this.p, { rng: this.rng, training: this.training });
  }
}
