// A `preset` in the address loads a widget's example under the link's own fields, as Predict's repeat links need.
import { describe, expect, it } from 'vitest';
import { attentionCalcUrl } from '../widgets/AttentionCalc/state';
import { memoryRuleUrl } from '../widgets/MemoryRule/state';
import { normalizeCalcUrl } from '../widgets/NormalizeCalc/state';

describe('preset links', () => {
  it('load the example, and a field the link gives wins over it', () => {
    const grows = memoryRuleUrl.parse(new URLSearchParams('memory-rule.preset=keep-above-one'));
    expect(grows.notices).toEqual([]);
    expect(grows.state).toMatchObject({ keep: 1.1, mix: 0.5, t: 12, preset: '' });
    const early = memoryRuleUrl.parse(new URLSearchParams('memory-rule.preset=keep-above-one&memory-rule.t=3'));
    expect(early.state).toMatchObject({ keep: 1.1, t: 3 });
    expect(normalizeCalcUrl.parse(new URLSearchParams('normalize-calc.preset=train-six')).state.train).toBe(6);
    expect(attentionCalcUrl.parse(new URLSearchParams('attention-calc.preset=double-s')).state.s).toEqual([4, 2]);
  });

  it('refuse an unknown example with a notice and keep the defaults', () => {
    const { state, notices } = memoryRuleUrl.parse(new URLSearchParams('memory-rule.preset=nope'));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain('memory-rule.preset=nope');
    expect(state).toEqual(memoryRuleUrl.defaults());
  });
});
