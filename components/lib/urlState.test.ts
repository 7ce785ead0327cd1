import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bool, field, int, num, oneOf, text, urlState, vector, vectorList } from './urlState';

const spec = {
  t: field(int(1, 8), 1, 'time step'),
  lr: field(num(0, 1), 0.1, 'learning rate'),
  act: field(oneOf(['tanh', 'relu'] as const), 'tanh', 'activation'),
  clip: field(bool(), false, 'clipping on'),
  seq: field(
    vectorList(2, 4, -5, 5),
    [
      [1, 0],
      [0, 1],
    ],
    'inputs',
  ),
  h: field(vector(3, -5, 5), [0, 0, 0], 'state'),
  words: field(text(10), 'hello', 'text'),
};
const state = urlState('w', spec);

describe('urlState', () => {
  it('gives the defaults for an empty query, with no notice', () => {
    const { state: s, notices } = state.parse(new URLSearchParams(''));
    expect(s).toEqual({
      t: 1,
      lr: 0.1,
      act: 'tanh',
      clip: false,
      seq: [
        [1, 0],
        [0, 1],
      ],
      h: [0, 0, 0],
      words: 'hello',
    });
    expect(notices).toEqual([]);
  });

  it('reads namespaced values and ignores other widgets’ keys', () => {
    const { state: s } = state.parse(new URLSearchParams('w.t=3&w.act=relu&w.clip=1&w.seq=1,2;3,4;-1,0.5&other.t=7'));
    expect(s.t).toBe(3);
    expect(s.act).toBe('relu');
    expect(s.clip).toBe(true);
    expect(s.seq).toEqual([
      [1, 2],
      [3, 4],
      [-1, 0.5],
    ]);
  });

  it('replaces invalid values by defaults and says why', () => {
    const { state: s, notices } = state.parse(
      new URLSearchParams('w.t=99&w.lr=abc&w.act=sigmoid&w.h=1,2&w.words=far%20too%20long%20text'),
    );
    expect(s.t).toBe(1);
    expect(s.lr).toBe(0.1);
    expect(s.act).toBe('tanh');
    expect(s.h).toEqual([0, 0, 0]);
    expect(s.words).toBe('hello');
    expect(notices).toHaveLength(5);
    expect(notices[0]).toContain('w.t=99');
    expect(notices[0]).toContain('from 1 to 8');
  });

  it('writes only what differs from the defaults and keeps foreign keys', () => {
    const params = new URLSearchParams('other=1&w.t=5');
    state.write({ ...state.defaults(), act: 'relu' }, params);
    expect(params.toString()).toBe('other=1&w.act=relu');
  });

  it('round-trips any valid state through the URL', () => {
    const vec = (n: number) =>
      fc.array(
        fc.double({ min: -5, max: 5, noNaN: true }).map((x) => Number(x.toPrecision(6))),
        { minLength: n, maxLength: n },
      );
    fc.assert(
      fc.property(
        fc.record({
          t: fc.integer({ min: 1, max: 8 }),
          lr: fc.double({ min: 0, max: 1, noNaN: true }).map((x) => Number(x.toPrecision(6))),
          act: fc.constantFrom('tanh' as const, 'relu' as const),
          clip: fc.boolean(),
          seq: fc.array(vec(2), { minLength: 1, maxLength: 4 }),
          h: vec(3),
          words: fc.string({ maxLength: 10 }),
        }),
        (s) => {
          const params = new URLSearchParams();
          state.write(s, params);
          const back = state.parse(new URLSearchParams(params.toString()));
          expect(back.notices).toEqual([]);
          expect(back.state).toEqual(s);
        },
      ),
    );
  });
});
