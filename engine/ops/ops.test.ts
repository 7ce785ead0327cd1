// The op table: every differentiable op, with a generator of random input shapes, run through the
// same finite-difference gradient check (float64) by fast-check. Add an op by adding a row.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../random';
import { gradCheck } from '../testing/gradCheck';
import { type Tensor, zeros } from '../tensor';
import { dropout } from './dropout';
import { add, div, mul, sub } from './elementwise';
import { gatherRows } from './gather';
import { bmm, linear, matmul } from './matmul';
import { gateCount, recurrence, type RecurrentMode } from './recurrence';
import { mean, sum } from './reduce';
import { concat, narrow, permute, reshape, select, slice, stack, transpose, unstack } from './shape';
import { logSoftmax, softmax } from './softmax';
import { exp, log, neg, relu, sigmoid, tanh } from './unary';

/** Where input values are drawn: any in (−1, 1); positive in (0.5, 2); away from zero ±(0.2, 1), for kinks and poles. */
type Domain = 'any' | 'positive' | 'awayFromZero';

/** A drawn case: the input shapes and any extra arguments of the op (lengths, flags, indices). */
interface Drawn {
  shapes: number[][];
  args?: Record<string, unknown>;
}

interface OpRow {
  name: string;
  draw: fc.Arbitrary<Drawn>;
  fn: (xs: Tensor[], args: Record<string, unknown>) => Tensor | Tensor[];
  /** Per input (or for all): the value domain. Default 'any'. */
  domain?: Domain | Domain[];
}

const d = (max = 4): fc.Arbitrary<number> => fc.integer({ min: 1, max });
const shape = (minRank = 1, maxRank = 3): fc.Arbitrary<number[]> =>
  fc.array(d(), { minLength: minRank, maxLength: maxRank });
const one = (s: fc.Arbitrary<number[]>): fc.Arbitrary<Drawn> => s.map((x) => ({ shapes: [x] }));

/** Two shapes that broadcast: b is a (possibly shorter) copy of a with some dims set to 1, or a scalar. */
const broadcastPair: fc.Arbitrary<Drawn> = fc
  .tuple(
    shape(1, 3),
    fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
    fc.integer({ min: 0, max: 2 }),
    fc.boolean(),
  )
  .map(([a, ones, drop, swap]) => {
    const b = a.map((v, i) => (ones[i] ? 1 : v)).slice(Math.min(drop, a.length - 1));
    return { shapes: swap ? [b, a] : [a, b] };
  });

const recurrentCase = (mode: RecurrentMode): fc.Arbitrary<Drawn> =>
  fc
    .record({ T: d(4), B: d(3), H: d(3), reverse: fc.boolean(), padded: fc.boolean(), seed: fc.integer() })
    .map(({ T, B, H, reverse, padded, seed }) => {
      const rng = new Rng(seed);
      const lengths = padded ? Int32Array.from({ length: B }, () => 1 + rng.int(T)) : null;
      const G = gateCount(mode) * H;
      const shapes = [[T, B, G], [G, H], [G], [B, H]];
      if (mode === 'lstm') shapes.push([B, H]);
      return { shapes, args: { reverse, lengths } };
    });

const recurrentRow = (mode: RecurrentMode): OpRow => ({
  name: `recurrence(${mode})`,
  draw: recurrentCase(mode),
  fn: ([xp, W, b, h0, c0], args) => {
    const r = recurrence(mode, xp, W, b, h0, c0 ?? null, {
      reverse: args.reverse as boolean,
      lengths: args.lengths as Int32Array | null,
    });
    return r.cN === null ? [r.output, r.hN] : [r.output, r.hN, r.cN];
  },
});

const rows: OpRow[] = [
  {
    name: 'matmul (all transpose flags)',
    draw: fc.tuple(d(), d(), d(), fc.boolean(), fc.boolean()).map(([m, k, n, transposeA, transposeB]) => ({
      shapes: [transposeA ? [k, m] : [m, k], transposeB ? [n, k] : [k, n]],
      args: { transposeA, transposeB },
    })),
    fn: ([a, b], args) => matmul(a, b, args),
  },
  {
    name: 'bmm',
    draw: fc.tuple(d(3), d(), d(), d()).map(([batch, n, m, p]) => ({
      shapes: [
        [batch, n, m],
        [batch, m, p],
      ],
    })),
    fn: ([a, b]) => bmm(a, b),
  },
  {
    name: 'linear (with and without bias, leading dims)',
    draw: fc.tuple(shape(1, 2), d(), d(), fc.boolean()).map(([lead, i, o, bias]) => ({
      shapes: bias
        ? [[...lead, i], [o, i], [o]]
        : [
            [...lead, i],
            [o, i],
          ],
    })),
    fn: ([x, w, b]) => linear(x, w, b ?? null),
  },
  {
    name: 'linear on a one-hot-like input (the sparse path)',
    draw: fc
      .tuple(d(6), d(8), d(), fc.integer())
      .map(([rows, i, o, seed]) => ({ shapes: [[rows, i], [o, i], [o]], args: { seed } })),
    fn: ([x, w, b], args) => {
      // Keep one entry per row (x's other entries get zero gradient through the mask), so at most a quarter are nonzero when i ≥ 4.
      const rng = new Rng(args.seed as number);
      const [rows, i] = x.shape as [number, number];
      const mask = zeros([rows, i], { dtype: 'float64' });
      for (let r = 0; r < rows; r++) mask.data[r * i + rng.int(i)] = 1;
      return linear(mul(x, mask), w, b);
    },
  },
  { name: 'add (broadcast)', draw: broadcastPair, fn: ([a, b]) => add(a, b) },
  { name: 'sub (broadcast)', draw: broadcastPair, fn: ([a, b]) => sub(a, b) },
  { name: 'mul (broadcast)', draw: broadcastPair, fn: ([a, b]) => mul(a, b) },
  {
    name: 'div (broadcast)',
    draw: broadcastPair,
    fn: ([a, b]) => div(a, b),
    domain: ['any', 'awayFromZero'],
  },
  { name: 'add and mul with a number', draw: one(shape()), fn: ([a]) => mul(add(a, 0.5), 3) },
  { name: 'tanh', draw: one(shape()), fn: ([x]) => tanh(x) },
  { name: 'sigmoid', draw: one(shape()), fn: ([x]) => sigmoid(x) },
  { name: 'relu', draw: one(shape()), fn: ([x]) => relu(x), domain: 'awayFromZero' },
  { name: 'exp', draw: one(shape()), fn: ([x]) => exp(x) },
  { name: 'log', draw: one(shape()), fn: ([x]) => log(x), domain: 'positive' },
  { name: 'neg', draw: one(shape()), fn: ([x]) => neg(x) },
  { name: 'softmax', draw: one(shape()), fn: ([x]) => softmax(x) },
  { name: 'logSoftmax', draw: one(shape()), fn: ([x]) => logSoftmax(x) },
  {
    name: 'softmax and logSoftmax over any dim (negative too)',
    draw: fc
      .tuple(shape(1, 3), fc.nat(), fc.boolean())
      .map(([s, pick, negative]) => ({ shapes: [s], args: { dim: (pick % s.length) - (negative ? s.length : 0) } })),
    fn: ([x], args) => [softmax(x, args.dim as number), logSoftmax(x, args.dim as number)],
  },
  {
    name: 'sum and mean (all, one dim, keepdim)',
    draw: fc
      .tuple(shape(), fc.integer({ min: -3, max: 2 }), fc.boolean(), fc.boolean())
      .map(([s, dim, keepdim, all]) => ({ shapes: [s], args: { dim: all ? undefined : dim % s.length, keepdim } })),
    fn: ([x], args) => [sum(x, args), mean(x, args)],
  },
  {
    name: 'reshape',
    draw: one(shape()),
    fn: ([x]) => mul(reshape(x, [-1]), reshape(x, [x.size, 1])),
  },
  {
    name: 'permute and transpose',
    draw: fc
      .tuple(shape(1, 3), fc.integer())
      .map(([s, seed]) => ({ shapes: [s], args: { perm: new Rng(seed).shuffle(s.map((_, i) => i)) } })),
    fn: ([x], args) => [permute(x, args.perm as number[]), transpose(x, 0, -1)],
  },
  {
    name: 'concat',
    draw: fc.tuple(shape(1, 3), fc.array(d(), { minLength: 1, maxLength: 3 }), fc.nat()).map(([s, sizes, pick]) => {
      const dim = pick % s.length;
      return { shapes: sizes.map((n) => s.map((v, i) => (i === dim ? n : v))), args: { dim } };
    }),
    fn: (xs, args) => concat(xs, args.dim as number),
  },
  {
    name: 'narrow, slice and select',
    draw: fc.tuple(shape(1, 3), fc.nat(), fc.nat(), fc.nat()).map(([s, pick, a, b]) => {
      const dim = pick % s.length;
      const n = s[dim];
      const start = a % n;
      return { shapes: [s], args: { dim, start, length: 1 + (b % (n - start)) } };
    }),
    fn: ([x], args) => {
      const { dim, start, length } = args as { dim: number; start: number; length: number };
      return [narrow(x, dim, start, length), slice(x, dim, start - x.shape[dim]), select(x, dim, start)];
    },
  },
  {
    name: 'stack and unstack',
    draw: fc
      .tuple(shape(1, 2), d(3), fc.nat())
      .map(([s, n, pick]) => ({ shapes: Array.from({ length: n }, () => s), args: { dim: pick % (s.length + 1) } })),
    fn: (xs, args) => [stack(xs, args.dim as number), ...unstack(stack(xs, 0), 0)],
  },
  {
    name: 'gatherRows (repeated indices, padding row)',
    draw: fc
      .tuple(d(5), d(3), fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), fc.boolean())
      .map(([rows, dim, idx, pad]) => ({
        shapes: [[rows, dim]],
        args: { indices: idx.map((i) => i % rows), paddingIdx: pad ? 0 : null },
      })),
    fn: ([w], args) => {
      const out = gatherRows(w, args.indices as number[], { paddingIdx: args.paddingIdx as number | null });
      // With a padding row, its lookups must give no gradient: mask them out of the checked function.
      if (args.paddingIdx === null) return out;
      const keep = zeros(out.shape, { dtype: 'float64' });
      (args.indices as number[]).forEach((i, k) =>
        keep.data.fill(i === 0 ? 0 : 1, k * out.shape[1], (k + 1) * out.shape[1]),
      );
      return mul(out, keep);
    },
  },
  {
    name: 'dropout (fixed mask)',
    draw: fc
      .tuple(shape(), fc.integer(), fc.double({ min: 0, max: 0.9, noNaN: true }))
      .map(([s, seed, p]) => ({ shapes: [s], args: { seed, p } })),
    fn: ([x], args) => dropout(x, args.p as number, { rng: new Rng(args.seed as number) }),
  },
  recurrentRow('rnn_tanh'),
  recurrentRow('rnn_relu'),
  recurrentRow('lstm'),
  recurrentRow('gru'),
];

function draw(s: number[], domain: Domain, rng: Rng): Tensor {
  const t = zeros(s, { dtype: 'float64', requiresGrad: true });
  for (let i = 0; i < t.size; i++) {
    const u = rng.uniform(0.2, 1);
    t.data[i] =
      domain === 'positive'
        ? rng.uniform(0.5, 2)
        : domain === 'awayFromZero'
          ? rng.next() < 0.5
            ? -u
            : u
          : rng.uniform(-1, 1);
  }
  return t;
}

describe('every op passes a finite-difference gradient check on random shapes', () => {
  it.each(rows)('$name', (row) => {
    fc.assert(
      fc.property(row.draw, fc.integer(), ({ shapes, args }, seed) => {
        const rng = new Rng(seed);
        const inputs = shapes.map((s, i) =>
          draw(s, (Array.isArray(row.domain) ? row.domain[i] : row.domain) ?? 'any', rng),
        );
        // rnn_relu keeps its kink at 0; a pre-activation within ε = 1e-6 of it is a ~1e-6 chance per element.
        const result = gradCheck((...xs) => row.fn(xs, args ?? {}), inputs);
        expect(result.maxError, JSON.stringify(result.worst)).toBeLessThan(1e-6);
      }),
      { numRuns: 12 },
    );
  });
});

describe('op errors name the op and both shapes', () => {
  const z = (...s: number[]): Tensor => zeros(s);
  it.each([
    ['matmul', () => matmul(z(2, 3), z(4, 5)), 'matmul: shapes [2,3] and [4,5] do not match'],
    ['linear', () => linear(z(2, 3), z(4, 5)), 'linear: shapes [2,3] and [4,5] do not match'],
    ['bmm', () => bmm(z(2, 3, 4), z(3, 4, 5)), 'bmm: shapes [2,3,4] and [3,4,5] do not match'],
    ['bmm (inner)', () => bmm(z(2, 3, 4), z(2, 3, 5)), 'bmm: shapes [2,3,4] and [2,3,5] do not match'],
    ['softmax', () => softmax(z(2, 3), 2), 'softmax: dim 2 out of range for 2 dimensions'],
    ['logSoftmax', () => logSoftmax(z(2, 3), -3), 'logSoftmax: dim -3 out of range for 2 dimensions'],
    ['add', () => add(z(2, 3), z(4)), 'add: shapes [2,3] and [4] do not broadcast'],
    ['concat', () => concat([z(2, 3), z(3, 3)], 1), 'concat: shapes [2,3] and [3,3] do not match outside dim 1'],
    [
      'recurrence',
      () => recurrence('lstm', z(2, 1, 8), z(4, 2), null, null, null),
      'recurrence(lstm): weight_hh must be [4·H, H], got [4,2]',
    ],
    ['dtype', () => add(z(2), zeros([2], { dtype: 'float64' })), 'add: dtypes float32 and float64 differ'],
  ])('%s', (_name, f, message) => {
    expect(f).toThrow(message);
  });
});

describe('deep unrolls through individual ops', () => {
  it('back-propagates through 1,000 steps of h = tanh(W_xh x_t + W_hh h + b_h)', () => {
    const rng = new Rng(3);
    const p = (s: number[]): Tensor => draw(s, 'any', rng);
    const Wxh = p([4, 2]);
    const Whh = mul(p([4, 4]), 0.3);
    const bh = p([4]);
    let h = zeros([1, 4], { dtype: 'float64' });
    for (let t = 0; t < 1000; t++)
      h = tanh(add(linear(draw([1, 2], 'any', rng), Wxh, bh), matmul(h, Whh, { transposeB: true })));
    sum(h).backward();
    expect(Wxh.grad?.every(Number.isFinite)).toBe(true);
    expect(bh.grad?.some((g) => g !== 0)).toBe(true);
  });
});
