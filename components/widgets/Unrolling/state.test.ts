import { describe, expect, it } from 'vitest';
import { unrollingUrl } from './state';

const parse = (query: string) => unrollingUrl.parse(new URLSearchParams(query));

describe('unrolling URL state', () => {
  it('defaults to “hello” at step 1, unrolled, normal speed', () => {
    expect(parse('')).toEqual({
      state: { text: 'hello', t: 1, view: 'unrolled', speed: 'normal', preset: '' },
      notices: [],
    });
  });

  it('reads its namespaced fields and round-trips them', () => {
    const { state, notices } = parse(
      'unrolling.text=the%20cat&unrolling.t=4&unrolling.view=folded&unrolling.speed=fast',
    );
    expect(notices).toEqual([]);
    expect(state).toEqual({ text: 'the cat', t: 4, view: 'folded', speed: 'fast', preset: '' });
    const params = new URLSearchParams();
    unrollingUrl.write(state, params);
    expect(parse(params.toString()).state).toEqual(state);
  });

  it('loads an experiment by its preset', () => {
    const { state, notices } = parse('unrolling.preset=hello-second-l&unrolling.speed=slow');
    expect(notices).toEqual([]);
    expect(state).toEqual({ text: 'hello', t: 4, view: 'unrolled', speed: 'slow', preset: '' });
  });

  it('replaces out-of-range values by defaults with a notice each', () => {
    const { state, notices } = parse(
      `unrolling.t=0&unrolling.view=sideways&unrolling.speed=warp&unrolling.text=${'a'.repeat(201)}`,
    );
    expect(state).toEqual(unrollingUrl.defaults());
    expect(notices).toHaveLength(4);
    expect(notices.join(' ')).toContain('unrolling.view=sideways');
  });

  it('starts over at step 1 when the step is past the characters the network reads, and says so', () => {
    const { state, notices } = parse('unrolling.text=abc&unrolling.t=7');
    expect(state.t).toBe(1);
    expect(notices).toEqual(['Step 7 is past the end of the 3-character sequence; starting at step 1.']);
  });
});
