// The teacher forcing lab's chart: a line and a dot per finite error, a bold segment per generated week, ticks on day 1
// and each week's end, the y axis from zero, one arrow per axis label, and a named image.
import { describe, expect, it } from 'vitest';
import { Window } from 'happy-dom';
import { generationChart } from './generationChart';

const document = new Window().document as unknown as Document;

describe('generationChart', () => {
  it('draws each generator, its weekly means and the axes as Plot laid them out', () => {
    const errors = Array.from({ length: 28 }, (_, i) => 300 + 8 * i);
    const svg = generationChart(
      [
        { name: 'teacher forcing', errors, color: '#1f77b4' },
        { name: 'diverged', errors: errors.map((e, i) => (i === 3 ? NaN : e + 50)), color: '#d35400', dash: 'dashed' },
        { name: 'one step', errors: errors.map(() => 290), color: '#2a9134', dash: 'dotted', weeks: false },
      ],
      { document, ariaLabel: 'Errors by generated day' },
    );
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-label')).toBe('Errors by generated day');
    expect(svg.querySelectorAll('g.line path')).toHaveLength(3);
    expect([...svg.querySelectorAll('g.dots')].map((g) => g.querySelectorAll('circle').length)).toEqual([28, 27, 28]);
    // Four weeks for the first two generators (the second's first week has six finite days), none for the third.
    const weeks = [...svg.querySelectorAll('g.weeks')];
    expect(weeks.map((g) => g.querySelectorAll('line').length)).toEqual([4, 4]);
    expect(weeks.map((g) => g.getAttribute('stroke-dasharray'))).toEqual([null, '7 4']);
    // The first week's mean of 300 + 8i over days 1–7 is 324, drawn from day 0.6 to day 7.4.
    const x = (day: number) => 56 + ((day - 1) * (560 - 20 - 56)) / 27;
    const first = weeks[0].querySelector('line')!;
    expect(Number(first.getAttribute('x1'))).toBeCloseTo(x(0.6), 6);
    expect(Number(first.getAttribute('x2'))).toBeCloseTo(x(7.4), 6);
    const yMax = 300 + 8 * 27 + 50;
    expect(Number(first.getAttribute('y1'))).toBeCloseTo(270 - (324 / yMax) * 250, 6);
    const text = (sel: string) => [...svg.querySelectorAll(sel)].map((t) => t.textContent);
    expect(text('g.x-tick-labels text')).toEqual(['1', '7', '14', '21', '28']);
    expect(text('g.y-tick-labels text')[0]).toBe('0');
    expect(text('text.x-label')).toEqual(['generated day →']);
    expect(text('text.y-label')).toEqual(['↑ error, births per day']);
  });
});
