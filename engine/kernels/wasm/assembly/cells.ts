// The pointwise half of one recurrent step, forward and backward, four lanes at a time: the same
// equations as ../../cells.f32.ts (read that file for the math), over B rows of H values. Layouts
// are those of cells.f32.ts; every pointer is a byte address of the step's first row.
// A row b is valid at step t when lengths is 0 or t < lengths[b]; a padded row carries its state.

import { vsigmoid, vtanh } from './vector';

/** Four lanes from p, or one into lane 0 for a row's last H mod 4 values. */
// @ts-ignore: decorator
@inline
function ld(p: usize, full: bool): v128 {
  return full ? v128.load(p) : v128.load32_zero(p);
}

/** Four lanes to p, or lane 0 only. */
// @ts-ignore: decorator
@inline
function st(p: usize, v: v128, full: bool): void {
  if (full) v128.store(p, v);
  else v128.store32_lane(p, v, 0);
}

/** Whether row b takes part in step t. */
// @ts-ignore: decorator
@inline
export function valid(lengths: usize, b: i32, t: i32): bool {
  return lengths === 0 || t < load<i32>(lengths + (<usize>b << 2));
}

/** Elman RNN forward: h = tanh(a) or relu(a) in place on the new slot. */
export function rnnForward(B: i32, H: i32, relu: bool, hPrev: usize, hNew: usize, lengths: usize, t: i32): void {
  const row = <usize>H << 2;
  for (let b = 0; b < B; b++) {
    const p = hPrev + <usize>b * row;
    const q = hNew + <usize>b * row;
    if (!valid(lengths, b, t)) {
      memory.copy(q, p, row);
      continue;
    }
    let j = 0;
    for (; j + 4 <= H; j += 4) rnnLanes(q + (<usize>j << 2), relu, true);
    for (; j < H; j++) rnnLanes(q + (<usize>j << 2), relu, false);
  }
}

// @ts-ignore: decorator
@inline
function rnnLanes(q: usize, relu: bool, full: bool): void {
  const a = ld(q, full);
  // relu as `a > 0 ? a : 0`, so NaN and −0 give 0 as in the JS kernel
  st(q, relu ? v128.and(a, f32x4.gt(a, f32x4.splat(0))) : vtanh(a), full);
}

/** Elman RNN backward: dA = (dh + dOut)·act′, dh = 0 (padded rows: dA = 0, dh kept). dOut 0: none. */
export function rnnBackward(
  B: i32,
  H: i32,
  relu: bool,
  hNew: usize,
  dOut: usize,
  dh: usize,
  dA: usize,
  lengths: usize,
  t: i32,
): void {
  const row = <usize>H << 2;
  for (let b = 0; b < B; b++) {
    const o = <usize>b * row;
    if (!valid(lengths, b, t)) {
      memory.fill(dA + o, 0, row);
      continue;
    }
    let j = 0;
    for (; j + 4 <= H; j += 4) rnnBackLanes(o + (<usize>j << 2), relu, hNew, dOut, dh, dA, true);
    for (; j < H; j++) rnnBackLanes(o + (<usize>j << 2), relu, hNew, dOut, dh, dA, false);
  }
}

// @ts-ignore: decorator
@inline
function rnnBackLanes(o: usize, relu: bool, hNew: usize, dOut: usize, dh: usize, dA: usize, full: bool): void {
  let g = ld(dh + o, full);
  if (dOut !== 0) g = f32x4.add(g, ld(dOut + o, full));
  const h = ld(hNew + o, full);
  const d = relu
    ? v128.and(g, f32x4.gt(h, f32x4.splat(0)))
    : f32x4.mul(g, f32x4.sub(f32x4.splat(1), f32x4.mul(h, h)));
  st(dA + o, d, full);
  st(dh + o, f32x4.splat(0), full);
}

/** LSTM forward: gates (i f g o pre-activations in G) → activations, then c, tanh(c), h. */
export function lstmForward(
  B: i32,
  H: i32,
  G: usize,
  hPrev: usize,
  cPrev: usize,
  hNew: usize,
  cNew: usize,
  TC: usize,
  lengths: usize,
  t: i32,
): void {
  const row = <usize>H << 2;
  for (let b = 0; b < B; b++) {
    const gb = G + <usize>b * (row << 2);
    const o = <usize>b * row;
    if (!valid(lengths, b, t)) {
      memory.copy(hNew + o, hPrev + o, row);
      memory.copy(cNew + o, cPrev + o, row);
      memory.fill(TC + o, 0, row);
      memory.fill(gb, 0, row << 2);
      continue;
    }
    let j = 0;
    for (; j + 4 <= H; j += 4) lstmLanes(gb + (<usize>j << 2), row, o + (<usize>j << 2), cPrev, hNew, cNew, TC, true);
    for (; j < H; j++) lstmLanes(gb + (<usize>j << 2), row, o + (<usize>j << 2), cPrev, hNew, cNew, TC, false);
  }
}

// @ts-ignore: decorator
@inline
function lstmLanes(g: usize, row: usize, o: usize, cPrev: usize, hNew: usize, cNew: usize, TC: usize, full: bool): void {
  const i = vsigmoid(ld(g, full));
  const f = vsigmoid(ld(g + row, full));
  const gg = vtanh(ld(g + 2 * row, full));
  const og = vsigmoid(ld(g + 3 * row, full));
  const c = f32x4.add(f32x4.mul(f, ld(cPrev + o, full)), f32x4.mul(i, gg));
  const tc = vtanh(c);
  st(g, i, full);
  st(g + row, f, full);
  st(g + 2 * row, gg, full);
  st(g + 3 * row, og, full);
  st(cNew + o, c, full);
  st(TC + o, tc, full);
  st(hNew + o, f32x4.mul(og, tc), full);
}

/** LSTM backward through one step's pointwise part (see cells.f32.ts lstmBackward). dOut 0: none. */
export function lstmBackward(
  B: i32,
  H: i32,
  G: usize,
  cPrev: usize,
  TC: usize,
  dOut: usize,
  dh: usize,
  dc: usize,
  dG: usize,
  lengths: usize,
  t: i32,
): void {
  const row = <usize>H << 2;
  for (let b = 0; b < B; b++) {
    const gb = G + <usize>b * (row << 2);
    const db = dG + <usize>b * (row << 2);
    const o = <usize>b * row;
    if (!valid(lengths, b, t)) {
      memory.fill(db, 0, row << 2);
      continue;
    }
    let j = 0;
    for (; j + 4 <= H; j += 4) lstmBackLanes(gb, db, row, o, j, cPrev, TC, dOut, dh, dc, true);
    for (; j < H; j++) lstmBackLanes(gb, db, row, o, j, cPrev, TC, dOut, dh, dc, false);
  }
}

// @ts-ignore: decorator
@inline
function lstmBackLanes(
  gb: usize,
  db: usize,
  row: usize,
  o: usize,
  j: i32,
  cPrev: usize,
  TC: usize,
  dOut: usize,
  dh: usize,
  dc: usize,
  full: bool,
): void {
  const x = <usize>j << 2;
  const one = f32x4.splat(1);
  let gh = ld(dh + o + x, full);
  if (dOut !== 0) gh = f32x4.add(gh, ld(dOut + o + x, full));
  const i = ld(gb + x, full);
  const f = ld(gb + row + x, full);
  const g = ld(gb + 2 * row + x, full);
  const og = ld(gb + 3 * row + x, full);
  const tc = ld(TC + o + x, full);
  const dct = f32x4.add(ld(dc + o + x, full), f32x4.mul(f32x4.mul(gh, og), f32x4.sub(one, f32x4.mul(tc, tc))));
  st(db + x, f32x4.mul(f32x4.mul(dct, g), f32x4.mul(i, f32x4.sub(one, i))), full);
  st(db + row + x, f32x4.mul(f32x4.mul(dct, ld(cPrev + o + x, full)), f32x4.mul(f, f32x4.sub(one, f))), full);
  st(db + 2 * row + x, f32x4.mul(f32x4.mul(dct, i), f32x4.sub(one, f32x4.mul(g, g))), full);
  st(db + 3 * row + x, f32x4.mul(f32x4.mul(gh, tc), f32x4.mul(og, f32x4.sub(one, og))), full);
  st(dc + o + x, f32x4.mul(dct, f), full);
  st(dh + o + x, f32x4.splat(0), full);
}

/** GRU forward: r, z, n from G (input parts) and Hp (W_hh h + b_hh, [B, 3H]); keeps W_hn h + b_hn in HN. */
export function gruForward(
  B: i32,
  H: i32,
  G: usize,
  Hp: usize,
  hPrev: usize,
  hNew: usize,
  HN: usize,
  lengths: usize,
  t: i32,
): void {
  const row = <usize>H << 2;
  for (let b = 0; b < B; b++) {
    const gb = G + <usize>b * 3 * row;
    const hb = Hp + <usize>b * 3 * row;
    const o = <usize>b * row;
    if (!valid(lengths, b, t)) {
      memory.copy(hNew + o, hPrev + o, row);
      memory.fill(HN + o, 0, row);
      memory.fill(gb, 0, 3 * row);
      continue;
    }
    let j = 0;
    for (; j + 4 <= H; j += 4) gruLanes(gb, hb, row, o, j, hPrev, hNew, HN, true);
    for (; j < H; j++) gruLanes(gb, hb, row, o, j, hPrev, hNew, HN, false);
  }
}

// @ts-ignore: decorator
@inline
function gruLanes(gb: usize, hb: usize, row: usize, o: usize, j: i32, hPrev: usize, hNew: usize, HN: usize, full: bool): void {
  const x = <usize>j << 2;
  const r = vsigmoid(f32x4.add(ld(gb + x, full), ld(hb + x, full)));
  const z = vsigmoid(f32x4.add(ld(gb + row + x, full), ld(hb + row + x, full)));
  const hn = ld(hb + 2 * row + x, full);
  const n = vtanh(f32x4.add(ld(gb + 2 * row + x, full), f32x4.mul(r, hn)));
  st(gb + x, r, full);
  st(gb + row + x, z, full);
  st(gb + 2 * row + x, n, full);
  st(HN + o + x, hn, full);
  const h = f32x4.add(f32x4.mul(f32x4.sub(f32x4.splat(1), z), n), f32x4.mul(z, ld(hPrev + o + x, full)));
  st(hNew + o + x, h, full);
}

/** GRU backward through one step's pointwise part (see cells.f32.ts gruBackward). dOut 0: none. */
export function gruBackward(
  B: i32,
  H: i32,
  G: usize,
  hPrev: usize,
  HN: usize,
  dOut: usize,
  dh: usize,
  dX: usize,
  dHp: usize,
  lengths: usize,
  t: i32,
): void {
  const row = <usize>H << 2;
  for (let b = 0; b < B; b++) {
    const gb = G + <usize>b * 3 * row;
    const xb = dX + <usize>b * 3 * row;
    const hb = dHp + <usize>b * 3 * row;
    const o = <usize>b * row;
    if (!valid(lengths, b, t)) {
      memory.fill(xb, 0, 3 * row);
      memory.fill(hb, 0, 3 * row);
      continue;
    }
    let j = 0;
    for (; j + 4 <= H; j += 4) gruBackLanes(gb, xb, hb, row, o, j, hPrev, HN, dOut, dh, true);
    for (; j < H; j++) gruBackLanes(gb, xb, hb, row, o, j, hPrev, HN, dOut, dh, false);
  }
}

// @ts-ignore: decorator
@inline
function gruBackLanes(
  gb: usize,
  xb: usize,
  hb: usize,
  row: usize,
  o: usize,
  j: i32,
  hPrev: usize,
  HN: usize,
  dOut: usize,
  dh: usize,
  full: bool,
): void {
  const x = <usize>j << 2;
  const one = f32x4.splat(1);
  let gh = ld(dh + o + x, full);
  if (dOut !== 0) gh = f32x4.add(gh, ld(dOut + o + x, full));
  const r = ld(gb + x, full);
  const z = ld(gb + row + x, full);
  const n = ld(gb + 2 * row + x, full);
  const dnp = f32x4.mul(f32x4.mul(gh, f32x4.sub(one, z)), f32x4.sub(one, f32x4.mul(n, n)));
  const drp = f32x4.mul(f32x4.mul(dnp, ld(HN + o + x, full)), f32x4.mul(r, f32x4.sub(one, r)));
  const dzp = f32x4.mul(f32x4.mul(gh, f32x4.sub(ld(hPrev + o + x, full), n)), f32x4.mul(z, f32x4.sub(one, z)));
  st(xb + x, drp, full);
  st(xb + row + x, dzp, full);
  st(xb + 2 * row + x, dnp, full);
  st(hb + x, drp, full);
  st(hb + row + x, dzp, full);
  st(hb + 2 * row + x, f32x4.mul(dnp, r), full);
  st(dh + o + x, f32x4.mul(gh, z), full);
}
