// Four-lane float32 building blocks shared by the kernels: multiply-add (fused under relaxed SIMD,
// a multiply then an add otherwise) and exp, sigmoid and tanh accurate to a few float32 ulps.

/** a·b + c, one rounding under relaxed SIMD (where the engine's relaxed build runs), two otherwise. */
// @ts-ignore: decorator
@inline
export function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(f32x4.mul(a, b), c);
}

/**
 * e^x per lane: x = n·ln 2 + r with |r| ≤ ln 2 / 2, e^r from a degree-6 polynomial (the
 * coefficients of Cephes' expf), 2^n put into the exponent bits. x is clamped to [−87.3, 88.3], so
 * 2^n stays a normal float (below −87.3, e^x is 1.2e-38 instead of smaller or 0).
 */
// @ts-ignore: decorator
@inline
export function vexp(x: v128): v128 {
  x = f32x4.min(f32x4.max(x, f32x4.splat(-87.3)), f32x4.splat(88.3));
  const n = f32x4.nearest(f32x4.mul(x, f32x4.splat(1.44269504088896341)));
  // r = x − n·ln 2, with ln 2 in two parts so that n·ln2Hi is exact
  let r = madd(n, f32x4.splat(-0.693359375), x);
  r = madd(n, f32x4.splat(2.12194440e-4), r);
  let p = f32x4.splat(1.9875691500e-4);
  p = madd(p, r, f32x4.splat(1.3981999507e-3));
  p = madd(p, r, f32x4.splat(8.3334519073e-3));
  p = madd(p, r, f32x4.splat(4.1665795894e-2));
  p = madd(p, r, f32x4.splat(1.6666665459e-1));
  p = madd(p, r, f32x4.splat(5.0000001201e-1));
  p = madd(p, f32x4.mul(r, r), f32x4.add(r, f32x4.splat(1)));
  const scale = i32x4.shl(i32x4.add(i32x4.trunc_sat_f32x4_s(n), i32x4.splat(127)), 23);
  return f32x4.mul(p, scale);
}

/** σ(x) = 1 / (1 + e^−x) per lane. */
// @ts-ignore: decorator
@inline
export function vsigmoid(x: v128): v128 {
  return f32x4.div(f32x4.splat(1), f32x4.add(f32x4.splat(1), vexp(f32x4.neg(x))));
}

/**
 * tanh(x) per lane: x + x³·P(x²) for |x| < 0.625 (Cephes' tanhf polynomial, where 1 − 2/(e^2x + 1)
 * would lose the small result to cancellation), sign(x)·(1 − 2/(e^2|x| + 1)) elsewhere.
 */
// @ts-ignore: decorator
@inline
export function vtanh(x: v128): v128 {
  const ax = f32x4.abs(x);
  const z = f32x4.mul(x, x);
  let p = f32x4.splat(-5.70498872745e-3);
  p = madd(p, z, f32x4.splat(2.06390887954e-2));
  p = madd(p, z, f32x4.splat(-5.37397155531e-2));
  p = madd(p, z, f32x4.splat(1.33314422036e-1));
  p = madd(p, z, f32x4.splat(-3.33332819422e-1));
  const small = madd(f32x4.mul(p, z), x, x);
  const e = vexp(f32x4.add(ax, ax));
  const large = f32x4.sub(f32x4.splat(1), f32x4.div(f32x4.splat(2), f32x4.add(e, f32x4.splat(1))));
  const signed = v128.or(large, v128.and(x, f32x4.splat(-0.0)));
  return v128.bitselect(small, signed, f32x4.lt(ax, f32x4.splat(0.625)));
}
