// GENERATED from optim.f32.ts by generate.mjs: edit that file, then run node engine/kernels/generate.mjs.
// Float64 update loops of the optimizers (torch.optim's rules), one function per variant so that no
// option is tested per element. optim.f64.ts is this file, generated (see gemm.f32.ts for why).
// Each loop computes a state element's new value in double precision, then goes on with the value
// as the array stores it (as PyTorch goes on with the stored tensor) without reading it back: that
// is Math.fround here, and nothing in the float64 copy. g is the gradient after weight decay
// (addScaled), or the gradient itself without it.

type Arr = Float64Array;

/** out = grad + λ·param: the gradient with L2 weight decay, in the parameter's dtype as PyTorch's grad.add(param, alpha=λ). */
export function addScaled(n: number, grad: Arr, param: Arr, lambda: number, out: Arr): void {
  for (let j = 0; j < n; j++) out[j] = grad[j] + lambda * param[j];
}

/**
 * Adam: m ← β1·m + (1 − β1)·g; v ← β2·v + (1 − β2)·g²; θ ← θ − stepSize·m / (√v / bias2Sqrt + ε),
 * stepSize = lr / (1 − β1ᵗ), bias2Sqrt = √(1 − β2ᵗ).
 */
export function adamUpdate(
  n: number,
  param: Arr,
  g: Arr,
  m: Arr,
  v: Arr,
  beta1: number,
  beta2: number,
  stepSize: number,
  bias2Sqrt: number,
  eps: number,
): void {
  const c1 = 1 - beta1;
  const c2 = 1 - beta2;
  for (let j = 0; j < n; j++) {
    const gj = g[j];
    const mj = (beta1 * m[j] + c1 * gj);
    const vj = (beta2 * v[j] + c2 * gj * gj);
    m[j] = mj;
    v[j] = vj;
    param[j] -= (stepSize * mj) / (Math.sqrt(vj) / bias2Sqrt + eps);
  }
}

/** Adam with AMSGrad: as adamUpdate, but divided by the running maximum vMax of v. */
export function amsgradUpdate(
  n: number,
  param: Arr,
  g: Arr,
  m: Arr,
  v: Arr,
  vMax: Arr,
  beta1: number,
  beta2: number,
  stepSize: number,
  bias2Sqrt: number,
  eps: number,
): void {
  const c1 = 1 - beta1;
  const c2 = 1 - beta2;
  for (let j = 0; j < n; j++) {
    const gj = g[j];
    const mj = (beta1 * m[j] + c1 * gj);
    const vj = (beta2 * v[j] + c2 * gj * gj);
    const vMaxj = Math.max(vMax[j], vj);
    m[j] = mj;
    v[j] = vj;
    vMax[j] = vMaxj;
    param[j] -= (stepSize * mj) / (Math.sqrt(vMaxj) / bias2Sqrt + eps);
  }
}

/** RMSprop: s ← α·s + (1 − α)·g²; θ ← θ − lr·g / (√s + ε). */
export function rmspropUpdate(n: number, param: Arr, g: Arr, s: Arr, alpha: number, lr: number, eps: number): void {
  const c = 1 - alpha;
  for (let j = 0; j < n; j++) {
    const gj = g[j];
    const sj = (alpha * s[j] + c * gj * gj);
    s[j] = sj;
    param[j] -= (lr * gj) / (Math.sqrt(sj) + eps);
  }
}

/** RMSprop with momentum μ: s as rmspropUpdate; b ← μ·b + g / (√s + ε); θ ← θ − lr·b. */
export function rmspropMomentumUpdate(
  n: number,
  param: Arr,
  g: Arr,
  s: Arr,
  buf: Arr,
  alpha: number,
  mu: number,
  lr: number,
  eps: number,
): void {
  const c = 1 - alpha;
  for (let j = 0; j < n; j++) {
    const gj = g[j];
    const sj = (alpha * s[j] + c * gj * gj);
    const bj = (mu * buf[j] + gj / (Math.sqrt(sj) + eps));
    s[j] = sj;
    buf[j] = bj;
    param[j] -= lr * bj;
  }
}

/** Centered RMSprop: also ḡ ← α·ḡ + (1 − α)·g, and the denominator is √(s − ḡ²) + ε. */
export function rmspropCenteredUpdate(
  n: number,
  param: Arr,
  g: Arr,
  s: Arr,
  gAvg: Arr,
  alpha: number,
  lr: number,
  eps: number,
): void {
  const c = 1 - alpha;
  for (let j = 0; j < n; j++) {
    const gj = g[j];
    const sj = (alpha * s[j] + c * gj * gj);
    const aj = (alpha * gAvg[j] + c * gj);
    s[j] = sj;
    gAvg[j] = aj;
    param[j] -= (lr * gj) / (Math.sqrt(sj - aj * aj) + eps);
  }
}

/** Centered RMSprop with momentum. */
export function rmspropCenteredMomentumUpdate(
  n: number,
  param: Arr,
  g: Arr,
  s: Arr,
  gAvg: Arr,
  buf: Arr,
  alpha: number,
  mu: number,
  lr: number,
  eps: number,
): void {
  const c = 1 - alpha;
  for (let j = 0; j < n; j++) {
    const gj = g[j];
    const sj = (alpha * s[j] + c * gj * gj);
    const aj = (alpha * gAvg[j] + c * gj);
    const bj = (mu * buf[j] + gj / (Math.sqrt(sj - aj * aj) + eps));
    s[j] = sj;
    gAvg[j] = aj;
    buf[j] = bj;
    param[j] -= lr * bj;
  }
}

/** SGD: θ ← θ − lr·g. */
export function sgdUpdate(n: number, param: Arr, g: Arr, lr: number): void {
  for (let j = 0; j < n; j++) param[j] -= lr * g[j];
}

/**
 * SGD with momentum: b ← keep·b + take·g; θ ← θ − lr·b. PyTorch's first step sets b = g
 * (keep = 0, take = 1 on a zero buffer); later steps keep = μ, take = 1 − dampening.
 */
export function sgdMomentumUpdate(
  n: number,
  param: Arr,
  g: Arr,
  buf: Arr,
  keep: number,
  take: number,
  lr: number,
): void {
  for (let j = 0; j < n; j++) {
    const bj = (keep * buf[j] + take * g[j]);
    buf[j] = bj;
    param[j] -= lr * bj;
  }
}

/** SGD with Nesterov momentum: b as sgdMomentumUpdate; θ ← θ − lr·(g + μ·b). */
export function sgdNesterovUpdate(
  n: number,
  param: Arr,
  g: Arr,
  buf: Arr,
  keep: number,
  take: number,
  mu: number,
  lr: number,
): void {
  for (let j = 0; j < n; j++) {
    const gj = g[j];
    const bj = (keep * buf[j] + take * gj);
    buf[j] = bj;
    param[j] -= lr * (gj + mu * bj);
  }
}
