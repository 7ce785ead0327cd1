import { describe, expect, it } from 'vitest';
import { DEFAULT_SEQUENCE, liveEquationUrl } from './state';

const parse = (query: string) => liveEquationUrl.parse(new URLSearchParams(query));

describe('live-equation URL state', () => {
  it('defaults to the step-cell sequence at step 1 with tanh', () => {
    expect(parse('')).toEqual({ state: { seq: DEFAULT_SEQUENCE, t: 1, act: 'tanh', preset: '' }, notices: [] });
  });

  it('reads and round-trips its fields', () => {
    const { state, notices } = parse('live-equation.seq=1,0;0.5,-1&live-equation.t=2&live-equation.act=relu');
    expect(notices).toEqual([]);
    expect(state).toEqual({
      seq: [
        [1, 0],
        [0.5, -1],
      ],
      t: 2,
      act: 'relu',
      preset: '',
    });
    const params = new URLSearchParams();
    liveEquationUrl.write(state, params);
    expect(parse(params.toString()).state).toEqual(state);
  });

  it('loads an experiment by its preset', () => {
    const { state, notices } = parse('live-equation.preset=relu-step-4');
    expect(notices).toEqual([]);
    expect(state).toMatchObject({ seq: DEFAULT_SEQUENCE, t: 4, act: 'relu', preset: '' });
  });

  it('replaces bad values by defaults with a notice each', () => {
    const { state, notices } = parse('live-equation.seq=1,2,3&live-equation.t=9&live-equation.act=sigmoid');
    expect(state).toEqual(liveEquationUrl.defaults());
    expect(notices).toHaveLength(3);
    expect(notices.join(' ')).toContain('live-equation.act=sigmoid');
  });

  it('starts over at step 1 when the step is past the end of the sequence, and says so', () => {
    const { state, notices } = parse('live-equation.seq=1,0;0,1&live-equation.t=5');
    expect(state.t).toBe(1);
    expect(notices).toEqual(['Step 5 is past the end of the 2-step sequence; starting at step 1.']);
  });
});
