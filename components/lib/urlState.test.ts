import { afterEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import {
  bool,
  choiceList,
  distinctNumberList,
  field,
  int,
  num,
  numberList,
  oneOf,
  text,
  urlState,
  vector,
  vectorList,
} from './urlState';

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

  it('reads the first of a repeated parameter and says which value it used and which it ignored', () => {
    const twice = state.parse(new URLSearchParams('w.t=2&w.t=999'));
    expect(twice.state.t).toBe(2);
    expect(twice.notices).toEqual(['“w.t” is in the address 2 times; reading the first, “2”, and ignoring “999”.']);
    const many = state.parse(new URLSearchParams('w.act=relu&w.act=tanh&w.act=x&w.act=y&w.act=z'));
    expect(many.state.act).toBe('relu');
    expect(many.notices).toEqual([
      '“w.act” is in the address 5 times; reading the first, “relu”, and ignoring “tanh”, “x”, “y” and 1 more.',
    ]);
    // A bad first value falls back to the default, and both notices name the field.
    const bad = state.parse(new URLSearchParams('w.t=0&w.t=3'));
    expect(bad.state.t).toBe(1);
    expect(bad.notices).toEqual([
      '“w.t” is in the address 2 times; reading the first, “0”, and ignoring “3”.',
      '“w.t=0” must be from 1 to 8; using the default instead.',
    ]);
  });

  it('spells out control and bidi characters from the URL, so they cannot reorder a notice', () => {
    // U+202E (right-to-left override) would display the rest of the notice backwards; U+0000 and a newline hide text.
    const { notices } = state.parse(new URLSearchParams('w.act=\u202Eabc&w.words=a\u0000b\nc\u2066d&w.t=1&w.t=\u200F'));
    expect(notices.join(' ')).not.toMatch(/[\p{Cc}\p{Cf}]/u);
    expect(notices).toEqual([
      '“w.t” is in the address 2 times; reading the first, “1”, and ignoring “[U+200F]”.',
      '“w.act=[U+202E]abc” must be one of tanh, relu; using the default instead.',
    ]);
    // Valid text keeps its characters: the notice quotes it only when it is rejected.
    expect(state.parse(new URLSearchParams('w.words=a\u0000b')).state.words).toBe('a\u0000b');
    const long = state.parse(new URLSearchParams(`w.act=${'\u202E'.repeat(100)}`)).notices[0];
    expect(long).toContain(`${'[U+202E]'.repeat(40)}…”`);
  });

  it('makes the fields consistent with each other after parsing, and says so', () => {
    const consistent = urlState('w', spec, {
      reconcile(s, given) {
        if (s.t <= s.seq.length) return [];
        s.t = 1;
        return [`step past the end${given.has('seq') ? ' of the given sequence' : ''}`];
      },
    });
    expect(consistent.parse(new URLSearchParams('w.t=3'))).toMatchObject({
      state: { t: 1 },
      notices: ['step past the end'],
    });
    expect(consistent.parse(new URLSearchParams('w.t=3&w.seq=1,1;2,2;3,3')).state.t).toBe(3);
    expect(consistent.parse(new URLSearchParams('w.t=4&w.seq=1,1')).notices).toEqual([
      'step past the end of the given sequence',
    ]);
  });

  describe('load', () => {
    /** A page at `href`: `location` follows `history.replaceState`, which is counted. */
    const page = (href: string) => {
      const url = { href };
      const replaceState = vi.fn((_data: unknown, _unused: string, next: URL | string) => {
        url.href = String(next);
      });
      vi.stubGlobal('location', {
        get href() {
          return url.href;
        },
        get search() {
          return new URL(url.href).search;
        },
      });
      vi.stubGlobal('history', { state: null, replaceState });
      // save() tells the page's listeners (an embed page's host messages) through a window event.
      vi.stubGlobal('window', new EventTarget());
      return { url, replaceState };
    };
    afterEach(() => {
      vi.unstubAllGlobals();
    });

    it('leaves a clean URL alone', () => {
      const { url, replaceState } = page('https://x.test/ch/?w.t=3&w.lr=0.10&other=1#top');
      expect(state.load().state).toMatchObject({ t: 3, lr: 0.1 });
      expect(replaceState).not.toHaveBeenCalled();
      expect(url.href).toBe('https://x.test/ch/?w.t=3&w.lr=0.10&other=1#top');
    });

    it('writes the values actually used back into the URL after a bad, repeated or inconsistent one', () => {
      const { url, replaceState } = page('https://x.test/ch/?w.t=99&w.act=relu&w.act=tanh&w.lr=0.5&other=1#top');
      const { state: used, notices } = state.load();
      expect(notices).toHaveLength(2);
      expect(replaceState).toHaveBeenCalledTimes(1);
      // t=99 is gone (the default is used), act keeps only the value read; valid and foreign parameters stay.
      expect(url.href).toBe('https://x.test/ch/?w.act=relu&w.lr=0.5&other=1#top');
      expect(state.read()).toEqual({ state: used, notices: [] });

      const consistent = urlState('w', spec, {
        reconcile(s) {
          if (s.t <= s.seq.length) return [];
          s.t = s.seq.length;
          return ['step past the end'];
        },
      });
      page('https://x.test/?w.t=5');
      consistent.load();
      expect(location.href).toBe('https://x.test/?w.t=2');
    });

    it('still starts when the browser refuses to change the address (as some do in a sandboxed frame)', () => {
      const { replaceState } = page('https://x.test/?w.t=99');
      replaceState.mockImplementation(() => {
        throw new DOMException('refused', 'SecurityError');
      });
      expect(state.load()).toMatchObject({ state: { t: 1 }, notices: [expect.stringContaining('w.t=99')] });
      expect(replaceState).toHaveBeenCalledTimes(1);
    });
  });
});

describe('numberList', () => {
  const codec = numberList(4, -5, 5);
  it('reads commas and spaces, and writes the shortest form', () => {
    expect(codec.parse('1, 0,0 ,2')).toEqual({ value: [1, 0, 0, 2] });
    expect(codec.format([0.5, -1, 2])).toBe('0.5,-1,2');
  });
  it('names the entry that is refused, and refuses empty or too long lists', () => {
    expect(codec.parse('1,x,2')).toEqual({ error: 'entry 2 must be a number from -5 to 5' });
    expect(codec.parse('1,9')).toEqual({ error: 'entry 2 must be from -5 to 5' });
    expect(codec.parse('')).toEqual({ error: 'must list 1 to 4 numbers separated by commas' });
    expect(codec.parse('1,2,3,4,5')).toEqual({ error: 'must list 1 to 4 numbers separated by commas' });
    expect(codec.parse('1,,2')).toEqual({ error: 'entry 2 must be a number from -5 to 5' });
  });
  it('reads back what it writes', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 1, maxLength: 4 }), (xs) => {
        const parsed = codec.parse(codec.format(xs));
        expect(parsed).toEqual({ value: xs.map((x) => Number(codec.format([x]))) });
      }),
    );
  });
});

describe('list codecs', () => {
  const sizes = distinctNumberList(int(8, 512), 6);
  const rates = distinctNumberList(num(1e-5, 1), 6);
  const cells = choiceList(['rnn', 'gru', 'lstm'] as const);

  it('reads a list of numbers in range, in its order and without repeats, and writes it back', () => {
    expect(sizes.parse('256, 64,128,64')).toEqual({ value: [256, 64, 128] });
    expect(rates.parse('0.001,1e-4')).toEqual({ value: [0.001, 0.0001] });
    expect(sizes.format([64, 128, 256])).toBe('64,128,256');
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 8, max: 512 }), { minLength: 1, maxLength: 6 }), (xs) => {
        expect(sizes.parse(sizes.format(xs))).toEqual({ value: xs });
      }),
    );
  });

  it('refuses an empty list, too many entries, and an entry out of range, naming it', () => {
    expect(sizes.parse('')).toEqual({ error: 'must list 1 to 6 comma-separated numbers' });
    expect(sizes.parse('8,16,32,64,128,256,512')).toEqual({ error: 'must list 1 to 6 comma-separated numbers' });
    expect(sizes.parse('64,9999')).toEqual({ error: 'each entry must be from 8 to 512 (“9999” is not)' });
    expect(sizes.parse('64,abc')).toEqual({
      error: 'each entry must be a whole number from 8 to 512 (“abc” is not)',
    });
  });

  it('reads a list of choices in the order given, each once', () => {
    expect(cells.parse('lstm,gru,lstm')).toEqual({ value: ['lstm', 'gru'] });
    expect(cells.parse('gru,transformer')).toEqual({
      error: 'must list one or more of rnn, gru, lstm, separated by commas',
    });
    expect(cells.format(['gru', 'lstm'])).toBe('gru,lstm');
  });
});
