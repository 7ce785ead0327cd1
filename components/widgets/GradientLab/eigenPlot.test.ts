import { describe, expect, it } from 'vitest';
import { Window } from 'happy-dom';
import { eigenPlot } from './eigenPlot';

const document = new Window().document as unknown as Document;

describe('eigenPlot', () => {
  it('draws one dot per eigenvalue, the unit circle and the ρ circle, with its name', () => {
    const svg = eigenPlot(
      [
        { re: 0.5, im: 0.3 },
        { re: 0.5, im: -0.3 },
        { re: -0.8, im: 0 },
      ],
      0.8,
      { document, ariaLabel: 'eigenvalues' },
    );
    expect(svg.querySelectorAll('g.dots circle')).toHaveLength(3);
    const lines = [...svg.querySelectorAll('g.line')];
    expect(lines).toHaveLength(2);
    expect(lines[1].getAttribute('stroke-dasharray')).toBe('5 4');
    expect(svg.getAttribute('aria-label')).toBe('eigenvalues');
    expect(svg.getAttribute('width')).toBe('240');
  });

  it('widens its axes for a radius beyond the unit circle, keeping it square', () => {
    const small = eigenPlot([{ re: 0.2, im: 0 }], 0.2, { document });
    const large = eigenPlot([{ re: 1.9, im: 0 }], 1.9, { document, size: 200 });
    const ticks = (svg: Element): number[] =>
      [...svg.querySelectorAll('g.x-tick-labels text')].map((t) => Number((t.textContent ?? '').replace('−', '-')));
    expect(Math.max(...ticks(large))).toBeGreaterThan(Math.max(...ticks(small)));
    expect(large.getAttribute('width')).toBe(large.getAttribute('height'));
  });
});
