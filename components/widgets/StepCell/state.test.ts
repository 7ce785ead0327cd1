import { describe, expect, it } from 'vitest';
import { DEFAULT_SEQUENCE, stepCellUrl } from './state';

const parse = (query: string) => stepCellUrl.parse(new URLSearchParams(query));

describe('step-cell URL state', () => {
  it('defaults to the five-step example at step 1, carrying h from h_0 = 0', () => {
    expect(parse('')).toEqual({ state: { seq: DEFAULT_SEQUENCE, t: 1, h: [], preset: '' }, notices: [] });
  });

  it('reads the first of a repeated step and says which it used and which it ignored', () => {
    const { state, notices } = parse('step-cell.t=2&step-cell.t=999');
    expect(state.t).toBe(2);
    expect(notices).toEqual(['“step-cell.t” is in the address 2 times; reading the first, “2”, and ignoring “999”.']);
  });

  it('loads an experiment by its preset, under the fields the link gives itself', () => {
    const { state, notices } = parse('step-cell.preset=five-five');
    expect(notices).toEqual([]);
    expect(state).toMatchObject({ t: 2, h: [], preset: '' });
    expect(state.seq[1]).toEqual([5, 5]);
    expect(parse('step-cell.preset=five-five&step-cell.t=3').state.t).toBe(3);
  });

  it('starts over at step 1 when the step is past the end of the sequence, and says so', () => {
    const { state, notices } = parse('step-cell.seq=1,0;0,1;1,1&step-cell.t=4');
    expect(state.t).toBe(1);
    expect(notices).toEqual(['Step 4 is past the end of the 3-step sequence; starting at step 1.']);
  });
});
