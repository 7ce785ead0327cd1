// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { barExtents, signedBars } from './bars';

describe('signed bars', () => {
  it('gives each value a half-width proportional to |value|, capped at half the track', () => {
    expect(barExtents([0.5, -1, 3, 0], 1)).toEqual([25, 50, 50, 0]);
    expect(barExtents([Number.NaN], 1)).toEqual([50]);
    expect(barExtents([0.5], 0)).toEqual([25]);
  });

  it('draws negative bars to the left of the centre, positive to the right, with the numbers as text', () => {
    const list = signedBars([0.25, -0.5], 1, 'δ_3');
    expect(list.getAttribute('aria-label')).toBe('δ_3');
    const fills = [...list.querySelectorAll<HTMLElement>('.bs-fill')];
    expect(fills[0].className).toContain('pos');
    expect(fills[0].getAttribute('style')).toBe('left:50%;width:12.5%');
    expect(fills[1].className).toContain('neg');
    expect(fills[1].getAttribute('style')).toBe('right:50%;width:25.0%');
    expect([...list.querySelectorAll('.bs-value')].map((n) => n.textContent)).toEqual(['0.250', '−0.500']);
  });
});
