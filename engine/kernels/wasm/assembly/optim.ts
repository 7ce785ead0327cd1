// The optimizers' update loops (../../optim.f32.ts, torch.optim's rules), two elements at a time in
// double precision: the same operations in the same order as the JS loops, each stored value rounded
// to float32 where the JS loop rounds it (Math.fround, or the store), so both give the same bits.

/** Two float32s from p as doubles, or one into lane 0 for an odd last element. */
// @ts-ignore: decorator
@inline
function ld(p: usize, full: bool): v128 {
  return f64x2.promote_low_f32x4(full ? v128.load64_zero(p) : v128.load32_zero(p));
}

/** Two doubles to p as float32s (rounded to nearest), or lane 0 only. */
// @ts-ignore: decorator
@inline
function st(p: usize, v: v128, full: bool): void {
  const f = f32x4.demote_f64x2_zero(v);
  if (full) v128.store64_lane(p, f, 0);
  else v128.store32_lane(p, f, 0);
}

/** The value as a float32 array would store it, as a double again (Math.fround). */
// @ts-ignore: decorator
@inline
function fround(v: v128): v128 {
  return f64x2.promote_low_f32x4(f32x4.demote_f64x2_zero(v));
}

// @ts-ignore: decorator
@inline
function sp(x: f64): v128 {
  return f64x2.splat(x);
}

/** out = grad + λ·param. */
export function addScaled(n: i32, grad: usize, param: usize, lambda: f64, out: usize): void {
  let j = 0;
  for (; j + 2 <= n; j += 2) addScaledLanes(<usize>j << 2, grad, param, lambda, out, true);
  if (j < n) addScaledLanes(<usize>j << 2, grad, param, lambda, out, false);
}

// @ts-ignore: decorator
@inline
function addScaledLanes(o: usize, grad: usize, param: usize, lambda: f64, out: usize, full: bool): void {
  st(out + o, f64x2.add(ld(grad + o, full), f64x2.mul(sp(lambda), ld(param + o, full))), full);
}

/** Adam (optim.f32.ts adamUpdate). */
export function adamUpdate(
  n: i32,
  param: usize,
  g: usize,
  m: usize,
  v: usize,
  beta1: f64,
  beta2: f64,
  stepSize: f64,
  bias2Sqrt: f64,
  eps: f64,
): void {
  let j = 0;
  for (; j + 2 <= n; j += 2) adamLanes(<usize>j << 2, param, g, m, v, 0, beta1, beta2, stepSize, bias2Sqrt, eps, true);
  if (j < n) adamLanes(<usize>j << 2, param, g, m, v, 0, beta1, beta2, stepSize, bias2Sqrt, eps, false);
}

/** Adam with AMSGrad (optim.f32.ts amsgradUpdate). */
export function amsgradUpdate(
  n: i32,
  param: usize,
  g: usize,
  m: usize,
  v: usize,
  vMax: usize,
  beta1: f64,
  beta2: f64,
  stepSize: f64,
  bias2Sqrt: f64,
  eps: f64,
): void {
  let j = 0;
  for (; j + 2 <= n; j += 2) adamLanes(<usize>j << 2, param, g, m, v, vMax, beta1, beta2, stepSize, bias2Sqrt, eps, true);
  if (j < n) adamLanes(<usize>j << 2, param, g, m, v, vMax, beta1, beta2, stepSize, bias2Sqrt, eps, false);
}

// @ts-ignore: decorator
@inline
function adamLanes(
  o: usize,
  param: usize,
  g: usize,
  m: usize,
  v: usize,
  vMax: usize,
  beta1: f64,
  beta2: f64,
  stepSize: f64,
  bias2Sqrt: f64,
  eps: f64,
  full: bool,
): void {
  const gj = ld(g + o, full);
  const mj = fround(f64x2.add(f64x2.mul(sp(beta1), ld(m + o, full)), f64x2.mul(sp(1 - beta1), gj)));
  const vj = fround(f64x2.add(f64x2.mul(sp(beta2), ld(v + o, full)), f64x2.mul(f64x2.mul(sp(1 - beta2), gj), gj)));
  st(m + o, mj, full);
  st(v + o, vj, full);
  let denom = vj;
  if (vMax !== 0) {
    denom = f64x2.max(ld(vMax + o, full), vj);
    st(vMax + o, denom, full);
  }
  const step = f64x2.div(
    f64x2.mul(sp(stepSize), mj),
    f64x2.add(f64x2.div(f64x2.sqrt(denom), sp(bias2Sqrt)), sp(eps)),
  );
  st(param + o, f64x2.sub(ld(param + o, full), step), full);
}

/**
 * RMSprop in its four forms (optim.f32.ts rmspropUpdate, …Momentum…, …Centered…): gAvg 0 for the
 * plain form, buf 0 without momentum.
 */
export function rmspropUpdate(
  n: i32,
  param: usize,
  g: usize,
  s: usize,
  gAvg: usize,
  buf: usize,
  alpha: f64,
  mu: f64,
  lr: f64,
  eps: f64,
): void {
  let j = 0;
  for (; j + 2 <= n; j += 2) rmspropLanes(<usize>j << 2, param, g, s, gAvg, buf, alpha, mu, lr, eps, true);
  if (j < n) rmspropLanes(<usize>j << 2, param, g, s, gAvg, buf, alpha, mu, lr, eps, false);
}

// @ts-ignore: decorator
@inline
function rmspropLanes(
  o: usize,
  param: usize,
  g: usize,
  s: usize,
  gAvg: usize,
  buf: usize,
  alpha: f64,
  mu: f64,
  lr: f64,
  eps: f64,
  full: bool,
): void {
  const c = sp(1 - alpha);
  const gj = ld(g + o, full);
  const sj = fround(f64x2.add(f64x2.mul(sp(alpha), ld(s + o, full)), f64x2.mul(f64x2.mul(c, gj), gj)));
  st(s + o, sj, full);
  let square = sj;
  if (gAvg !== 0) {
    const aj = fround(f64x2.add(f64x2.mul(sp(alpha), ld(gAvg + o, full)), f64x2.mul(c, gj)));
    st(gAvg + o, aj, full);
    square = f64x2.sub(sj, f64x2.mul(aj, aj));
  }
  const denom = f64x2.add(f64x2.sqrt(square), sp(eps));
  const p = ld(param + o, full);
  if (buf !== 0) {
    const bj = fround(f64x2.add(f64x2.mul(sp(mu), ld(buf + o, full)), f64x2.div(gj, denom)));
    st(buf + o, bj, full);
    st(param + o, f64x2.sub(p, f64x2.mul(sp(lr), bj)), full);
  } else {
    st(param + o, f64x2.sub(p, f64x2.div(f64x2.mul(sp(lr), gj), denom)), full);
  }
}

/**
 * SGD (optim.f32.ts sgdUpdate, sgdMomentumUpdate, sgdNesterovUpdate): buf 0 for plain SGD; with a
 * buffer, b ← keep·b + take·g and θ ← θ − lr·(g + μ·b) under Nesterov, θ ← θ − lr·b otherwise.
 */
export function sgdUpdate(
  n: i32,
  param: usize,
  g: usize,
  buf: usize,
  keep: f64,
  take: f64,
  mu: f64,
  nesterov: bool,
  lr: f64,
): void {
  let j = 0;
  for (; j + 2 <= n; j += 2) sgdLanes(<usize>j << 2, param, g, buf, keep, take, mu, nesterov, lr, true);
  if (j < n) sgdLanes(<usize>j << 2, param, g, buf, keep, take, mu, nesterov, lr, false);
}

// @ts-ignore: decorator
@inline
function sgdLanes(
  o: usize,
  param: usize,
  g: usize,
  buf: usize,
  keep: f64,
  take: f64,
  mu: f64,
  nesterov: bool,
  lr: f64,
  full: bool,
): void {
  const gj = ld(g + o, full);
  const p = ld(param + o, full);
  if (buf === 0) {
    st(param + o, f64x2.sub(p, f64x2.mul(sp(lr), gj)), full);
    return;
  }
  const bj = fround(f64x2.add(f64x2.mul(sp(keep), ld(buf + o, full)), f64x2.mul(sp(take), gj)));
  st(buf + o, bj, full);
  const d = nesterov ? f64x2.add(gj, f64x2.mul(sp(mu), bj)) : bj;
  st(param + o, f64x2.sub(p, f64x2.mul(sp(lr), d)), full);
}
